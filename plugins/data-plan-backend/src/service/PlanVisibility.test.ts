import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  DefaultPlanVisibility,
  VISIBILITY_CACHE_MAX_PRINCIPALS,
  VISIBILITY_CACHE_MS,
  VISIBILITY_MAX_AGE_MS,
} from './PlanVisibility';

function component(name: string, spec: object, annotations = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec,
  };
}

const entities = [
  component('orders', { type: 'data-project' }),
  component('ledger', { type: 'service' }, { 'dataplan/plan': 'docs/PLAN.md' }),
  component('billing-api', { type: 'service' }),
];

const conditional: PolicyDecision = {
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'catalog',
  resourceType: 'catalog-entity',
  conditions: {
    rule: 'IS_ENTITY_OWNER',
    resourceType: 'catalog-entity',
    params: { claims: [] },
  },
};

function setup(
  decision: PolicyDecision,
  read: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  let now = 1_000_000;
  let readResult = read;
  const permissions = mockServices.permissions.mock({
    authorize: jest.fn(async () => [{ result: readResult }]) as any,
    authorizeConditional: jest.fn(async () => [decision]) as any,
  });
  const catalog = catalogServiceMock({ entities });
  const queryEntities = jest.spyOn(catalog, 'queryEntities');
  const visibility = DefaultPlanVisibility.create({
    permissions,
    catalog,
    now: () => now,
  });
  return {
    visibility,
    permissions,
    queryEntities,
    advance: (ms: number) => {
      now += ms;
    },
    setRead: (result: typeof read) => {
      readResult = result;
    },
  };
}

