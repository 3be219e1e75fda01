/** One of common's lists as the non-empty tuple `z.enum` takes. */
export function enumValues<T extends string>(
  values: readonly T[],
): [T, ...T[]] {
  const [first, ...rest] = values;
  return [first, ...rest];
}
