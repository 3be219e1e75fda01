import {
  applyWaivers,
  checkRepository,
  getDataPlanPath,
  isRepositoryCheckRule,
  parsePlan,
  PlanPolicy,
} from '@dataplan/plugin-data-plan-common';
import { AstSqlLineageReader } from '@dataplan/plugin-data-plan-common/sql-parser';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { diskProjectFiles } from '../diskProjectFiles';
import { writeReport } from '../format';
import { CliIo } from '../io';
import { CliInputError, readPlanFile } from '../readPlanFile';
import { planWaivers } from '../readWaiversFile';

/** The plan path from catalog-info.yaml's `dataplan/plan` annotation, if the project has one. */
async function annotatedPlanPath(dir: string): Promise<string | undefined> {
  try {
    const text = await readFile(join(dir, 'catalog-info.yaml'), 'utf8');
    const entity = parseYaml(text);
    return entity && typeof entity === 'object'
      ? getDataPlanPath(entity)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `data-plan check DIR`: the plan against the project's files on disk (common's
 * `checkRepository`), each planned object's SQL read with the AST reader for the lineage
 * rules; exit 1 on errors.
 */
export async function checkCommand(
  dir: string,
  options: {
    plan?: string;
    format: 'text' | 'json';
    policy?: PlanPolicy;
    /** A waiver file; false for none; undefined for the plan's `.dataplan/waivers.yaml`, if any. */
    waivers?: string | false;
    /** The day waivers are judged on, `YYYY-MM-DD`; today (UTC) by default. */
    today?: string;
  },
  io: CliIo,
): Promise<number> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new CliInputError(`${dir}: no such directory`);
  if (!info.isDirectory())
    throw new CliInputError(
      `${dir}: is not a directory; check takes the project folder`,
    );
  const planPath = options.plan ?? (await annotatedPlanPath(dir)) ?? 'PLAN.md';
  const file = join(dir, planPath);
  const plan = parsePlan(await readPlanFile(file));
  const report = await checkRepository(plan, await diskProjectFiles(dir), {
    policy: options.policy,
    sqlLineage: new AstSqlLineageReader(),
  });
  const waivers = await planWaivers(file, options.waivers);
  // The waivers of the rules this check reports (repository and SQL lineage rules); `lint`
  // judges the others and the file's problems.
  const findings = waivers
    ? applyWaivers(
        report.findings,
        {
          waivers: waivers.file.waivers.filter(w =>
            isRepositoryCheckRule(w.rule),
          ),
          problems: [],
        },
        { policy: options.policy, today: options.today ?? new Date() },
      )
    : report.findings;
  return writeReport(io, {
    format: options.format,
    file,
    diagnostics: findings,
    keys: { file: 'plan', list: 'findings' },
    waiversFile: waivers?.path,
    details: {
      objects: report.objects,
      lineage: report.lineage,
      orphans: report.orphans,
      listing: report.listing,
      figures: report.figures,
    },
  });
}
