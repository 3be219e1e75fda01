import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { e2eOutputDir, repoRoot } from './paths';

export interface Portal {
  frontendUrl: string;
  backendUrl: string;
  /** Stops what start() started; a portal that was already running is left alone. */
  stop(): Promise<void>;
}

const FRONTEND_URL = 'http://localhost:3000';
const BACKEND_URL = 'http://localhost:7007';

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return res.ok;
  } catch {
    return false;
  }
}

async function portalAnswers(): Promise<boolean> {
  const [backend, frontend] = await Promise.all([
    answers(`${BACKEND_URL}/.backstage/health/v1/readiness`),
    answers(FRONTEND_URL),
  ]);
  return backend && frontend;
}

/**
 * Starts the local portal with `yarn start` (the README's way, embedded defaults) and waits
 * until the backend is ready and the frontend answers. Reuses a portal that already runs.
 * The portal's output goes to `<e2e output>/portal.log`.
 */
export async function startPortal(options?: {
  timeoutMs?: number;
}): Promise<Portal> {
  const timeoutMs = options?.timeoutMs ?? 300_000;
  if (await portalAnswers()) {
    return {
      frontendUrl: FRONTEND_URL,
      backendUrl: BACKEND_URL,
      stop: async () => {},
    };
  }

  await mkdir(e2eOutputDir(), { recursive: true });
  const logPath = join(e2eOutputDir(), 'portal.log');
  const log = createWriteStream(logPath);
  const child = spawn('yarn', ['start'], {
    cwd: repoRoot,
    detached: true, // own process group, so stop() ends the dev server and backend too
    env: portalEnv(process.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<number | null>(resolve =>
    child.once('exit', code => resolve(code)),
  );

  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  exited.then(code => {
    exitCode = code;
  });
  while (!(await portalAnswers())) {
    if (exitCode !== undefined) {
      throw new Error(
        `yarn start exited with code ${exitCode} before the portal answered; see ${logPath}`,
      );
    }
    if (Date.now() > deadline) {
      await stopProcessGroup(child, exited);
      throw new Error(
        `The portal did not answer within ${timeoutMs / 1000}s; see ${logPath}`,
      );
    }
    await new Promise(r => setTimeout(r, 1_000));
  }

  return {
    frontendUrl: FRONTEND_URL,
    backendUrl: BACKEND_URL,
    stop: () => stopProcessGroup(child, exited),
  };
}

/**
 * The environment `yarn start` gets: the caller's, without what the test runner set. Under
 * jest NODE_ENV is 'test', which would pick no browserslist entry and disable the guest
 * sign-in that the local portal relies on.
 */
export function portalEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    if (key === 'NODE_ENV' || key === 'CI' || key.startsWith('JEST_')) continue;
    clean[key] = value;
  }
  clean.BROWSER = 'none';
  return clean;
}

async function stopProcessGroup(
  child: ChildProcess,
  exited: Promise<unknown>,
): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const stopped = await Promise.race([
    exited.then(() => true),
    new Promise(r => setTimeout(() => r(false), 15_000)),
  ]);
  if (!stopped) signal('SIGKILL');
}
