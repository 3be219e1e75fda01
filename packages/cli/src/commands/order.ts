import { readPlan } from '@dataplan/plugin-data-plan-common';
import { readPlanFile } from '../readPlanFile';
import { CliIo } from '../io';

/** `data-plan order FILE`: the deploy order, one object per line; exit 1 on a cycle. */
export async function orderCommand(file: string, io: CliIo): Promise<number> {
  const { evaluation } = readPlan(await readPlanFile(file));
  for (const entry of evaluation.deployOrder) io.stdout(`${entry.name}\n`);
  for (const cycle of evaluation.cycles) {
    io.stderr(
      `data-plan: ${file}: dependency cycle among ${cycle.join(
        ', ',
      )}; they are listed last\n`,
    );
  }
  return evaluation.cycles.length ? 1 : 0;
}
