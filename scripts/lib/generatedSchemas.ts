/*
 * Writes component schemas that a package derives from its code into its hand-written
 * openapi.yaml, in the file's own style, leaving every other line as it is.
 */
import { Document, isSeq, visit } from 'yaml';

/** The lines of `components.schemas.<name>` in the YAML text: [start, end). */
function schemaLines(lines: string[], name: string): [number, number] {
  const schemas = lines.indexOf('  schemas:');
  const start = lines.indexOf(`    ${name}:`, schemas);
  if (schemas < 0 || start < 0) {
    throw new Error(`openapi.yaml has no components.schemas.${name}`);
  }
  let end = start + 1;
  // The schema runs until the next line indented as far as its name, or less.
  while (end < lines.length && !/^ {0,4}\S/.test(lines[end])) end++;
  while (lines[end - 1].trim() === '') end--;
  return [start, end];
}

/** A schema as the lines of YAML under `components.schemas`. */
function schemaYaml(name: string, schema: unknown): string[] {
  const doc = new Document({ [name]: schema });
  // Lists on one line, `[a, b]`, as the rest of the file writes them.
  visit(doc, {
    Seq(_, node) {
      if (isSeq(node)) node.flow = true;
    },
  });
  return doc
    .toString({ singleQuote: true, lineWidth: 0, flowCollectionPadding: false })
    .trimEnd()
    .split('\n')
    .map(line => `    ${line}`);
}

/** The YAML text with each of `schemas` in place of the component schema of its name. */
export function withGeneratedSchemas(
  yamlText: string,
  schemas: Record<string, unknown>,
): string {
  let lines = yamlText.split('\n');
  for (const [name, schema] of Object.entries(schemas)) {
    const [start, end] = schemaLines(lines, name);
    lines = [
      ...lines.slice(0, start),
      ...schemaYaml(name, schema),
      ...lines.slice(end),
    ];
  }
  return lines.join('\n');
}
