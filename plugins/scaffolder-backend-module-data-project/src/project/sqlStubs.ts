import {
  ParsedPlan,
  PlanEvaluation,
  PlanObject,
} from '@dataplan/plugin-data-plan-common';

/** An object placed in the layout: what every stub needs to know about it. */
export interface PlacedObject {
  name: string;
  layer: string;
  kind: NonNullable<PlanObject['kind']>;
  file: string;
  definition?: string;
  /** Names of its resolved dependencies, with their kinds. */
  dependencies: Array<{ name: string; kind?: PlanObject['kind'] }>;
}

export interface StubOptions {
  warehouse: string;
  schedule: string;
}

/** Objects in deploy order, with resolved dependencies; objects without a layout place are left out. */
export function placedObjects(
  plan: ParsedPlan,
  evaluation: PlanEvaluation,
): PlacedObject[] {
  // The deploy order names each object by its key, as the parsed plan does.
  const indexByKey = new Map(plan.objects.map((object, i) => [object.key, i]));
  const placed: PlacedObject[] = [];
  for (const entry of evaluation.deployOrder) {
    const i = indexByKey.get(entry.key);
    if (i === undefined) continue;
    const object = plan.objects[i];
    if (!object.layer || !object.kind || !object.file) continue;
    placed.push({
      name: object.name,
      layer: object.layer,
      kind: object.kind,
      file: object.file,
      ...(object.definition ? { definition: object.definition } : {}),
      dependencies: evaluation.dependsOn[i].map(d => ({
        name: plan.objects[d].name,
        kind: plan.objects[d].kind,
      })),
    });
  }
  return placed;
}

function header(object: PlacedObject): string {
  const lines = [`-- ${object.name} (${object.layer} ${object.kind})`];
  if (object.definition) {
    // Line by line rather than `/\s*\n\s*/g`, which backtracks over long runs of spaces.
    const oneLine = object.definition
      .split('\n')
      .map(line => line.trim())
      .filter(Boolean)
      .join(' ');
    lines.push(`-- ${oneLine}`);
  }
  lines.push(
    '-- Generated from PLAN.md; replace the TODOs with the real definition.',
  );
  return lines.join('\n');
}

/** A Snowflake DDL stub for one object: table, view, task or procedure. */
export function objectDdl(object: PlacedObject, options: StubOptions): string {
  const [first] = object.dependencies;
  // Every dependency is read, so that the SQL uses what the plan lists: the others are
  // joined on FALSE (no rows, no columns) until the TODO gives the real conditions.
  let from = '';
  if (object.dependencies.length === 1) {
    from = `SELECT *\nFROM ${first.name}`;
  } else if (first) {
    from = [
      'SELECT d0.*',
      `FROM ${first.name} d0`,
      '-- TODO: the join conditions',
      ...object.dependencies
        .slice(1)
        .map((dep, i) => `LEFT JOIN ${dep.name} d${i + 1} ON FALSE`),
    ].join('\n');
  }
  switch (object.kind) {
    case 'table':
      return first
        ? `${header(object)}\nCREATE OR REPLACE TABLE ${
            object.name
          } AS\n${from};\n`
        : `${header(object)}\nCREATE OR REPLACE TABLE ${
            object.name
          } (\n    ID NUMBER AUTOINCREMENT,\n    -- TODO: columns\n    _LOADED_AT TIMESTAMP_LTZ DEFAULT CURRENT_TIMESTAMP()\n);\n`;
    case 'view':
      return `${header(object)}\nCREATE OR REPLACE VIEW ${object.name} AS\n${
        from || 'SELECT CURRENT_TIMESTAMP() AS GENERATED_AT'
      };\n`;
    case 'task': {
      const procedure = object.dependencies.find(
        dep => dep.kind === 'procedure',
      );
      let body = 'SELECT 1';
      if (procedure) body = `CALL ${procedure.name}()`;
      else if (first) body = `SELECT COUNT(*) FROM ${first.name}`;
      return `${header(object)}\nCREATE OR REPLACE TASK ${
        object.name
      }\n    WAREHOUSE = ${options.warehouse}\n    SCHEDULE = '${
        options.schedule
      }'\nAS\n    ${body};\n`;
    }
    default:
      return `${header(object)}\nCREATE OR REPLACE PROCEDURE ${
        object.name
      }()\nRETURNS VARCHAR\nLANGUAGE SQL\nAS\n$$\nBEGIN\n    -- TODO: the procedure's statements${
        first ? `, e.g. over ${first.name}` : ''
      }\n    RETURN 'ok';\nEND;\n$$;\n`;
  }
}

