import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

/** Time the databases of a test file get to shut down: a busy CI machine needs more than jest's minute. */
const SHUTDOWN_TIMEOUT_MS = 300_000;

/**
 * `TestDatabases.create`, with the databases shut down in a hook of its own that has time
 * enough on a loaded machine. Registered first, it runs first (jest runs after-all hooks
 * in the order they were declared), so the library's own one-minute hook finds nothing
 * left to do.
 */
export function createTestDatabases(ids: TestDatabaseId[]): TestDatabases {
  const created: { databases?: TestDatabases } = {};
  afterAll(async () => {
    // The library's own hook calls it; it is private only in its declarations.
    const databases = created.databases as unknown as
      | { shutdown(): Promise<void> }
      | undefined;
    await databases?.shutdown();
  }, SHUTDOWN_TIMEOUT_MS);
  created.databases = TestDatabases.create({ ids });
  return created.databases;
}
