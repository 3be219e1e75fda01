/*
 * Zod schemas whose issues read as one line a person understands: error hooks that say
 * what a value must be, and the issue's place as a path written as in code.
 */
import { z } from 'zod';

export interface HookIssue {
  code?: string;
  input?: unknown;
}

/** Zod's error hook of a value: what it must be, or that it is missing. */
export function must(why: string) {
  return (issue: HookIssue) =>
    issue.code === 'invalid_type' && issue.input === undefined
      ? 'is required'
      : why;
}

/** Zod's error hook of an object that says which keys it knows when it meets another. */
function fields(what: string, keyWhat: string, keys: readonly string[]) {
  return (issue: HookIssue) =>
    issue.code === 'unrecognized_keys'
      ? `is not ${keyWhat}: use one of ${keys.join(', ')}`
      : must(`must be ${what}`)(issue);
}

export function strict<T extends z.ZodRawShape>(
  shape: T,
  what: string,
  keyWhat: string,
) {
  return z.strictObject(shape, {
    error: fields(what, keyWhat, Object.keys(shape)),
  });
}

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;
const MAX_KEY_SHOWN = 80;

/** A path as written in code: `scopes[0].policy.severities.placeholder`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') {
      text += `[${part}]`;
      continue;
    }
    const key = String(part);
    if (PLAIN_KEY.test(key) && key.length <= MAX_KEY_SHOWN) {
      text += text === '' ? key : `.${key}`;
    } else {
      const shown =
        key.length > MAX_KEY_SHOWN ? `${key.slice(0, MAX_KEY_SHOWN)}…` : key;
      text += `[${JSON.stringify(shown)}]`;
    }
  }
  return text;
}

export type Issue = z.core.$ZodIssue;

/**
 * Of a union's failed options, the issue that got furthest into the value (`[team-a, 5]`
 * as a list of refs: its second entry), else the union's own.
 */
function deepest(issue: Issue): Issue {
  if (issue.code !== 'invalid_union') return issue;
  let best: Issue | undefined;
  for (const option of issue.errors) {
    for (const inner of option) {
      if (inner.path.length > (best?.path.length ?? 0)) best = inner;
    }
  }
  return best
    ? deepest({ ...best, path: [...issue.path, ...best.path] })
    : issue;
}

/** Where (`scopes[0].match.owner`, empty for the value itself) and what an issue is. */
export function describeIssue(found: Issue): { field: string; reason: string } {
  const issue = deepest(found);
  const path =
    issue.code === 'unrecognized_keys'
      ? [...issue.path, issue.keys[0]]
      : issue.path;
  return { field: formatPath(path), reason: issue.message };
}
