/**
 * The validation pass rate, 0…1: passed among the criteria with a result (pass or fail);
 * undefined while none has one. The tab, the history and the trends all give this one.
 *
 * @public
 */
export function validationPassRate(counts: {
  pass: number;
  fail: number;
}): number | undefined {
  const decided = counts.pass + counts.fail;
  return decided > 0 ? counts.pass / decided : undefined;
}
