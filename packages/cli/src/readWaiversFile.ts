import {
  DEFAULT_WAIVERS_PATH,
  MAX_WAIVERS_BYTES,
  parseWaiverFile,
  WaiverFile,
} from '@dataplan/plugin-data-plan-common';
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseDocument } from 'yaml';
import { CliInputError, readPlanFile } from './readPlanFile';

function firstLine(text: string): string {
  return text.split('\n')[0];
}

/** The waiver file of a plan: `.dataplan/waivers.yaml` in the plan's folder. */
export function defaultWaiversPath(planFile: string): string {
  return join(dirname(planFile), DEFAULT_WAIVERS_PATH);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** The YAML text's value; a syntax error names the file and the line. */
function parseYamlText(path: string, text: string): unknown {
  let document;
  try {
    document = parseDocument(text, { prettyErrors: true });
  } catch (error) {
    // Nesting too deep for the parser's stack, for one.
    throw new CliInputError(
      `${path}: is not valid YAML (${firstLine(
        String((error as Error)?.message ?? error),
      )})`,
    );
  }
  const [syntaxError] = document.errors;
  if (syntaxError) {
    const line = syntaxError.linePos?.[0].line;
    throw new CliInputError(
      `${line ? `${path}:${line}` : path}: is not valid YAML (${firstLine(
        syntaxError.message,
      )})`,
    );
  }
  try {
    return document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new CliInputError(
      `${path}: is not valid YAML (${firstLine(
        String((error as Error)?.message ?? error),
      )})`,
    );
  }
}

/**
 * Reads a waiver file (see `parseWaiverFile`): its entries, and a problem for each one
 * that does not fit, which `applyWaivers` reports. `explicit` is a file the user named: it
 * must exist; the default one may be missing, which is no waivers.
 */
export async function readWaiversFile(
  path: string,
  explicit: boolean,
): Promise<WaiverFile | undefined> {
  if (!explicit && !(await exists(path))) return undefined;
  const text = await readPlanFile(path, MAX_WAIVERS_BYTES);
  return parseWaiverFile(parseYamlText(path, text));
}

/**
 * The waivers a command applies to a plan's findings, and the file they are from: `option`
 * is the file the user named, false for none, undefined for the plan's default file if
 * there is one.
 */
export async function planWaivers(
  planFile: string,
  option: string | false | undefined,
): Promise<{ path: string; file: WaiverFile } | undefined> {
  if (option === false) return undefined;
  const path = option ?? defaultWaiversPath(planFile);
  const file = await readWaiversFile(path, option !== undefined);
  return file && { path, file };
}
