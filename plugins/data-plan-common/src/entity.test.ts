import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import {
  DATA_PLAN_ANNOTATION,
  getDataPlanPath,
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
