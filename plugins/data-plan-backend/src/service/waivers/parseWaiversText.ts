import { parseWaiverFile, WaiverFile } from '@dataplan/plugin-data-plan-common';
import { parseDocument } from 'yaml';

/** Aliases a file may expand: enough for any real file, too few for an alias bomb. */
const MAX_ALIAS_COUNT = 100;

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end === -1 ? text : text.slice(0, end);
}

function notYaml(why: string): WaiverFile {
  return {
    waivers: [],
    problems: [{ field: '', reason: `is not valid YAML (${why})` }],
  };
}

/**
 * A waiver file's text as `parseWaiverFile` reads it. Never throws: text that is not YAML
 * is one problem naming its line, which `applyWaivers` reports as `waiver-invalid`.
 */
export function parseWaiversText(text: string): WaiverFile {
  let document;
  try {
    document = parseDocument(text);
  } catch (error) {
    // Nesting too deep for the parser's stack, for one.
    return notYaml(firstLine(String((error as Error)?.message ?? error)));
  }
  const [syntaxError] = document.errors;
  if (syntaxError) {
    const line = syntaxError.linePos?.[0].line;
    const message = firstLine(syntaxError.message);
    return notYaml(line ? `line ${line}: ${message}` : message);
  }
  let value;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return notYaml(firstLine(String((error as Error)?.message ?? error)));
  }
  return parseWaiverFile(value);
}
