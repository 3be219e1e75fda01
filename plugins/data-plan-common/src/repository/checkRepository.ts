import { DEFAULT_LAYERS } from '../layout';
import { applySeverity } from '../plan/applySeverity';
import { findingKey, objectKey, occurrenceKeys } from '../plan/findingKeys';
import { buildObjectGraph } from '../plan/objectGraph';
import { ParsedPlan, PlanDiagnostic } from '../plan/types';
import { checkLayout } from './checkLayout';
import { checkLineage } from './checkLineage';
import { checkScripts } from './checkScripts';
import { ProjectFiles } from './ProjectFiles';
import { readListing } from './readListing';
import { FileReader } from './readScripts';
import { Report } from './repositoryContext';
import {
  CheckRepositoryOptions,
  RepositoryObject,
  RepositoryReport,
} from './repositoryReport';
import { REPOSITORY_RULE_SEVERITIES } from './repositoryRules';

const DEFAULTS = {
  maxFiles: 100_000,
  maxBytes: 32 * 1024 * 1024,
  maxFileBytes: 4 * 1024 * 1024,
  maxStatements: 200_000,
};

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/**
 * Holds a parsed plan against its project's files: the layout (planned files, their
 * folders, SQL files no step names, unit tests), the deploy scripts (every object created,
 * in an order the dependencies allow, following `!source` includes), and rollback
 * readiness (a rollback statement for each deployed object, a backup clone of each table,
 * the backup location of 6.3), and the SQL lineage rules over each planned object's file
 * (what the SQL uses against the object's Dependencies, with `options.sqlLineage`). Reads
 * only the files the rules need, within the budget of `options`; never throws on what the
 * files hold (a failing `ProjectFiles.list` rejects, as does a `readText` that fails with
 * other than a `ProjectFileError`, and a failing lineage runner).
 *
 * Findings have content keys as the plan's own do (an object's findings are waivable by
 * its name), go through the policy's severities, and their `line` is the plan's line of
 * the object or section they are about. See {@link REPOSITORY_RULES} and
 * {@link SQL_LINEAGE_RULES}.
 *
 * @public
 */
export async function checkRepository(
  plan: ParsedPlan,
  files: ProjectFiles,
  options: CheckRepositoryOptions = {},
): Promise<RepositoryReport> {
  const limits = {
    maxFiles: options.maxFiles ?? DEFAULTS.maxFiles,
    maxBytes: options.maxBytes ?? DEFAULTS.maxBytes,
    maxFileBytes: options.maxFileBytes ?? DEFAULTS.maxFileBytes,
    maxStatements: options.maxStatements ?? DEFAULTS.maxStatements,
  };
  const findings: PlanDiagnostic[] = [];
  const unique = occurrenceKeys();
  const report: Report = (rule, subject, message, line) => {
    findings.push({
      key: unique(findingKey(rule, subject)),
      severity: REPOSITORY_RULE_SEVERITIES[rule],
      rule,
      message,
      ...(line === undefined ? {} : { line }),
    });
  };
  const reader = new FileReader(files, limits, report);

  const listing = await readListing(files, limits.maxFiles, report, reader);
  const layers = plan.layers.length ? plan.layers : [...DEFAULT_LAYERS];
  const objects: RepositoryObject[] = [];
  const ctx = {
    ...listing,
    plan,
    report,
    reader,
    layers,
    graph: buildObjectGraph(plan.objects),
    keys: plan.objects.map(object => object.key ?? objectKey(object)),
    objects,
  };
  const orphans = await checkLayout(ctx);
  await checkScripts(ctx);
  const lineage = await checkLineage(ctx, options.sqlLineage);
  findings.push(...lineage.findings);

  // Figures.
  const withFile = objects.filter(o => o.file !== undefined);
  const withTest = objects.filter(o => o.testPath !== undefined);
  const tally = new Map<string, { tested: number; all: number }>(
    layers.map(layer => [layer, { tested: 0, all: 0 }]),
  );
  for (const object of withTest) {
    let counts = tally.get(object.layer!);
    if (!counts) {
      counts = { tested: 0, all: 0 };
      tally.set(object.layer!, counts);
    }
    counts.all++;
    if (object.testExists) counts.tested++;
  }
  const byLayer: Record<string, number | null> = {};
  for (const [layer, counts] of tally) {
    byLayer[layer] = ratio(counts.tested, counts.all);
  }
  const deployed = objects.filter(o => o.deployed);
  return {
    findings: applySeverity(findings, options.policy?.severities),
    objects,
    lineage: lineage.lineage,
    orphans,
    listing: { paths: listing.present.size, truncated: listing.truncated },
    figures: {
      filesPlanned: withFile.length,
      filesPresent: withFile.filter(o => o.fileExists).length,
      unitTestCoverage: ratio(
        withTest.filter(o => o.testExists).length,
        withTest.length,
      ),
      unitTestCoverageByLayer: byLayer,
      deployCoverage: ratio(deployed.length, objects.length),
      rollbackCoverage: ratio(
        deployed.filter(o => o.rollback).length,
        deployed.length,
      ),
    },
  };
}
