import {
  DEFAULT_LAYERS,
  OBJECT_KINDS,
  ObjectKind,
  dataProjectDirectories,
  kindDirectory,
  unitTestFilePath,
} from '../layout';
import { applySeverity } from '../plan/applySeverity';
import {
  contentKey,
  findingKey,
  objectKey,
  occurrenceKeys,
} from '../plan/findingKeys';
import { buildObjectGraph } from '../plan/objectGraph';
import { PlanPolicy } from '../plan/policy';
import { findPlaceholder } from '../plan/text';
import { ParsedPlan, PlanDiagnostic } from '../plan/types';
import { objectMatcher } from './matchObjects';
import { ProjectFiles } from './ProjectFiles';
import {
  resolveProjectPath,
  shownPath,
  unsafePathReason,
} from './projectPaths';
import { FileReader, runScript, ScriptRun } from './readScripts';
import { REPOSITORY_RULE_SEVERITIES, RepositoryRule } from './repositoryRules';

/**
 * The limits and policy of {@link checkRepository}. The defaults bound a run to a few
 * seconds on any project.
 *
 * @public
 */
export interface CheckRepositoryOptions {
  /** Its `severities` change or turn off the repository rules, as they do every rule. */
  policy?: PlanPolicy;
  /** Listed paths looked at; past it the listing counts as truncated. Default 100 000. */
  maxFiles?: number;
  /** Characters read in all, over every file. Default 32 Mi. */
  maxBytes?: number;
  /** Characters of one file; a larger file is reported and not read. Default 4 Mi. */
  maxFileBytes?: number;
  /** Statements of the deploy, rollback and backup scripts and their includes. Default 200 000. */
  maxStatements?: number;
}

/**
 * A planned object against the project's files.
 *
 * @public
 */
export interface RepositoryObject {
  /** The object's content key, as its findings name it. */
  key: string;
  /** As the plan writes it. */
  name: string;
  /** Its kind, from its planned file's folder. */
  kind?: ObjectKind;
  /** Its layer, from its planned file's folder. */
  layer?: string;
  /** Its planned SQL file, when the plan names a safe one. */
  file?: string;
  /** Whether that file exists. */
  fileExists: boolean;
  /** Where its unit test belongs (`tests/unit/<layer>/<name>.sql`), when it has a layer. */
  testPath?: string;
  /** Whether that test exists. */
  testExists: boolean;
  /** Whether the deploy scripts create it. */
  deployed: boolean;
  /** Whether the rollback script drops or restores it. */
  rollback: boolean;
  /** For a table: whether a clone of it is taken before the deploy; null for other kinds. */
  backup: boolean | null;
}

/**
 * What {@link checkRepository} found: the findings, each planned object's state, the SQL
 * files no step names, and coverage figures (a ratio from 0 to 1, null when there is
 * nothing to cover).
 *
 * @public
 */
export interface RepositoryReport {
  /** The repository rules' findings, through the policy's severities. */
  findings: PlanDiagnostic[];
  /** Each planned object, in the plan's order. */
  objects: RepositoryObject[];
  /** SQL files under `src/` no step names; empty when the listing was truncated (see `listing`). */
  orphans: string[];
  /** How many safe paths the listing gave, and whether it was cut short. */
  listing: { paths: number; truncated: boolean };
  /** What is present and covered, over the planned objects. */
  figures: {
    filesPlanned: number;
    filesPresent: number;
    unitTestCoverage: number | null;
    unitTestCoverageByLayer: Record<string, number | null>;
    deployCoverage: number | null;
    rollbackCoverage: number | null;
  };
}

const DEFAULTS = {
  maxFiles: 100_000,
  maxBytes: 32 * 1024 * 1024,
  maxFileBytes: 4 * 1024 * 1024,
  maxStatements: 200_000,
};

/** Unsafe listed paths reported one by one; the rest are counted in one more finding. */
const MAX_UNSAFE_PATHS = 50;

const DEFAULT_SCRIPTS = {
  deploy: 'deploy/deploy.sql',
  rollback: 'deploy/rollback.sql',
  backup: 'deploy/backup.sql',
};

type ScriptRole = keyof typeof DEFAULT_SCRIPTS;

/** What a 5.2 script is for, from its file name, then from its purpose. */
function roleOf(path: string, purpose: string | undefined): ScriptRole {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const text = (purpose ?? '').toLowerCase();
  if (name.includes('rollback') || /\broll ?back\b|\brevert/.test(text)) {
    return 'rollback';
  }
  if (name.includes('backup') || /\bbackup|\bback up\b/.test(text)) {
    return 'backup';
  }
  return 'deploy';
}

