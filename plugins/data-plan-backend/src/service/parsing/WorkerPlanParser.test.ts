import {
  checkSqlLineage,
  evaluatePlan,
  parsePlan,
} from '@dataplan/plugin-data-plan-common';
import { AstSqlLineageReader } from '@dataplan/plugin-data-plan-common/sql-parser';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { largePlan } from '../../__testUtils__/largePlan';
import { PlanParseTimeoutError } from './PlanParseTimeoutError';
import { WorkerPlanParser } from './WorkerPlanParser';

const examples = resolve(__dirname, '../../../../../examples/data-projects');
const samples = ['sales-orders', 'customer-360', 'inventory-forecast'].map(
  name => readFileSync(`${examples}/${name}/PLAN.md`, 'utf8'),
);

describe('WorkerPlanParser', () => {
  const parsers: WorkerPlanParser[] = [];
  const create = (options: Parameters<typeof WorkerPlanParser.create>[0]) => {
    const parser = WorkerPlanParser.create(options);
    parsers.push(parser);
    return parser;
  };
  afterAll(() => Promise.all(parsers.map(p => p.close())));

  it('gives what parsePlan and evaluatePlan give in this thread', async () => {
    const parser = create({ maxThreads: 1 });
    const policy = {
      highRiskScore: 2,
      severities: { 'risk-unmitigated': 'off' as const },
    };
    for (const text of samples) {
      const plan = parsePlan(text);
      expect(await parser.parse(text)).toEqual({
        plan,
        evaluation: evaluatePlan(plan),
        elapsedMs: expect.any(Number),
      });
      expect(await parser.parse(text, { policy })).toEqual({
        plan,
        evaluation: evaluatePlan(plan, policy),
        elapsedMs: expect.any(Number),
      });
    }
    expect(parser.timeoutMs).toBe(10_000);
    // The work ran in a worker thread of the pool.
    expect(parser.stats().threadsStarted).toBe(1);
  });

  it("compares a project's SQL with its plan in a thread, as the AST reader does here", async () => {
    const parser = create({ maxThreads: 1 });
    const plan = parsePlan(samples[1]);
    const sqlByObject = new Map(
      plan.objects.map(object => [
        object.key!,
        {
          path: object.file!,
          text: readFileSync(`${examples}/customer-360/${object.file}`, 'utf8'),
        },
      ]),
    );
    // A use the plan does not list, and one in a comment that is none.
    const view = plan.objects[3].key!;
    sqlByObject.set(view, {
      path: 'v.sql',
      text: 'CREATE VIEW MKT_DB.ANALYTICS.CUSTOMER_360 AS\n-- FROM MKT_DB.RAW.CRM_CONTACTS\nSELECT * FROM MKT_DB.TRANSFORM.CUSTOMER_PROFILE JOIN MKT_DB.RAW.WEB_EVENTS USING (EMAIL);',
    });
    const result = await parser.checkSqlLineage(plan, sqlByObject);
    expect(result).toEqual(
      checkSqlLineage(plan, sqlByObject, new AstSqlLineageReader()),
    );
    expect(result.findings.map(f => f.key)).toEqual([
      'sql-undeclared-dependency:object:MKT_DB.ANALYTICS.CUSTOMER_360:uses:MKT_DB.RAW.WEB_EVENTS',
    ]);
    expect(parser.stats()).toMatchObject({ threadsStarted: 1, running: 0 });
  });

  it('runs concurrent documents on at most maxThreads threads', async () => {
    const parser = create({ maxThreads: 2 });
    const texts = Array.from({ length: 9 }, (_, i) => samples[i % 3]);
    const results = Promise.all(texts.map(text => parser.parse(text)));
    expect(parser.stats()).toMatchObject({ running: 2, waiting: 7 });

    const parsed = await results;
    parsed.forEach((result, i) =>
      expect(result.plan).toEqual(parsePlan(texts[i])),
    );
    const stats = parser.stats();
    expect(stats).toMatchObject({ running: 0, waiting: 0 });
    expect(stats.threadsStarted).toBeGreaterThanOrEqual(1);
    expect(stats.threadsStarted).toBeLessThanOrEqual(2);
    expect(stats.threads).toBeLessThanOrEqual(2);
  });

  it('refuses documents past maxWaiting with a 503, and takes the rest', async () => {
    const parser = create({ maxThreads: 1, maxWaiting: 2 });
    const results = Array.from({ length: 4 }, () =>
      parser.parse(samples[0]).then(
        () => 'parsed',
        (e: Error) => e.name,
      ),
    );
    expect(parser.stats()).toMatchObject({ running: 1, waiting: 2 });
    expect(await Promise.all(results)).toEqual([
      'parsed',
      'parsed',
      'parsed',
      'ServiceUnavailableError',
    ]);
  });

  it('once closed, rejects the waiting documents and refuses new ones', async () => {
    const parser = create({ maxThreads: 1 });
    const running = parser.parse(samples[0]).catch((e: Error) => e.name);
    const waiting = parser.parse(samples[1]).catch((e: Error) => e.name);
    expect(parser.stats()).toMatchObject({ running: 1, waiting: 1 });
    await parser.close();
    expect(await waiting).toBe('ServiceUnavailableError');
    await running;
    await expect(parser.parse(samples[0])).rejects.toThrow(
      'Plan parsing has stopped',
    );
    expect(parser.stats().threads).toBe(0);
  });

  it('rejects a document over its time budget with parse-timeout, and goes on with the next', async () => {
    const parser = create({ maxThreads: 1 });
    const error = await parser
      .parse(largePlan(), { timeoutMs: 1 })
      .catch(e => e);
    expect(error).toBeInstanceOf(PlanParseTimeoutError);
    expect(error.name).toBe('InputError');
    expect(error.message).toBe(
      'parse-timeout: Parsing the plan took longer than 1 ms',
    );
    expect(parser.stats()).toMatchObject({ running: 0, waiting: 0 });

    expect((await parser.parse(samples[0])).plan).toEqual(
      parsePlan(samples[0]),
    );
  }, 60_000);

  it('applies its own budget to every document', async () => {
    const parser = create({ maxThreads: 1, timeoutMs: 1 });
    await expect(parser.parse(samples[0])).rejects.toThrow(
      'parse-timeout: Parsing the plan took longer than 1 ms',
    );
  });
});
