import { SectionNode } from '../blocks';
import { findChild, firstTable, ParseContext, readTableRows } from '../context';
import {
  OBJECT_KINDS,
  ObjectKind,
  isValidLayerName,
  kindDirectory,
} from '../../layout';
import { cleanText, findPlaceholder } from '../text';

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
  return (OBJECT_KINDS as string[]).includes(word)
    ? (word as ObjectKind)
    : undefined;
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
  code.code.lines.forEach((rawLine, index) => {
    const line = code.code.line + index;
    const match = /^[\s│├└─|`'+\\-]*([^\s/#][^/#]*?)\/\s*(#.*)?$/.exec(rawLine);
    if (!match) return;
    const name = match[1].trim();
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
      );
      return;
    }
    if (!layers.includes(name)) layers.push(name);
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
