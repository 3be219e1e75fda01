// Loading node-sql-parser fails the test: the main entry, which the frontend bundles,
// must never reach it; only the `/sql-parser` entry may.
jest.mock('node-sql-parser/build/snowflake', () => {
  throw new Error('node-sql-parser was loaded');
});

describe('package entries', () => {
  it('the main entry does not load node-sql-parser', () => {
    jest.isolateModules(() => {
      const main = require('./index');
      expect(main.readSqlLineage).toBeInstanceOf(Function);
      expect(main.checkSqlLineage).toBeInstanceOf(Function);
      expect(main.tolerantSqlLineageReader.read('SELECT 1 FROM T')).toEqual(
        expect.objectContaining({ references: [expect.anything()] }),
      );
    });
  });

  it('the sql-parser entry loads it', () => {
    jest.isolateModules(() => {
      expect(() => require('./sqlParser')).toThrow(
        'node-sql-parser was loaded',
      );
    });
  });
});
