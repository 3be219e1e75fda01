import { Command, CommanderError } from 'commander';

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: CliIo = {
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
};

/** Exit code for bad usage or unreadable input, as opposed to 1 for plan errors. */
export const EXIT_USAGE = 2;

/**
 * Runs `data-plan` with the given arguments (without the node and script paths) and
 * resolves to the process exit code. Never throws.
 */
export async function runCli(
  args: string[],
  io: CliIo = processIo,
): Promise<number> {
  const program = new Command('data-plan')
    .description(
      'Inspect, lint and check Dataplan implementation plans (PLAN.md) of layered Snowflake projects.',
    )
    .version(readVersion(), '-V, --version')
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      outputError: (text, write) => write(text),
    })
    .showHelpAfterError('(run data-plan --help for usage)');

  try {
    await program.parseAsync(args, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    io.stderr(`data-plan: ${String((error as Error)?.message ?? error)}\n`);
    return EXIT_USAGE;
  }
}

function readVersion(): string {
  // Resolved at run time so that the same code works from src/ and from dist/.
  // eslint-disable-next-line @backstage/no-relative-monorepo-imports
  return require('../package.json').version;
}
