import { mockServices } from '@backstage/backend-test-utils';
import { DatabaseDataPlanStore } from '../../database/DatabaseDataPlanStore';
import { DefaultPlanHistoryRetention } from './PlanHistoryRetention';
import { createTestDatabases } from '../../__testUtils__/testDatabases';

const databases = createTestDatabases(['SQLITE_3', 'POSTGRES_15']);
const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);

describe.each(databases.eachSupportedId())(
  'PlanHistoryRetention on %s',
  databaseId => {
    it('prunes rows past the retention but keeps each project’s newest row', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseDataPlanStore.create({
        database: { getClient: async () => knex, migrations: { skip: false } },
      });
      const row = (name: string, n: number, status: string) => ({
        entity_ref: `component:default/${name}`,
        recorded_at: day(n),
        status,
        summary_json: '{}',
      });
      await knex('data_plan_projects').insert([
        { entity_ref: 'component:default/active', name: 'active' },
        { entity_ref: 'component:default/quiet', name: 'quiet' },
      ]);
      await knex('data_plan_history').insert([
        row('active', 1, 'DRAFT'),
        row('active', 5, 'REVIEW'),
        row('active', 40, 'APPROVED'),
        row('active', 95, 'IN_PROGRESS'),
        // Unchanged for long: both rows are old, the newer one (by id at a tie) stays.
        row('quiet', 2, 'DRAFT'),
        row('quiet', 3, 'DRAFT'),
        row('quiet', 3, 'COMPLETE'),
      ]);
      const logger = mockServices.logger.mock();
      const retention = DefaultPlanHistoryRetention.create({
        store,
        logger,
        retentionDays: 60,
        now: () => day(100),
      });

      await expect(retention.prune()).resolves.toBe(4);

      const history = async (name: string) =>
        (await store.getHistory(`component:default/${name}`)).map(e => [
          e.recordedAt,
          e.status,
        ]);
      // A row exactly at the cutoff is within the retention.
      await expect(history('active')).resolves.toEqual([
        [day(40).toISOString(), 'APPROVED'],
        [day(95).toISOString(), 'IN_PROGRESS'],
      ]);
      await expect(history('quiet')).resolves.toEqual([
        [day(3).toISOString(), 'COMPLETE'],
      ]);
      expect(logger.info).toHaveBeenCalledWith(
        `Pruned 4 data plan history rows recorded before ${day(
          40,
        ).toISOString()}`,
      );
      // The trends still count the quiet project where it stands (each project by its
      // last row before the range, and those in it).
      const rows = await store.getTrendRows({}, 'all', {
        from: day(90),
        until: day(101),
      });
      expect(rows.map(r => [r.entityRef, r.status])).toEqual([
        ['component:default/active', 'APPROVED'],
        ['component:default/active', 'IN_PROGRESS'],
        ['component:default/quiet', 'COMPLETE'],
      ]);
      await expect(retention.prune()).resolves.toBe(0);
    });
  },
);