/** A 5.2 validation entry names a file when it looks like one. */
function looksLikePath(text: string): boolean {
  return !/\s/.test(text) && (text.includes('/') || /\.sql$/i.test(text));
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/**
 * Holds a parsed plan against its project's files: the layout (planned files, their
 * folders, SQL files no step names, unit tests), the deploy scripts (every object created,
 * in an order the dependencies allow, following `!source` includes), and rollback
 * readiness (a rollback statement for each deployed object, a backup clone of each table,
 * the backup location of 6.3). Reads only the files the rules need, within the budget of
 * `options`; never throws on what the files hold (a failing `ProjectFiles.list` rejects).
 *
 * Findings have content keys as the plan's own do (an object's findings are waivable by
 * its name), go through the policy's severities, and their `line` is the plan's line of
 * the object or section they are about. See {@link REPOSITORY_RULES}.
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
  const report = (
    rule: RepositoryRule,
    subject: string | undefined,
    message: string,
    line?: number,
  ) => {
    findings.push({
      key: unique(findingKey(rule, subject)),
      severity: REPOSITORY_RULE_SEVERITIES[rule],
      rule,
      message,
      ...(line === undefined ? {} : { line }),
    });
  };
  const reader = new FileReader(files, limits, report);

  // The listing: safe paths only, within the cap.
  const listed = await files.list();
  const present = new Set<string>();
  let truncated = listed.truncated;
  let unsafe = 0;
  for (let i = 0; i < listed.paths.length; i++) {
    if (i >= limits.maxFiles) {
      truncated = true;
      break;
    }
    const path = listed.paths[i];
    const problem =
      typeof path === 'string' ? unsafePathReason(path) : 'is not text';
    if (!problem) {
      present.add(path);
      continue;
    }
    unsafe++;
    if (unsafe <= MAX_UNSAFE_PATHS) {
      const shown = typeof path === 'string' ? shownPath(path) : 'A path';
      report(
        'unsafe-path',
        contentKey('path', shown),
        `Listed path ${shown} ${problem}; it is not read`,
      );
    }
  }
  if (unsafe > MAX_UNSAFE_PATHS) {
    report(
      'unsafe-path',
      contentKey('path', 'more'),
      `${
        unsafe - MAX_UNSAFE_PATHS
      } more listed paths are not safe project paths; they are not read`,
    );
  }
  if (truncated) {
    report(
      'listing-truncated',
      undefined,
      `The listing of the project's files stopped at ${Math.min(
        listed.paths.length,
        limits.maxFiles,
      )} paths: SQL files no step names, missing folders and the backup folder are not looked for, and files not listed are read to learn whether they exist`,
    );
  }
  const exists = async (path: string) =>
    present.has(path) || (truncated && (await reader.exists(path)));
  // Folders that hold a listed file.
  const folders = new Set<string>();
  for (const path of present) {
    for (let slash = path.lastIndexOf('/'); slash > 0; ) {
      const folder = path.slice(0, slash);
      if (folders.has(folder)) break;
      folders.add(folder);
      slash = folder.lastIndexOf('/');
    }
  }

  const layers = plan.layers.length ? plan.layers : [...DEFAULT_LAYERS];
  if (!truncated) {
    for (const dir of dataProjectDirectories(layers)) {
      if (!folders.has(dir)) {
        report(
          'missing-directory',
          contentKey('directory', dir),
          `Folder ${dir}/ of the layered layout is missing`,
        );
      }
    }
  }

  // Listed object files by file name: where a misplaced one is.
  const kindFolders = new Set(OBJECT_KINDS.map(kindDirectory));
  const layoutFiles = new Map<string, string[]>();
  for (const path of present) {
    const parts = path.split('/');
    if (parts.length !== 4 || parts[0] !== 'src' || !kindFolders.has(parts[2]))
      continue;
    const list = layoutFiles.get(parts[3]);
    if (list) list.push(path);
    else layoutFiles.set(parts[3], [path]);
  }

  // The planned objects' files and unit tests.
  const graph = buildObjectGraph(plan.objects);
  const keys = plan.objects.map(object => object.key ?? objectKey(object));
  const objects: RepositoryObject[] = [];
  const planned = new Set<string>();
  const claimed = new Set<string>();
  for (const [index, object] of plan.objects.entries()) {
    const entry: RepositoryObject = {
      key: keys[index],
      name: object.name,
      ...(object.kind ? { kind: object.kind } : {}),
      ...(object.layer ? { layer: object.layer } : {}),
      fileExists: false,
      testExists: false,
      deployed: false,
      rollback: false,
      backup: object.kind === 'table' ? false : null,
    };
    objects.push(entry);
    if (!object.file) continue;
    const resolved = resolveProjectPath('', object.file);
    if ('problem' in resolved) continue; // the parser reports the path itself
    const path = resolved.path;
    entry.file = path;
    planned.add(path);
    entry.fileExists = await exists(path);
    if (!entry.fileExists) {
      const name = path.slice(path.lastIndexOf('/') + 1);
      const elsewhere = (layoutFiles.get(name) ?? []).find(p => p !== path);
      if (elsewhere) {
        claimed.add(elsewhere);
        report(
          'misplaced-object-file',
          keys[index],
          `${object.name}: planned file ${path} is at ${elsewhere}, in another layer's or kind's folder`,
          object.line,
        );
      } else {
        report(
          'missing-object-file',
          keys[index],
          `${object.name}: planned file ${path} does not exist`,
          object.line,
        );
      }
    }
    if (object.layer && object.kind) {
      const test = unitTestFilePath({ layer: object.layer, file: path });
      entry.testPath = test;
      entry.testExists = await exists(test);
      if (!entry.testExists) {
        report(
          'missing-unit-test',
          keys[index],
          `${object.name} has no unit test file ${test}`,
          object.line,
        );
      }
    }
  }

  const orphans: string[] = [];
  if (!truncated) {
    for (const path of [...present].sort()) {
      if (
        path.startsWith('src/') &&
        path.toLowerCase().endsWith('.sql') &&
        !planned.has(path) &&
        !claimed.has(path)
      ) {
        orphans.push(path);
        report(
          'orphan-sql-file',
          contentKey('file', path),
          `${path} is not named by any step of the plan`,
        );
      }
    }
  }

  // The scripts of 5.2, by what they are for; the defaults where it names none.
  const deploymentLine = plan.sections.deployment;
  const scripts: Record<ScriptRole, string[]> = {
    deploy: [],
    rollback: [],
    backup: [],
  };
  const named = new Set<string>();
  const checkNamed = async (written: string, what: string) => {
    const resolved = resolveProjectPath('', written);
    if ('problem' in resolved) {
      report(
        'unsafe-path',
        contentKey('path', written),
        `${what} ${shownPath(written)} ${resolved.problem}; it is not read`,
        deploymentLine,
      );
      return undefined;
    }
    if (named.has(resolved.path)) return resolved.path;
    named.add(resolved.path);
    if (!(await exists(resolved.path))) {
      report(
        'missing-script',
        contentKey('file', resolved.path),
        `${
          resolved.path
        }, named in 5.2 as ${what.toLowerCase()}, does not exist`,
        deploymentLine,
      );
      return undefined;
    }
    return resolved.path;
  };
  for (const script of plan.deployment.scripts) {
    if (script.script && !findPlaceholder(script.script)) {
      const path = await checkNamed(script.script, 'A migration script');
      if (path) scripts[roleOf(path, script.purpose)].push(path);
      else if (!('problem' in resolveProjectPath('', script.script))) {
        // Named but missing: its role is taken, no default stands in for it.
        scripts[roleOf(script.script, script.purpose)].push('');
      }
    }
    const validation = script.validation;
    if (
      validation &&
      looksLikePath(validation) &&
      !findPlaceholder(validation)
    ) {
      await checkNamed(validation, 'A validation script');
    }
  }
  const scriptFor = async (role: ScriptRole): Promise<string[]> => {
    if (scripts[role].length) return scripts[role].filter(Boolean);
    const path = DEFAULT_SCRIPTS[role];
    return (await exists(path)) ? [path] : [];
  };
  const deployScripts = await scriptFor('deploy');
  if (!scripts.deploy.length && !deployScripts.length) {
    report(
      'missing-script',
      contentKey('file', DEFAULT_SCRIPTS.deploy),
      `${DEFAULT_SCRIPTS.deploy}, the deploy script (5.2 names none), does not exist`,
      deploymentLine,
    );
  }
  const rollbackScripts = await scriptFor('rollback');
  // A rollback script 5.2 names and that is missing is already a missing-script.
  if (!scripts.rollback.length && !rollbackScripts.length) {
    report(
      'missing-rollback-script',
      contentKey('file', DEFAULT_SCRIPTS.rollback),
      `No rollback script: 5.2 names none and ${DEFAULT_SCRIPTS.rollback} does not exist`,
      plan.sections.rollback ?? deploymentLine,
    );
  }
  const backupScripts = await scriptFor('backup');

  const run = async (paths: string[]): Promise<ScriptRun> => {
    const all: ScriptRun = { events: [], complete: paths.length > 0 };
    for (const path of paths) {
      const { events, complete } = await runScript(reader, path, report);
      const offset = all.events.length;
      for (const event of events) {
        all.events.push({ ...event, order: offset + event.order });
      }
      all.complete &&= complete;
    }
    return all;
  };
  const match = objectMatcher(graph.identifiers);

  // Deploy: where each object is first created.
  const deploy = await run(deployScripts);
  const createdAt = new Map<
    number,
    { order: number; file: string; line: number }
  >();
  for (const event of deploy.events) {
    if (event.type !== 'create') continue;
    const index = match(event.name);
    if (index !== undefined && !createdAt.has(index))
      createdAt.set(index, event);
  }
  const deployNames = deployScripts.join(', ');
  for (const [index, object] of plan.objects.entries()) {
    const created = createdAt.get(index);
    objects[index].deployed = created !== undefined;
    if (!created) {
      if (deploy.complete) {
        report(
          'object-not-deployed',
          keys[index],
          `${object.name} is not created by ${deployNames} or the files it runs`,
          object.line,
        );
      }
      continue;
    }
    for (const dependency of graph.dependsOn[index]) {
      const before = createdAt.get(dependency);
      if (before && before.order > created.order) {
        const other = plan.objects[dependency];
        report(
          'deploy-out-of-order',
          `${keys[index]}:${contentKey('dependency', other.name)}`,
          `${object.name} is created (${created.file}:${created.line}) before ${other.name} (${before.file}:${before.line}), which it depends on`,
          object.line,
        );
      }
    }
  }

  // Rollback: each deployed object dropped or restored.
  const rollback = await run(rollbackScripts);
  for (const event of rollback.events) {
    if (event.type === 'clone') continue;
    const index = match(event.name);
    if (index !== undefined) objects[index].rollback = true;
  }
  if (rollback.complete) {
    for (const [index, object] of plan.objects.entries()) {
      if (objects[index].deployed && !objects[index].rollback) {
        report(
          'missing-rollback',
          keys[index],
          `${object.name} is deployed but ${rollbackScripts.join(
            ', ',
          )} neither drops nor restores it`,
          object.line,
        );
      }
    }
  }

  // Backups: a clone of each table, in a backup script or in the deploy before the table's create.
  const backup = await run(backupScripts);
  const backedUp = new Set<number>();
  for (const event of backup.events) {
    const index = event.source && match(event.source);
    if (event.type === 'clone' && index !== undefined) backedUp.add(index);
  }
  for (const event of deploy.events) {
    const index = event.source && match(event.source);
    if (event.type !== 'clone' || index === undefined) continue;
    const created = createdAt.get(index);
    if (!created || event.order < created.order) backedUp.add(index);
  }
  const backupsKnown =
    deploy.complete && (backup.complete || !backupScripts.length);
  for (const [index, object] of plan.objects.entries()) {
    if (objects[index].backup === null) continue;
    objects[index].backup = backedUp.has(index);
    if (!backedUp.has(index) && backupsKnown) {
      report(
        'missing-backup',
        keys[index],
        `${
          object.name
        } is a table and no clone of it is taken before the deploy (${[
          ...backupScripts,
          ...deployScripts,
        ].join(', ')})`,
        object.line,
      );
    }
  }

  // The backup location of 6.3, and its folder.
  const rollbackLine = plan.sections.rollback;
  const location = plan.rollback.backupLocation;
  if (!location) {
    report(
      'missing-backup-location',
      undefined,
      'Section 6.3 sets no Backup Location',
      rollbackLine,
    );
  } else {
    const resolved = resolveProjectPath('', location);
    if ('problem' in resolved) {
      report(
        'unsafe-path',
        contentKey('path', location),
        `Backup Location ${shownPath(location)} ${resolved.problem}`,
        rollbackLine,
      );
    } else if (!truncated && !folders.has(resolved.path)) {
      report(
        'missing-backup-folder',
        contentKey('directory', resolved.path),
        `Backup Location ${resolved.path}/ of section 6.3 holds no file`,
        rollbackLine,
      );
    }
  }

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
    orphans,
    listing: { paths: present.size, truncated },
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
