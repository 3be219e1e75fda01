import { SectionNode } from '../blocks';
import { fieldKey } from '../findingKeys';
import { findChild, ParseContext } from '../context';
import {
  cleanText,
  findPlaceholder,
  firstCodeSpan,
  isWhitespace,
  skipWhitespace,
  splitKeyValue,
  trimmedSlice,
  unescapeBrackets,
} from '../text';
import { PlanObject, PlanPhase, PlanStep } from '../types';
import { flatItems } from './lists';

const SEPARATORS = /;|\sand\s/i;
const PHASE = /^phase\s+(\d+)\s*[:.)-]?\s*(.*)$/i;
const STEP =
  /^step\s+([^\s:]+?)\s*(?:[:)\u2013\u2014]|\s-)\s*(.*)$|^step\s+([^\s:]+)\s*$/i;

/**
 * Splits on `,` or `;` and on ` and `, as `text.split(/\s*[,;]\s*|\s+and\s+/i)` would
 * (the pieces are trimmed by the caller), in one pass: the regex backtracks over every
 * position of a long run of spaces.
 */
export function splitNames(text: string): string[] {
  const names: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const run = skipWhitespace(text, i);
    const code = text.charCodeAt(run);
    let end = -1;
    if (code === 0x2c /* , */ || code === 0x3b /* ; */) end = run + 1;
    else if (
      run > i &&
      isAnd(text, run) &&
      isWhitespace(text.charCodeAt(run + 3))
    ) {
      end = run + 3;
    }
    if (end < 0) {
      // Every position of the run meets the same character after it: none matches.
      i = run + 1;
      continue;
    }
    names.push(text.slice(start, i));
    i = skipWhitespace(text, end);
    start = i;
  }
  names.push(text.slice(start));
  return names;
}

/**
 * `text.split(',')` with each piece trimmed, in a list of its exact size (as a split
 * gives it), which a plan keeps: one grown by push keeps spare room.
 */
function splitCommas(text: string): string[] {
  let count = 1;
  for (let at = text.indexOf(','); at !== -1; at = text.indexOf(',', at + 1)) {
    count++;
  }
  const names = new Array<string>(count);
  let start = 0;
  for (let i = 0; i < count - 1; i++) {
    const comma = text.indexOf(',', start);
    names[i] = trimmedSlice(text, start, comma);
    start = comma + 1;
  }
  names[count - 1] = trimmedSlice(text, start, text.length);
  return names;
}

function isAnd(text: string, at: number): boolean {
  return (
    (text.charCodeAt(at) | 0x20) === 0x61 /* a */ &&
    (text.charCodeAt(at + 1) | 0x20) === 0x6e /* n */ &&
    (text.charCodeAt(at + 2) | 0x20) === 0x64 /* d */
  );
}

