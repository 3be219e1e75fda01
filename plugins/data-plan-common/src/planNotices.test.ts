import {
  PLAN_NOTICE_KINDS,
  PLAN_NOTICE_SEVERITIES,
  planTabPath,
} from './planNotices';

describe('planTabPath', () => {
  it('is the catalog entity route with lower-cased kind and namespace, then the tab', () => {
    expect(planTabPath('Component:Default/Sales-Orders')).toBe(
      '/catalog/default/component/Sales-Orders/data-plan',
    );
  });

  it('encodes each part, so a name cannot reach another path', () => {
    expect(planTabPath('component:default/a?b#c')).toBe(
      '/catalog/default/component/a%3Fb%23c/data-plan',
    );
  });
});

describe('PLAN_NOTICE_SEVERITIES', () => {
  it('gives every kind a severity', () => {
    expect(Object.keys(PLAN_NOTICE_SEVERITIES).sort()).toEqual(
      [...PLAN_NOTICE_KINDS].sort(),
    );
  });
});