describe('PlanVisibility', () => {
  it('sees everything on ALLOW and nothing on DENY, without asking the catalog', async () => {
    const allowed = setup({ result: AuthorizeResult.ALLOW });
    await expect(allowed.visibility.for(mockCredentials.user())).resolves.toBe(
      'all',
    );
    const denied = setup({ result: AuthorizeResult.DENY });
    await expect(
      denied.visibility.for(mockCredentials.user()),
    ).resolves.toEqual([]);
    expect(allowed.queryEntities).not.toHaveBeenCalled();
    expect(denied.queryEntities).not.toHaveBeenCalled();
  });

  it('on CONDITIONAL, sees the data projects the catalog returns to the caller', async () => {
    const { visibility, queryEntities } = setup(conditional);
    const credentials = mockCredentials.user('user:default/ana');

    await expect(visibility.for(credentials)).resolves.toEqual([
      'component:default/orders',
      'component:default/ledger',
    ]);
    // Asked with the caller's own credentials, so catalog rules decide.
    expect(queryEntities).toHaveBeenCalledWith(expect.anything(), {
      credentials,
    });
  });

  it('refuses a caller without the data-plan read permission, whatever the catalog says', async () => {
    const { visibility, permissions } = setup(
      { result: AuthorizeResult.ALLOW },
      AuthorizeResult.DENY,
    );
    const ana = mockCredentials.user('user:default/ana');

    await expect(visibility.for(ana)).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    await expect(visibility.for(ana)).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    expect(permissions.authorize).toHaveBeenCalledTimes(1);
  });

  it('reuses a caller decision and refs for the cache time, per user', async () => {
    const { visibility, permissions, queryEntities, advance } =
      setup(conditional);
    const ana = mockCredentials.user('user:default/ana');
    const bo = mockCredentials.user('user:default/bo');

    await visibility.for(ana);
    await visibility.for(ana);
    expect(permissions.authorize).toHaveBeenCalledTimes(1);
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(1);
    expect(queryEntities).toHaveBeenCalledTimes(1);

    await visibility.for(bo);
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(2);

    // Older than the cache time: still the answer, while a new resolution runs behind it.
    advance(VISIBILITY_CACHE_MS + 1);
    await visibility.for(ana);
    await visibility.for(ana);
    while (queryEntities.mock.calls.length < 3) {
      await new Promise(resolve => setImmediate(resolve));
    }
    await visibility.for(ana);
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(3);
    expect(queryEntities).toHaveBeenCalledTimes(3);
  });

  it('answers with an older decision while it resolves anew, and never beyond the longest age', async () => {
    const { visibility, permissions, advance, setRead } = setup({
      result: AuthorizeResult.ALLOW,
    });
    const ana = mockCredentials.user('user:default/ana');
    await expect(visibility.for(ana)).resolves.toBe('all');

    // The read permission is withdrawn: the reused decision answers until the new one is in.
    setRead(AuthorizeResult.DENY);
    advance(VISIBILITY_CACHE_MS + 1);
    await expect(visibility.for(ana)).resolves.toBe('all');
    const answer = () =>
      visibility.for(ana).then(
        () => 'allowed',
        (e: Error) => e.name,
      );
    while ((await answer()) === 'allowed') {
      await new Promise(resolve => setImmediate(resolve));
    }
    expect(await answer()).toBe('NotAllowedError');
    expect(permissions.authorize).toHaveBeenCalledTimes(2);

    // Past the longest age, a request waits for the new decision.
    setRead(AuthorizeResult.ALLOW);
    advance(VISIBILITY_MAX_AGE_MS + 1);
    await expect(visibility.for(ana)).resolves.toBe('all');
    expect(permissions.authorize).toHaveBeenCalledTimes(3);
  });
  it('resolves concurrent first requests of one user once', async () => {
    const { visibility, permissions, queryEntities } = setup(conditional);
    let release!: () => void;
    const gate = new Promise<void>(resolve => {
      release = resolve;
    });
    let asked!: () => void;
    const catalogAsked = new Promise<void>(resolve => {
      asked = resolve;
    });
    queryEntities.mockImplementation(async () => {
      asked();
      await gate;
      return { items: entities.slice(0, 2), pageInfo: {}, totalItems: 2 };
    });
    const ana = () => mockCredentials.user('user:default/ana');

    const answers = Promise.all([1, 2, 3].map(() => visibility.for(ana())));
    await catalogAsked;
    release();
    expect(await answers).toEqual([
      ['component:default/orders', 'component:default/ledger'],
      ['component:default/orders', 'component:default/ledger'],
      ['component:default/orders', 'component:default/ledger'],
    ]);
    expect(permissions.authorize).toHaveBeenCalledTimes(1);
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(1);
    expect(queryEntities).toHaveBeenCalledTimes(1);
  });

  it('does not keep a failed resolution', async () => {
    const { visibility, queryEntities } = setup(conditional);
    queryEntities.mockRejectedValueOnce(new Error('catalog unavailable'));
    const ana = mockCredentials.user('user:default/ana');

    await expect(visibility.for(ana)).rejects.toThrow('catalog unavailable');
    await expect(visibility.for(ana)).resolves.toHaveLength(2);
    expect(queryEntities).toHaveBeenCalledTimes(2);
  });

  it('keeps at most its maximum of principals, dropping the least recently used', async () => {
    const { visibility, permissions } = setup({
      result: AuthorizeResult.ALLOW,
    });
    const user = (i: number) => mockCredentials.user(`user:default/u${i}`);
    for (let i = 0; i < VISIBILITY_CACHE_MAX_PRINCIPALS; i++) {
      await visibility.for(user(i));
    }
    await visibility.for(user(0)); // now the most recently used
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(
      VISIBILITY_CACHE_MAX_PRINCIPALS,
    );

    await visibility.for(user(VISIBILITY_CACHE_MAX_PRINCIPALS)); // evicts u1
    await visibility.for(user(0));
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(
      VISIBILITY_CACHE_MAX_PRINCIPALS + 1,
    );
    await visibility.for(user(1));
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(
      VISIBILITY_CACHE_MAX_PRINCIPALS + 2,
    );
  });
});
