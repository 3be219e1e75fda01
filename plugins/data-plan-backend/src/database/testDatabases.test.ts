import {} from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/testDatabases';

// Every database test in this plugin runs on these engines: SQLite always, PostgreSQL 15
// when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING names a server (.ci/run does).
const databases = createTestDatabases(['SQLITE_3', 'POSTGRES_15']);

describe('test databases', () => {
  it.each(databases.eachSupportedId())(
    '%s creates, writes and reads a table',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.schema.createTable('probe', table => {
        table.string('entity_ref').primary();
        table.integer('risk_score').notNullable();
      });
      await knex('probe').insert([
        { entity_ref: 'component:default/a', risk_score: 9 },
        { entity_ref: 'component:default/b', risk_score: 2 },
      ]);

      const rows = await knex('probe')
        .select('entity_ref')
        .orderBy('risk_score', 'desc');

      expect(rows.map(r => r.entity_ref)).toEqual([
        'component:default/a',
        'component:default/b',
      ]);
    },
  );

  // CI must not silently lose PostgreSQL: without the connection string only SQLite runs.
  // Registered on CI only, so that a laptop run has nothing to skip.
  if (process.env.CI) {
    it('includes PostgreSQL 15 on CI', () => {
      expect(databases.eachSupportedId().map(([id]) => id)).toEqual([
        'SQLITE_3',
        'POSTGRES_15',
      ]);
    });
  }
});
