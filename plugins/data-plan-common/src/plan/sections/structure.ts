import { SectionNode } from '../blocks';
import { fieldKey } from '../findingKeys';
import { findChild, firstTable, ParseContext, readTableRows } from '../context';
import {
  OBJECT_KINDS,
  ObjectKind,
  isValidLayerName,
  kindDirectory,
} from '../../layout';
import {
  cleanText,
  findPlaceholder,
  isWhitespace,
  skipWhitespace,
} from '../text';

/** A row of the Directory-Code Mapping (2.2). */
export interface DirectoryMapping {
  objectType: string;
  kind?: ObjectKind;
  /** Directory pattern with `[layer]`, e.g. `src/[layer]/tables/`. */
  targetDirectory: string;
  filePattern: string;
}

const KIND_FOLDERS = new Set(OBJECT_KINDS.map(kindDirectory));

/** Parses an object type as written (`Tables`, `view`) into a kind. */
export function parseKind(text: string): ObjectKind | undefined {
  const word = cleanText(text).toLocaleLowerCase('en-US').replace(/s$/, '');
  return (OBJECT_KINDS as readonly string[]).includes(word)
    ? (word as ObjectKind)
    : undefined;
}

const TREE_MARKS = new Set([..."│├└─|`'+\\-"]);
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

/**
 * The folder a tree line names, as `/^[\s│├└─|`'+\\-]*([^\s/#][^/#]*?)\/\s*(#.*)?$/`
 * would capture it (trimmed): `├── raw/  # comment` → `raw`. In one pass: the regex takes
 * time quadratic in a long run of tree marks.
 */
export function treeFolder(line: string): string | undefined {
  const slash = line.indexOf('/');
  if (slash < 0) return undefined;
  const hash = line.indexOf('#');
  if (hash >= 0 && hash < slash) return undefined;
  // After the slash: whitespace, then the end or a `#` comment without a line break.
  const rest = skipWhitespace(line, slash + 1);
  if (rest < line.length) {
    if (line[rest] !== '#' || LINE_TERMINATOR.test(line.slice(rest))) {
      return undefined;
    }
  }
  // The name starts after the leading tree marks; when the marks run up to the slash, the
  // last mark that is not whitespace is the name (as the regex backtracks to it).
  let start = 0;
  while (start < slash) {
    const char = line[start];
    if (!TREE_MARKS.has(char) && !isWhitespace(line.charCodeAt(start))) break;
    start++;
  }
  if (start === slash) {
    start = slash - 1;
    while (start >= 0 && isWhitespace(line.charCodeAt(start))) start--;
    if (start < 0) return undefined;
  }
  return line.slice(start, slash).trim();
}

/**
 * Layers from the directory tree of 2.1: the folders directly below `src/` that are not
 * object-kind folders. A placeholder such as `[layer1]/ # e.g., raw` is reported and skipped.
 */
export function readLayers(
  ctx: ParseContext,
  node: SectionNode | undefined,
): string[] {
  const treeNode = findChild(node, /target|tree|structure/) ?? node;
  const code = treeNode?.blocks.find(b => b.type === 'code');
  if (!code || code.type !== 'code') return [];
  const layers: string[] = [];
  const seen = new Set<string>();
  code.code.lines.forEach((rawLine, index) => {
    const line = code.code.line + index;
    const name = treeFolder(rawLine);
    if (name === undefined) return;
    if (name === 'src' || KIND_FOLDERS.has(name)) return;
    if (findPlaceholder(name) !== undefined) {
      ctx.placeholder(name, line, 'Target Directory Structure');
      return;
    }
    if (!isValidLayerName(name)) {
      ctx.report(
        'warning',
        'invalid-layer-name',
        `Layer folder '${name}' is not a valid layer name; use lower-case letters, digits and underscores`,
        line,
        fieldKey('Layer folder', name),
      );
      return;
    }
    if (!seen.has(name)) {
      seen.add(name);
      layers.push(name);
    }
  });
  return layers;
}

export function readDirectoryMapping(
  ctx: ParseContext,
  node: SectionNode | undefined,
): DirectoryMapping[] {
  const table = firstTable(findChild(node, /mapping/));
  if (!table) return [];
  return readTableRows(
    ctx,
    table,
    [
      { key: 'objectType', header: /object/ },
      { key: 'targetDirectory', header: /director/ },
      { key: 'filePattern', header: /pattern|file/ },
    ],
    'Directory-Code Mapping',
  ).map(row => {
    const mapping: DirectoryMapping = {
      objectType: cleanText(row.cells.objectType),
      targetDirectory: cleanText(row.cells.targetDirectory),
      filePattern: cleanText(row.cells.filePattern),
    };
    const kind = parseKind(row.cells.objectType);
    if (kind) mapping.kind = kind;
    return mapping;
  });
}