function showCommand(object: PlacedObject): string {
  const parts = object.name.split('.');
  const short = parts.pop()!;
  const scope = parts.length ? ` IN SCHEMA ${parts.join('.')}` : '';
  return `SHOW ${object.kind.toUpperCase()}S LIKE '${short}'${scope};`;
}

/** A unit test stub: the object answers (or, for tasks and procedures, exists and runs). */
export function unitTestSql(object: PlacedObject): string {
  let check = `CALL ${object.name}();`;
  if (object.kind === 'table' || object.kind === 'view') {
    check = `SELECT COUNT(*) AS ROW_COUNT FROM ${object.name};`;
  } else if (object.kind === 'task') {
    check = showCommand(object);
  }
  return `-- Unit test of ${object.name}; replace with the checks of PLAN.md section 4.2.1.\n${check}\n`;
}

/** deploy/deploy.sql: every object file in dependency order, then the tasks resumed. */
export function deployScript(objects: PlacedObject[]): string {
  const tasks = objects.filter(o => o.kind === 'task');
  return [
    '-- Deploys every object of PLAN.md in dependency order.',
    '-- Run from the project root with SnowSQL or the Snowflake CLI: snow sql -f deploy/deploy.sql',
    ...objects.map(o => `!source ${o.file}`),
    ...(tasks.length
      ? [
          '',
          '-- Tasks start suspended: resume them last.',
          ...tasks.map(t => `ALTER TASK ${t.name} RESUME;`),
        ]
      : []),
    '',
  ].join('\n');
}

/** deploy/validate.sql: every object exists, and tables and views answer. */
export function validateScript(objects: PlacedObject[]): string {
  const lines = [
    '-- Validates a deployment: every object exists; tables and views answer with a row count.',
  ];
  for (const object of objects) {
    lines.push(showCommand(object));
    if (object.kind === 'table' || object.kind === 'view') {
      lines.push(
        `SELECT '${object.name}' AS OBJECT_NAME, COUNT(*) AS ROW_COUNT FROM ${object.name};`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** deploy/backup.sql: clones of the tables, taken before a deployment that replaces them. */
export function backupScript(objects: PlacedObject[]): string {
  const tables = objects.filter(o => o.kind === 'table');
  return [
    '-- Run before re-deploying: clones every table that already exists, for deploy/rollback.sql.',
    ...tables.map(
      t => `CREATE OR REPLACE TABLE ${t.name}_BACKUP CLONE ${t.name};`,
    ),
    '',
  ].join('\n');
}

/** deploy/rollback.sql: objects dropped in reverse deploy order, tables restored from their clones. */
export function rollbackScript(objects: PlacedObject[]): string {
  const lines = [
    '-- Rolls a deployment back in reverse deploy order; tables come back from deploy/backup.sql clones.',
  ];
  for (const object of [...objects].reverse()) {
    switch (object.kind) {
      case 'task':
        lines.push(
          `ALTER TASK IF EXISTS ${object.name} SUSPEND;`,
          `DROP TASK IF EXISTS ${object.name};`,
        );
        break;
      case 'procedure':
        lines.push(`DROP PROCEDURE IF EXISTS ${object.name}();`);
        break;
      case 'view':
        lines.push(`DROP VIEW IF EXISTS ${object.name};`);
        break;
      default:
        lines.push(
          `DROP TABLE IF EXISTS ${object.name};`,
          '-- Restore from backup',
          `CREATE TABLE IF NOT EXISTS ${object.name} CLONE ${object.name}_BACKUP;`,
        );
    }
  }
  return `${lines.join('\n')}\n`;
}
