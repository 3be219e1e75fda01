import { PlanSortKey } from '@dataplan/plugin-data-plan-common';
import { encodeCursor, planListQuery } from './planListQuery';

describe('planListQuery', () => {
  it('decodes the cursor a page gave into the position it continues after', () => {
    expect(
      planListQuery({
        sort: 'name',
        limit: 5,
        cursor: encodeCursor('project-04', 'component:default/project-04'),
      }),
    ).toEqual({
      sort: 'name',
      limit: 5,
      after: {
        sortValue: 'project-04',
        entityRef: 'component:default/project-04',
      },
    });
    expect(
      planListQuery({
        sort: 'refreshed',
        cursor: encodeCursor(1764324000000, 'component:default/a'),
      }).after,
    ).toEqual({
      sortValue: new Date(1764324000000),
      entityRef: 'component:default/a',
    });
    // PostgreSQL returns bigint as text; the default sort is by worst score.
    expect(
      planListQuery({ cursor: encodeCursor('42', 'component:default/a') })
        .after,
    ).toEqual({ sortValue: 42, entityRef: 'component:default/a' });
    expect(planListQuery({ cursor: '' })).toEqual({});
  });

  it('rejects a cursor it did not issue and an unknown sort', () => {
    expect(() => planListQuery({ cursor: 'garbage' })).toThrow(
      /^cursor: not a cursor this API issued/,
    );
    expect(() => planListQuery({ sort: 'size' as PlanSortKey })).toThrow(
      /^sort: 'size' is not one of/,
    );
  });

  it('rejects inherited property names as a sort', () => {
    for (const sort of [
      'constructor',
      '__proto__',
      'toString',
      'hasOwnProperty',
    ]) {
      expect(() => planListQuery({ sort: sort as PlanSortKey })).toThrow(
        `sort: '${sort}' is not one of`,
      );
    }
  });

  // Cursors a client can craft: each is refused before it reaches the SQL, where a value of
  // the wrong type fails on PostgreSQL (a string against an integer, a number against a
  // timestamp, a NUL in text).
  it('refuses a cursor of the wrong shape for its sort', () => {
    const crafted: Array<[PlanSortKey, string]> = [
      ['worst', encodeCursor('abc', 'component:default/a')],
      ['worst', encodeCursor(1.5, 'component:default/a')],
      ['worst', encodeCursor('1e3', 'component:default/a')],
      ['worst', encodeCursor(2 ** 60, 'component:default/a')],
      ['status', encodeCursor(2 ** 40, 'component:default/a')],
      ['status', encodeCursor('2', 'component:default/a')],
      ['risk', encodeCursor(null, 'component:default/a')],
      ['risk', encodeCursor({ a: 1 }, 'component:default/a')],
      ['name', encodeCursor(5, 'component:default/a')],
      ['name', encodeCursor('a\0b', 'component:default/a')],
      ['name', encodeCursor('a', 'component:default/a\0')],
      ['owner', encodeCursor(['a'], 'component:default/a')],
      ['refreshed', encodeCursor('yesterday', 'component:default/a')],
      [
        'refreshed',
        encodeCursor('2026-13-45T99:99:99Z', 'component:default/a'),
      ],
      ['refreshed', encodeCursor(-8e15, 'component:default/a')],
      ['refreshed', encodeCursor(true, 'component:default/a')],
      ['name', encodeCursor('a', 42 as unknown as string)],
      ['name', Buffer.from('["a","b","c"]').toString('base64url')],
      ['name', Buffer.from('{"0":"a","1":"b"}').toString('base64url')],
      ['name', Buffer.from('not json').toString('base64url')],
    ];
    for (const [sort, cursor] of crafted) {
      expect(() => planListQuery({ sort, cursor, limit: 1 })).toThrow(
        /^cursor: not a cursor this API issued/,
      );
    }
  });
});
