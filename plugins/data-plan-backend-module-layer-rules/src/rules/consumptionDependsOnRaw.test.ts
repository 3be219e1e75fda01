import {
  applyPlanRules,
  contentKey,
  readPlan,
} from '@dataplan/plugin-data-plan-common';
import { fixture } from '@internal/plan-fixtures';
import { consumptionDependsOnRaw } from './consumptionDependsOnRaw';

/** Replaces one exact piece of the plan, failing loudly when it is not there. */
function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`plan does not contain: ${from}`);
  return text.replace(from, to);
}

const VIEW =
  '`src/consumption/views/customer_360.sql`\n- Dependencies: CUSTOMER_PROFILE';

/** The complete plan with the consumption view's dependencies as given. */
function planWithViewDependencies(dependencies: string): string {
  return edit(
    fixture('complete-plan'),
    VIEW,
    `\`src/consumption/views/customer_360.sql\`\n- Dependencies: ${dependencies}`,
  );
}

function check(text: string) {
  return consumptionDependsOnRaw.check(readPlan(text));
}

const viewKey = contentKey('object', 'MKT_DB.ANALYTICS.CUSTOMER_360');

describe('consumption-depends-on-raw', () => {
  it('finds nothing in a plan whose consumption objects read transformed data', () => {
    expect(check(fixture('complete-plan'))).toEqual([]);
  });

  it('reports a consumption object that depends on a raw object, which layer-direction allows', () => {
    const text = planWithViewDependencies('CUSTOMER_PROFILE, CRM_CONTACTS');
    const result = readPlan(text);
    expect(
      [...result.plan.diagnostics, ...result.evaluation.findings].map(
        d => d.rule,
      ),
    ).not.toContain('layer-direction');

    const line =
      text.split('\n').findIndex(l => l.includes('CUSTOMER_360')) + 1;
    expect(consumptionDependsOnRaw.check(result)).toEqual([
      {
        subject: `${viewKey}:${contentKey(
          'object',
          'MKT_DB.RAW.CRM_CONTACTS',
        )}`,
        message:
          'MKT_DB.ANALYTICS.CUSTOMER_360 (consumption) depends on MKT_DB.RAW.CRM_CONTACTS (raw): a consumption object reads raw data only through a transformation object',
        line,
      },
    ]);
  });

  it('reports each raw dependency once, by qualified or short name', () => {
    const found = check(
      planWithViewDependencies(
        'CRM_CONTACTS, MKT_DB.RAW.WEB_EVENTS, MKT_DB.RAW.CRM_CONTACTS',
      ),
    );
    expect(found.map(f => f.subject)).toEqual([
      `${viewKey}:${contentKey('object', 'MKT_DB.RAW.CRM_CONTACTS')}`,
      `${viewKey}:${contentKey('object', 'MKT_DB.RAW.WEB_EVENTS')}`,
    ]);
  });

  it('ignores a dependency it cannot resolve, which unknown-dependency reports', () => {
    expect(check(planWithViewDependencies('NO_SUCH_TABLE'))).toEqual([]);
  });

  it('keeps its key when rows are inserted above, and takes the policy’s severity', () => {
    const text = planWithViewDependencies('CRM_CONTACTS');
    const moved = edit(
      text,
      '#### Step 1.1: CRM contacts',
      '#### Step 1.0: Stage\n- Object: MKT_DB.RAW.STAGE\n- File: `src/raw/tables/stage.sql`\n\n#### Step 1.1: CRM contacts',
    );
    const keys = (t: string, severity?: 'warning') =>
      applyPlanRules(readPlan(t), [consumptionDependsOnRaw], {
        policy: severity
          ? { severities: { 'consumption-depends-on-raw': severity } }
          : undefined,
      }).findings.filter(f => f.rule === 'consumption-depends-on-raw');
    const [before] = keys(text);
    const [after] = keys(moved, 'warning');
    expect(after.key).toBe(before.key);
    expect(after.line).toBeGreaterThan(before.line!);
    expect(before.severity).toBe('error');
    expect(after.severity).toBe('warning');
  });
});
