/*
 * Builds and packs workspace packages exactly as they are published, also on a fresh clone
 * with nothing built: `backstage-cli package build` bundles each package's declarations
 * from dist-types/<package>/src/*.d.ts, which otherwise only the root `yarn tsc` writes.
 * Packaging tests run it; it prints {"<package name>": "<tarball path>", ...} on stdout.
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs scripts/lib/pack-packages.ts \
 *     --out <dir> <package dir>...
 *
 * Runs one at a time per repository (a pid file in node_modules/.cache): building writes the
 * package's dist/ and packing rewrites its package.json until postpack restores it.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs, promisify } from 'node:util';
import ts from 'typescript';

const exec = promisify(execFile);
const repo = path.resolve(__dirname, '../..');

/** The TypeScript entry points that the package build turns into bundles. */
function entryPoints(packageDir: string): string[] {
  const { exports: exportMap, main } = readPackageJson(packageDir);
  const targets =
    exportMap && typeof exportMap === 'object'
      ? Object.values(exportMap)
      : [main ?? 'src/index.ts'];
  return targets
    .filter(
      (target): target is string =>
        typeof target === 'string' && /\.tsx?$/.test(target),
    )
    .map(target => path.resolve(packageDir, target));
}

interface PackageJson {
  name: string;
  version: string;
  main?: string;
  exports?: unknown;
}

function readPackageJson(packageDir: string): PackageJson {
  return JSON.parse(
    fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'),
  );
}

/**
 * Writes the declarations of these packages' entry points (and of everything they
 * import) where `yarn tsc` would: the root tsconfig's options, into its outDir. Always
 * from the current sources, so a stale dist-types never reaches a tarball; only the
 * files the entry points reach are compiled.
 */
function emitDeclarations(packageDirs: string[]) {
  const configPath = path.join(repo, 'tsconfig.json');
  const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile);
  if (error) {
    throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  }
  const { options } = ts.parseJsonConfigFileContent(
    config,
    ts.sys,
    repo,
    undefined,
    configPath,
  );
  const program = ts.createProgram({
    rootNames: packageDirs.flatMap(entryPoints),
    options: {
      ...options,
      incremental: false,
      tsBuildInfoFile: undefined,
      noEmit: false,
      declaration: true,
      emitDeclarationOnly: true,
    },
  });
  const diagnostics = [
    ...ts.getPreEmitDiagnostics(program),
    ...program.emit().diagnostics,
  ];
  if (diagnostics.length > 0) {
    throw new Error(
      ts.formatDiagnostics(diagnostics, {
        getCanonicalFileName: name => name,
        getCurrentDirectory: () => repo,
        getNewLine: () => '\n',
      }),
    );
  }
}

/** Runs a command in a package; its output is shown only when it fails. */
async function run(command: string, args: string[], cwd: string) {
  try {
    await exec(command, args, { cwd, maxBuffer: 64 * 1024 * 1024 });
  } catch (e: any) {
    const where = path.relative(repo, cwd);
    throw new Error(
      `${command} ${args.join(' ')} failed in ${where}\n${e.stdout}${e.stderr}`,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e: any) {
    return e.code === 'EPERM';
  }
}

/** Holds the repository's packaging lock while `fn` runs; a dead holder's lock is taken over. */
async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const lock = path.join(
    repo,
    'node_modules/.cache/dataplan-pack-packages.pid',
  );
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      // Fails if the file exists: exactly one process creates it.
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (e: any) {
      if (e.code !== 'EEXIST') throw e;
    }
    let holder = 0; // unknown until the holder has written its pid
    try {
      holder = Number(fs.readFileSync(lock, 'utf8'));
    } catch (e: any) {
      if (e.code === 'ENOENT') continue; // released meanwhile
      throw e;
    }
    if (Number.isInteger(holder) && holder > 0 && !isAlive(holder)) {
      fs.rmSync(lock, { force: true });
      continue;
    }
    // Poll for the holder to release the lock.
    await delay(200);
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

async function main() {
  const { values, positionals } = parseArgs({
    options: { out: { type: 'string' } },
    allowPositionals: true,
  });
  if (!values.out || positionals.length === 0) {
    throw new Error('usage: pack-packages.ts --out <dir> <package dir>...');
  }
  const out = path.resolve(values.out);
  const packageDirs = positionals.map(dir => path.resolve(repo, dir));
  fs.mkdirSync(out, { recursive: true });

  const tarballs = await withLock(async () => {
    emitDeclarations(packageDirs);
    const packed: Record<string, string> = {};
    for (const dir of packageDirs) {
      const { name, version } = readPackageJson(dir);
      const file = path.join(
        out,
        `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`,
      );
      await run('yarn', ['build'], dir);
      await run('yarn', ['pack', '--out', file], dir);
      packed[name] = file;
    }
    return packed;
  });
  process.stdout.write(`${JSON.stringify(tarballs)}\n`);
}

main().catch(error => {
  process.stderr.write(`pack-packages: ${error.message}\n`);
  process.exitCode = 1;
});
