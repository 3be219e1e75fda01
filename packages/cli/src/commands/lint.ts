import {
  applyWaivers,
  isRepositoryCheckRule,
  PlanPolicy,
  readPlan,
} from '@dataplan/plugin-data-plan-common';
import { writeReport } from '../format';
import { readPlanFile } from '../readPlanFile';
import { planWaivers } from '../readWaiversFile';
import { CliIo } from '../io';

/**
 * `data-plan lint FILE`: diagnostics and findings with the project's waivers applied;
 * exit 1 when any that is not waived is an error.
 */
export async function lintCommand(
  file: string,
  options: {
    format: 'text' | 'json';
    policy?: PlanPolicy;
    /** A waiver file; false for none; undefined for the plan's `.dataplan/waivers.yaml`, if any. */
    waivers?: string | false;
    /** The day waivers are judged on, `YYYY-MM-DD`; today (UTC) by default. */
    today?: string;
  },
  io: CliIo,
): Promise<number> {
  const text = await readPlanFile(file);
  const waivers = await planWaivers(file, options.waivers);
  let { evaluation } = readPlan(text, options.policy);
  if (waivers) {
    // The waivers of repository and SQL lineage rules are judged by `check`, against its findings.
    const ofPlan = waivers.file.waivers.filter(
      w => !isRepositoryCheckRule(w.rule),
    );
    evaluation = applyWaivers(
      evaluation,
      { ...waivers.file, waivers: ofPlan },
      {
        policy: options.policy,
        today: options.today ?? new Date(),
      },
    );
  }
  return writeReport(io, {
    format: options.format,
    file,
    diagnostics: [...evaluation.diagnostics, ...evaluation.findings],
    keys: { file: 'file', list: 'diagnostics' },
    waiversFile: waivers?.path,
  });
}
