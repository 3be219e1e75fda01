import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import {
  DATA_PLAN_ANNOTATION,
  DATA_PLAN_WAIVERS_ANNOTATION,
  getDataPlanPath,
  getDataPlanWaiversPath,
  isDataPlanAvailable,
} from './entity';

function component(spec: JsonObject, annotations = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'orders', annotations },
    spec,
  };
}

describe('isDataPlanAvailable', () => {
  it('holds for components of type data-project, whatever the case', () => {
    expect(isDataPlanAvailable(component({ type: 'data-project' }))).toBe(true);
    expect(isDataPlanAvailable(component({ type: 'Data-Project' }))).toBe(true);
  });

  it('holds for any entity that carries the plan annotation', () => {
    const api: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'warehouse',
        annotations: { [DATA_PLAN_ANNOTATION]: 'docs/PLAN.md' },
      },
      spec: { type: 'database' },
    };
    expect(isDataPlanAvailable(api)).toBe(true);
  });

  it('does not hold for other components, blank annotations or other kinds', () => {
    expect(isDataPlanAvailable(component({ type: 'service' }))).toBe(false);
    expect(
      isDataPlanAvailable(
        component({ type: 'service' }, { [DATA_PLAN_ANNOTATION]: '  ' }),
      ),
    ).toBe(false);
    expect(
      isDataPlanAvailable({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'System',
        metadata: { name: 'x' },
        spec: { type: 'data-project' },
      }),
    ).toBe(false);
    expect(isDataPlanAvailable(component({}))).toBe(false);
  });
});

describe('getDataPlanPath', () => {
  it('reads the annotation and defaults to PLAN.md', () => {
    expect(getDataPlanPath(component({ type: 'data-project' }))).toBe(
      'PLAN.md',
    );
    expect(
      getDataPlanPath(
        component(
          { type: 'data-project' },
          { [DATA_PLAN_ANNOTATION]: ' plans/PLAN.md ' },
        ),
      ),
    ).toBe('plans/PLAN.md');
  });
});

describe('getDataPlanWaiversPath', () => {
  it('is .dataplan/waivers.yaml in the folder of the plan', () => {
    expect(getDataPlanWaiversPath(component({}))).toBe(
      '.dataplan/waivers.yaml',
    );
    expect(
      getDataPlanWaiversPath(
        component({}, { [DATA_PLAN_ANNOTATION]: 'docs/plans/PLAN.md' }),
      ),
    ).toBe('docs/plans/.dataplan/waivers.yaml');
  });

  it('is the annotation, trimmed, when it is set', () => {
    expect(
      getDataPlanWaiversPath(
        component(
          {},
          {
            [DATA_PLAN_ANNOTATION]: 'docs/PLAN.md',
            [DATA_PLAN_WAIVERS_ANNOTATION]: ' governance/waivers.yaml ',
          },
        ),
      ),
    ).toBe('governance/waivers.yaml');
    expect(
      getDataPlanWaiversPath(
        component({}, { [DATA_PLAN_WAIVERS_ANNOTATION]: '  ' }),
      ),
    ).toBe('.dataplan/waivers.yaml');
  });
});
