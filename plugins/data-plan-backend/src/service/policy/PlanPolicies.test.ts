import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { hashPolicy } from '@dataplan/plugin-data-plan-common';
import { ConfigPlanPolicies, policyFactsOf } from './PlanPolicies';

function entity(spec: Record<string, unknown>, tags?: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'p', namespace: 'sales', ...(tags ? { tags } : {}) },
    spec: { type: 'data-project', ...spec },
  };
}

const config = (policy?: unknown) =>
  mockServices.rootConfig({
    data: policy === undefined ? {} : { dataPlan: { policy } },
  });

describe('policyFactsOf', () => {
  it('gives owner and system as full refs in the entity namespace, lifecycle and tags', () => {
    expect(
      policyFactsOf(
        entity({ owner: 'team-a', system: 'orders', lifecycle: 'production' }, [
          'pii',
          'gold',
        ]),
      ),
    ).toEqual({
      owner: 'group:sales/team-a',
      system: 'system:sales/orders',
      lifecycle: 'production',
      tags: ['pii', 'gold'],
    });
  });

  it('leaves out what the entity does not say, or says as something else than text', () => {
    expect(policyFactsOf(entity({ owner: 7, lifecycle: '' }))).toEqual({});
  });
});

describe('ConfigPlanPolicies', () => {
  it('without dataPlan.policy applies the default policy, hashed as results were before', () => {
    const applied = ConfigPlanPolicies.fromConfig(config()).forEntity(
      entity({ lifecycle: 'production' }),
    );
    expect(applied).toEqual({
      name: 'default',
      policy: {},
      hash: hashPolicy(),
    });
  });

  it('applies the first scope that matches, over the default', () => {
    const policies = ConfigPlanPolicies.fromConfig(
      config({
        default: { highRiskScore: 6, severities: { 'missing-file': 'info' } },
        scopes: [
          {
            name: 'production',
            match: { lifecycle: 'production' },
            policy: { highRiskScore: 4 },
          },
          {
            name: 'team-a',
            match: { owner: 'group:sales/team-a' },
            policy: { highRiskScore: 2 },
          },
        ],
      }),
    );
    const production = policies.forEntity(
      entity({ owner: 'team-a', lifecycle: 'production' }),
    );
    expect(production.name).toBe('production');
    expect(production.policy).toMatchObject({
      highRiskScore: 4,
      severities: { 'missing-file': 'info' },
    });
    expect(production.hash).toBe(hashPolicy(production.policy));
    expect(policies.forEntity(entity({ owner: 'team-a' })).name).toBe('team-a');
    expect(policies.forDefault()).toMatchObject({
      name: 'default',
      policy: { highRiskScore: 6 },
    });
  });

  it('hashes each policy with the registered rules’ ids and versions', () => {
    const rules = [{ id: 'layer-naming', version: 2 }];
    const value = { default: { highRiskScore: 4 } };
    const applied = ConfigPlanPolicies.fromConfig(config(value), {
      rules,
    }).forDefault();
    expect(applied.hash).toBe(hashPolicy({ highRiskScore: 4 }, rules));
    expect(applied.hash).not.toBe(
      ConfigPlanPolicies.fromConfig(config(value)).forDefault().hash,
    );
    expect(
      ConfigPlanPolicies.create(undefined, { rules }).forDefault().hash,
    ).toBe(hashPolicy({}, rules));
  });

  it('refuses a policy that is not valid, naming the field', () => {
    expect(() =>
      ConfigPlanPolicies.fromConfig(
        config({ default: { severities: { 'missing-file': 'loud' } } }),
      ),
    ).toThrow(/dataPlan\.policy.*severities.*missing-file/);
  });
});
