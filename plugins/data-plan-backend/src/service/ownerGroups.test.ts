import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ROLLUP_LIMITS } from '@dataplan/plugin-data-plan-common';
import { GroupParents, ownerGroups, readGroupParents } from './ownerGroups';

function group(name: string, parent?: string, namespace?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
  };
}

describe('readGroupParents', () => {
  it('reads every group with its parent, in pages, as lower-case refs', async () => {
    const catalog = catalogServiceMock({
      entities: [
        group('Data-Org'),
        group('sales-analytics', 'data-org'),
        group('marketing-data', 'group:default/Data-Org'),
        group('emea', 'sales-analytics', 'europe'),
        group('broken', 'user:'),
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'User',
          metadata: { name: 'ada' },
          spec: { memberOf: ['data-org'] },
        },
      ],
    });
    let pages = 0;
    const parents = await readGroupParents(catalog, {
      credentials: mockCredentials.service(),
      pageSize: 2,
      onPage: () => pages++,
    });
    expect(Object.fromEntries(parents)).toEqual({
      'group:default/data-org': undefined,
      'group:default/sales-analytics': 'group:default/data-org',
      'group:default/marketing-data': 'group:default/data-org',
      // A parent without a namespace is in the group's own.
      'group:europe/emea': 'group:europe/sales-analytics',
      // Not a ref: no parent to follow.
      'group:default/broken': undefined,
    });
    expect(pages).toBe(3);
  });
});

describe('ownerGroups', () => {
  const parents: GroupParents = new Map([
    ['group:default/data-org', undefined],
    ['group:default/analytics', 'group:default/data-org'],
    ['group:default/sales-analytics', 'group:default/analytics'],
    // A parent the catalog does not have ends the walk.
    ['group:default/orphans', 'group:default/gone'],
  ]);

  it('walks from the owner up to the root group, each a depth further', () => {
    expect(ownerGroups('group:default/Sales-Analytics', parents)).toEqual([
      { groupRef: 'group:default/sales-analytics', depth: 0 },
      { groupRef: 'group:default/analytics', depth: 1 },
      { groupRef: 'group:default/data-org', depth: 2 },
    ]);
    expect(ownerGroups('group:default/orphans', parents)).toEqual([
      { groupRef: 'group:default/orphans', depth: 0 },
    ]);
  });

  it('gives a group the catalog does not have, or a bare name, only itself; a user or no owner nothing', () => {
    expect(ownerGroups('group:default/gone', parents)).toEqual([
      { groupRef: 'group:default/gone', depth: 0 },
    ]);
    expect(ownerGroups('gone', parents)).toEqual([
      { groupRef: 'group:default/gone', depth: 0 },
    ]);
    expect(ownerGroups('user:default/ada', parents)).toEqual([]);
    expect(ownerGroups('The Data Team', parents)).toEqual([
      { groupRef: 'group:default/the data team', depth: 0 },
    ]);
    expect(ownerGroups(undefined, parents)).toEqual([]);
    // Longer than any stored ref, or with a NUL: not stored at all.
    expect(ownerGroups(`group:default/${'a'.repeat(300)}`, parents)).toEqual(
      [],
    );
    expect(ownerGroups('x\u0000y', parents)).toEqual([]);
  });

  it('ends a cycle where it comes back, each group once', () => {
    const cycle: GroupParents = new Map([
      ['group:default/a', 'group:default/b'],
      ['group:default/b', 'group:default/c'],
      ['group:default/c', 'group:default/a'],
      ['group:default/self', 'group:default/self'],
    ]);
    expect(ownerGroups('group:default/a', cycle)).toEqual([
      { groupRef: 'group:default/a', depth: 0 },
      { groupRef: 'group:default/b', depth: 1 },
      { groupRef: 'group:default/c', depth: 2 },
    ]);
    expect(ownerGroups('group:default/self', cycle)).toEqual([
      { groupRef: 'group:default/self', depth: 0 },
    ]);
  });

  it('walks at most the deepest hierarchy the limits allow', () => {
    const deep: GroupParents = new Map(
      Array.from({ length: 100 }, (_, i) => [
        `group:default/g${i}`,
        `group:default/g${i + 1}`,
      ]),
    );
    const groups = ownerGroups('group:default/g0', deep);
    expect(groups).toHaveLength(ROLLUP_LIMITS.maxGroupDepth + 1);
    expect(groups[groups.length - 1]).toEqual({
      groupRef: `group:default/g${ROLLUP_LIMITS.maxGroupDepth}`,
      depth: ROLLUP_LIMITS.maxGroupDepth,
    });
  });
});