/** Splits `A, B`, `[A, B]`, `` `A`, `B` `` or `none` into names; undefined for a placeholder. */
export function parseDependencyList(
  ctx: ParseContext,
  raw: string,
  line: number,
): string[] {
  let text = cleanText(raw);
  if (/^(none|n\/a|-+|—)$/i.test(text) || text === '') return [];
  if (text.startsWith('[') && text.endsWith(']')) {
    const inner = trimmedSlice(text, 1, text.length - 1);
    // `[list of tables/views]` is the template's placeholder; `[A, B]` is a list.
    if (/^[\w$."`]+(\s*,\s*[\w$."`]+)*$/.test(inner)) text = inner;
  }
  if (ctx.placeholder(text, line, 'Dependencies')) return [];
  const names = SEPARATORS.test(text) ? splitNames(text) : splitCommas(text);
  // Cleaned in place: the list a split gives is its exact size, which a plan keeps.
  let empty = 0;
  for (let i = 0; i < names.length; i++) {
    names[i] = cleanText(names[i]);
    if (!names[i]) empty++;
  }
  return empty ? names.filter(Boolean) : names;
}

export function readPhases(
  ctx: ParseContext,
  node: SectionNode | undefined,
): { phases: PlanPhase[]; objects: PlanObject[] } {
  const phases: PlanPhase[] = [];
  const objects: PlanObject[] = [];
  for (const phaseNode of node?.children ?? []) {
    const heading = cleanText(phaseNode.title);
    const match = PHASE.exec(heading);
    const phase: PlanPhase = {
      title: match ? match[2].trim() : heading,
      steps: [],
      line: phaseNode.line,
    };
    if (match) phase.number = Number(match[1]);
    ctx.placeholder(phase.title, phaseNode.line, 'Phase title');
    phase.title = unescapeBrackets(phase.title);
    const phaseIndex = phases.length;
    phases.push(phase);

    for (const stepNode of phaseNode.children) {
      const stepHeading = cleanText(stepNode.title);
      const stepMatch = STEP.exec(stepHeading);
      const step: PlanStep = {
        title: stepMatch ? (stepMatch[2] ?? '').trim() : stepHeading,
        files: [],
        commands: [],
        line: stepNode.line,
      };
      const id = stepMatch?.[1] ?? stepMatch?.[3];
      if (id) {
        step.id = id;
        ctx.placeholder(id, stepNode.line, 'Step number');
      }
      ctx.placeholder(step.title, stepNode.line, 'Step title');
      step.title = unescapeBrackets(step.title);
      const stepIndex = phase.steps.length;
      phase.steps.push(step);

      readStepObjects(ctx, stepNode, step, { phaseIndex, stepIndex }, objects);

      // Most steps have no sub-sections: then there is no Files or Commands list to look up.
      if (stepNode.children.length === 0) continue;
      const filesNode = findChild(stepNode, /files/);
      for (const item of flatItems(filesNode)) {
        const file = firstCodeSpan(item.text);
        if (file) step.files.push(file);
      }
      const commandsNode = findChild(stepNode, /command/);
      for (const block of commandsNode?.blocks ?? []) {
        if (block.type === 'code') step.commands.push(...block.code.lines);
      }
    }
  }
  return { phases, objects };
}

function readStepObjects(
  ctx: ParseContext,
  stepNode: SectionNode,
  step: PlanStep,
  position: { phaseIndex: number; stepIndex: number },
  objects: PlanObject[],
) {
  let current: PlanObject | undefined;
  // An Object line whose name is a placeholder opens nothing: its File and
  // Dependencies lines belong to no object and are skipped with it.
  let skipping = false;
  for (const block of stepNode.blocks) {
    if (block.type !== 'list') continue;
    for (const item of block.items) {
      const pair = splitKeyValue(item.text);
      if (!pair) continue;
      const { key, value } = pair;
      if (key === 'object') {
        const name = cleanText(value);
        if (!name || ctx.placeholder(name, item.line, 'Object name')) {
          current = undefined;
          skipping = true;
          continue;
        }
        skipping = false;
        // Every field from the start: objects of one shape keep the checks and the graph
        // fast on large plans. Undefined fields are left out of JSON.
        current = {
          name,
          file: undefined,
          definition: undefined,
          dependencies: [],
          layer: undefined,
          kind: undefined,
          key: undefined,
          step: step.id,
          phaseIndex: position.phaseIndex,
          stepIndex: position.stepIndex,
          line: item.line,
        };
        objects.push(current);
      } else if (skipping || !current) {
        if (!skipping && (key === 'file' || key.startsWith('dependenc'))) {
          ctx.report(
            'warning',
            'orphan-object-field',
            `'${key}' line comes before any 'Object:' line in this step`,
            item.line,
            fieldKey(key, value),
          );
        }
      } else if (key === 'file') {
        const file = firstCodeSpan(value);
        if (file && findPlaceholder(file) === undefined) current.file = file;
        else if (file) ctx.placeholder(file, item.line, 'File');
      } else if (key.startsWith('dependenc')) {
        const dependencies = parseDependencyList(ctx, value, item.line);
        if (current.dependencies.length)
          current.dependencies.push(...dependencies);
        else current.dependencies = dependencies;
      } else if (key === 'definition' || key === 'defintion') {
        const definition = ctx.value(value, item.line, 'Definition');
        if (definition) current.definition = definition;
      }
    }
  }
}
