import {
  PlanPolicy,
  PolicyFacts,
  resolvePolicy,
} from '@dataplan/plugin-data-plan-common';
import {
  Command,
  CommanderError,
  InvalidArgumentError,
  Option,
} from 'commander';
import { checkCommand } from './commands/check';
import { inspectCommand } from './commands/inspect';
import { lintCommand } from './commands/lint';
import { orderCommand } from './commands/order';
import { CliIo, processIo } from './io';
import { readPolicyFile } from './readPolicyFile';

/** Exit code for bad usage or unreadable input, as opposed to 1 for plan errors. */
export const EXIT_USAGE = 2;

function readVersion(): string {
  // Read at run time so that the same code works from src/ and from dist/.
  // eslint-disable-next-line @backstage/no-relative-monorepo-imports
  return require('../package.json').version;
}

interface PolicyOptions {
  policy?: string;
  owner?: string;
  system?: string;
  lifecycle?: string;
  tag?: string[];
}

/** The policy file's policy for the project the options describe, and its scope's name. */
async function policyFrom(
  options: PolicyOptions,
): Promise<{ policy?: PlanPolicy; policyScope?: string }> {
  if (!options.policy) return {};
  const facts: PolicyFacts = {};
  if (options.owner !== undefined) facts.owner = options.owner;
  if (options.system !== undefined) facts.system = options.system;
  if (options.lifecycle !== undefined) facts.lifecycle = options.lifecycle;
  if (options.tag !== undefined) facts.tags = options.tag;
  const { name, policy } = resolvePolicy(
    await readPolicyFile(options.policy),
    facts,
  );
  return { policy, policyScope: name };
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** A `YYYY-MM-DD` date of the calendar, as given. */
function calendarDate(value: string): string {
  const time = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(value) : NaN;
  // Date.parse takes 2025-02-30 as March 2nd: the date must come back as written.
  if (
    Number.isNaN(time) ||
    new Date(time).toISOString().slice(0, 10) !== value
  ) {
    throw new InvalidArgumentError('must be a date YYYY-MM-DD');
  }
  return value;
}

/**
 * Runs `data-plan` with the given arguments (without the node and script paths) and
 * resolves to the process exit code: 0 fine, 1 the plan or project has errors, 2 bad usage
 * or unreadable input. Never throws and never prints a stack trace.
 */
export async function runCli(
  args: string[],
  io: CliIo = processIo,
): Promise<number> {
  let exitCode = 0;
  const program = new Command('data-plan')
    .description(
      'Inspect, lint and check implementation plans (PLAN.md) of layered Snowflake data projects.',
    )
    .version(readVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run data-plan --help for usage)');

  const format = () =>
    new Option('-f, --format <format>', 'output format')
      .choices(['text', 'json'])
      .default('text');
  const policy = () =>
    new Option(
      '--policy <file>',
      'policy file, JSON or YAML: one policy, or scoped policies (default, scopes)',
    );
  const waiversOption = () =>
    new Option(
      '--waivers <file>',
      "waiver file (default: .dataplan/waivers.yaml in the plan's folder, when there is one)",
    );
  const noWaiversOption = () => new Option('--no-waivers', 'apply no waivers');
  const todayOption = () =>
    new Option(
      '--today <date>',
      'judge waivers on this day, YYYY-MM-DD (default: today, UTC)',
    ).argParser(calendarDate);
  // The project's facts a scoped policy file is matched against.
  const facts = (command: Command) =>
    command
      .option('--owner <ref>', "the project's owner, for a scoped policy")
      .option('--system <ref>', "the project's system, for a scoped policy")
      .option(
        '--lifecycle <lifecycle>',
        "the project's lifecycle, for a scoped policy",
      )
      .option(
        '--tag <tag>',
        'a tag of the project, for a scoped policy (repeatable)',
        collect,
      );

  facts(
    program
      .command('inspect')
      .description('print the parsed and evaluated plan')
      .argument('<file>', 'plan document, e.g. PLAN.md')
      .option(
        '--json',
        'print the parsed plan with an evaluation field, as JSON',
      )
      .addOption(policy()),
  ).action(async (file: string, options) => {
    exitCode = await inspectCommand(
      file,
      { json: options.json, ...(await policyFrom(options)) },
      io,
    );
  });

  facts(
    program
      .command('lint')
      .description(
        'print diagnostics as FILE:LINE rule message; exit 1 on errors',
      )
      .argument('<file>', 'plan document, e.g. PLAN.md')
      .addOption(format())
      .addOption(policy())
      .addOption(waiversOption())
      .addOption(noWaiversOption())
      .addOption(todayOption()),
  ).action(async (file: string, options) => {
    exitCode = await lintCommand(
      file,
      {
        format: options.format,
        policy: (await policyFrom(options)).policy,
        waivers: options.waivers,
        today: options.today,
      },
      io,
    );
  });

  facts(
    program
      .command('check')
      .description(
        'compare the plan with the project on disk: layout, deploy, rollback and backups; exit 1 on errors',
      )
      .argument('[dir]', 'project folder', '.')
      .option(
        '--plan <path>',
        "plan path inside the folder (default: catalog-info.yaml's dataplan/plan, else PLAN.md)",
      )
      .addOption(format())
      .addOption(policy())
      .addOption(waiversOption())
      .addOption(noWaiversOption())
      .addOption(todayOption()),
  ).action(async (dir: string, options) => {
    exitCode = await checkCommand(
      dir,
      {
        plan: options.plan,
        format: options.format,
        policy: (await policyFrom(options)).policy,
        waivers: options.waivers,
        today: options.today,
      },
      io,
    );
  });

  program
    .command('order')
    .description('print the deploy order, one object per line')
    .argument('<file>', 'plan document, e.g. PLAN.md')
    .action(async (file: string) => {
      exitCode = await orderCommand(file, io);
    });

  try {
    await program.parseAsync(args, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    const message = String((error as Error)?.message ?? error).split('\n')[0];
    io.stderr(`data-plan: ${message}\n`);
    return EXIT_USAGE;
  }
}
