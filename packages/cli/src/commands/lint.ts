import { PlanPolicy, readPlan } from '@dataplan/plugin-data-plan-common';
import { writeReport } from '../format';
import { readPlanFile } from '../readPlanFile';
import { CliIo } from '../io';

/** `data-plan lint FILE`: diagnostics and findings; exit 1 when any is an error. */
export async function lintCommand(
  file: string,
  options: { format: 'text' | 'json'; policy?: PlanPolicy },
  io: CliIo,
): Promise<number> {
  const { evaluation } = readPlan(await readPlanFile(file), options.policy);
  return writeReport(io, {
    format: options.format,
    file,
    diagnostics: [...evaluation.diagnostics, ...evaluation.findings],
    keys: { file: 'file', list: 'diagnostics' },
  });
}
