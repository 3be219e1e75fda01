import { mockServices } from '@backstage/backend-test-utils';
import {
  evaluatePlan,
  parsePlan,
  PLAN_NOTICE_KINDS,
} from '@dataplan/plugin-data-plan-common';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DatabaseDataPlanStore } from '../../database/DatabaseDataPlanStore';
import { planNotice } from '../../notices/noticeContent';
import { DefaultPlanNotifier, MAX_SEND_ATTEMPTS } from './PlanNotifier';
import { createTestDatabases } from '../../__testUtils__/testDatabases';

const databases = createTestDatabases(['SQLITE_3']);
const plan = parsePlan(
  readFileSync(
    resolve(
      __dirname,
      '../../../../../examples/data-projects/sales-orders/PLAN.md',
    ),
    'utf8',
  ),
);
const identity = {
  entityRef: 'component:default/sales-orders',
  name: 'sales-orders',
};
const DAY = 86_400_000;
const t0 = new Date(Date.UTC(2026, 11, 1, 9));
const config = {
  kinds: new Set(PLAN_NOTICE_KINDS),
  waiverWarningDays: 14,
  stuckRepeatDays: 7,
};

async function setup(
  send: (options: NotificationSendOptions) => Promise<void>,
  options: { sendTimeoutMs?: number } = {},
) {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseDataPlanStore.create({
    database: { getClient: async () => knex, migrations: { skip: false } },
  });
  // Stuck from 2026-12-03 on: a day allowed in its status.
  await store.saveResult({
    identity,
    source: { type: 'file', location: '/p/PLAN.md', path: 'PLAN.md' },
    key: {
      contentHash: 'a'.repeat(64),
      parserVersion: 1,
      policyHash: 'p',
      policyName: 'default',
    },
    plan,
    evaluation: evaluatePlan(plan),
    stuckAfterDays: 1,
    now: t0,
  });
  let now = new Date(t0.getTime() + 3 * DAY);
  const sent: NotificationSendOptions[] = [];
  const notifier = DefaultPlanNotifier.create({
    store,
    notifications: {
      send: async sendOptions => {
        await send(sendOptions);
        sent.push(sendOptions);
      },
    },
    logger: mockServices.logger.mock(),
    config,
    now: () => now,
    ...options,
  });
  return {
    knex,
    store,
    notifier,
    sent,
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
}

describe('DefaultPlanNotifier', () => {
  it('records a stuck plan once and sends it once, to the project, whatever the passes', async () => {
    const { notifier, sent } = await setup(async () => {});
    await expect(notifier.recordDue()).resolves.toBe(1);
    await expect(notifier.recordDue()).resolves.toBe(0);
    await expect(notifier.sendPending()).resolves.toEqual({
      sent: 1,
      failed: 0,
    });
    await expect(notifier.sendPending()).resolves.toEqual({
      sent: 0,
      failed: 0,
    });
    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: identity.entityRef },
        payload: expect.objectContaining({
          title: 'sales-orders: stuck in IN_PROGRESS for 3 days',
          description: 'The policy allows 1 day in IN_PROGRESS.',
          link: '/catalog/default/component/sales-orders/data-plan',
          severity: 'normal',
          scope: expect.stringMatching(/^data-plan:stuck:[0-9a-f]{64}$/),
        }),
      },
    ]);
  });

  it('sends each notice once from passes running at once', async () => {
    const { notifier, store, sent } = await setup(async () => {});
    await store.recordNotices(
      ['a', 'b', 'c'].map(key =>
        planNotice(identity, 'stuck', { key, title: key }),
      ),
      t0,
    );
    await Promise.all([
      notifier.sendPending(),
      notifier.sendPending(),
      notifier.sendPending({ entityRef: identity.entityRef }),
    ]);
    expect(sent.map(s => s.payload.title).sort()).toEqual([
      'sales-orders: a',
      'sales-orders: b',
      'sales-orders: c',
    ]);
  });

  it('retries a failed send once it is due, backing off, and gives up after the last attempt', async () => {
    let failing = true;
    const { notifier, knex, sent, advance } = await setup(async () => {
      if (failing) throw new Error('notifications backend down');
    });
    await notifier.recordDue();
    await expect(notifier.sendPending()).resolves.toEqual({
      sent: 0,
      failed: 1,
    });
    // Not due yet: the first retry waits a minute.
    await expect(notifier.sendPending()).resolves.toEqual({
      sent: 0,
      failed: 0,
    });
    advance(60_000);
    await expect(notifier.sendPending()).resolves.toEqual({
      sent: 0,
      failed: 1,
    });
    failing = false;
    advance(2 * 60_000);
    await expect(notifier.sendPending()).resolves.toEqual({
      sent: 1,
      failed: 0,
    });
    expect(sent).toHaveLength(1);

    failing = true;
    await knex('data_plan_notices').update({ sent_at: null, attempts: 0 });
    for (let i = 0; i < MAX_SEND_ATTEMPTS; i++) {
      await notifier.sendPending();
      advance(7 * 60 * 60_000);
    }
    const [row] = await knex('data_plan_notices').select('attempts');
    expect(row.attempts).toBe(MAX_SEND_ATTEMPTS);
    await expect(notifier.sendPending()).resolves.toEqual({
      sent: 0,
      failed: 0,
    });
  });

  it('never sends a notice twice that was still being sent when the wait ended', async () => {
    let finish: () => void = () => {};
    const calls: string[] = [];
    const { notifier, store, knex } = await setup(
      async sendOptions => {
        calls.push(sendOptions.payload.title);
        await new Promise<void>(done => {
          finish = done;
        });
      },
      { sendTimeoutMs: 1 },
    );
    await store.recordNotices(
      [planNotice(identity, 'stuck', { key: 'k', title: 'slow' })],
      t0,
    );
    await notifier.sendPending();
    finish();
    await notifier.sendPending();
    expect(calls).toEqual(['sales-orders: slow']);
    const [row] = await knex('data_plan_notices').select('sent_at');
    expect(row.sent_at).not.toBeNull();
  });

  it('stops a pass after failed sends in a row, leaving the rest for the next pass', async () => {
    let calls = 0;
    const { notifier, store } = await setup(async () => {
      calls++;
      throw new Error('down');
    });
    await store.recordNotices(
      Array.from({ length: 30 }, (_, i) =>
        planNotice(identity, 'stuck', { key: `k${i}`, title: `n${i}` }),
      ),
      t0,
    );
    const stats = await notifier.sendPending();
    expect(stats.sent).toBe(0);
    expect(calls).toBeLessThan(30);
    expect(stats.failed).toBe(calls);
  });

  it('records and sends nothing of a kind that is off', async () => {
    const { store, sent } = await setup(async () => {});
    const notifier = DefaultPlanNotifier.create({
      store,
      notifications: { send: async o => void sent.push(o) },
      logger: mockServices.logger.mock(),
      config: { ...config, kinds: new Set(['newError'] as const) },
      now: () => new Date(t0.getTime() + 3 * DAY),
    });
    await expect(notifier.recordDue()).resolves.toBe(0);
    await store.recordNotices(
      [planNotice(identity, 'stuck', { key: 'k', title: 'k' })],
      t0,
    );
    await notifier.sendPending();
    expect(sent).toEqual([]);
  });
});
