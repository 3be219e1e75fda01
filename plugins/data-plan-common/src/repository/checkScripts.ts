import { contentKey } from '../plan/findingKeys';
import { findPlaceholder } from '../plan/text';
import { objectMatcher } from './matchObjects';
import { resolveProjectPath, shownPath } from './projectPaths';
import { runScript, ScriptRun } from './readScripts';
import { RepositoryContext } from './repositoryContext';

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

/**
 * The script rules: the scripts 5.2 names exist; the deploy scripts (5.2's, else
 * `deploy/deploy.sql`) create every planned object, in an order its dependencies allow;
 * the rollback script drops or restores every deployed object; each table has a backup
 * clone before the deploy; 6.3 sets a Backup Location whose folder holds a file. Fills in
 * `deployed`, `rollback` and `backup` of `ctx.objects`.
 */
export async function checkScripts(ctx: RepositoryContext): Promise<void> {
  const {
    plan,
    report,
    reader,
    folders,
    truncated,
    exists,
    graph,
    keys,
    objects,
  } = ctx;
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
}
