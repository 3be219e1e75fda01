import { open, stat } from 'node:fs/promises';

/** Plans larger than this are refused before they are read. */
export const DEFAULT_MAX_PLAN_BYTES = 10 * 1024 * 1024;

/** Bad input: the CLI prints the message on one line and exits 2. */
export class CliInputError extends Error {
  readonly name = 'CliInputError';
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

/**
 * Reads a plan file as UTF-8 text. Refuses, with a message that names the file: a missing
 * file, a directory, a file over the size limit (checked before reading), and content that
 * is binary or not UTF-8.
 */
export async function readPlanFile(
  path: string,
  maxBytes: number = DEFAULT_MAX_PLAN_BYTES,
): Promise<string> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliInputError(`${path}: no such file`);
    if (code === 'EACCES')
      throw new CliInputError(`${path}: permission denied`);
    throw new CliInputError(
      `${path}: cannot be read (${code ?? 'unknown error'})`,
    );
  }
  if (info.isDirectory()) {
    throw new CliInputError(`${path}: is a directory, not a plan file`);
  }
  if (!info.isFile()) throw new CliInputError(`${path}: is not a regular file`);
  if (info.size > maxBytes) {
    throw new CliInputError(
      `${path}: ${formatBytes(info.size)} is larger than the ${formatBytes(
        maxBytes,
      )} limit for a plan`,
    );
  }
  const handle = await open(path, 'r');
  let buffer: Buffer;
  try {
    // Read at most the limit, even if the file grew after stat.
    buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > maxBytes) {
      throw new CliInputError(
        `${path}: is larger than the ${formatBytes(maxBytes)} limit for a plan`,
      );
    }
    buffer = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (buffer.includes(0)) {
    throw new CliInputError(
      `${path}: looks like a binary file, not a Markdown plan`,
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw new CliInputError(`${path}: is not UTF-8 text`);
  }
}
