import {
  hasActiveFilters,
  parsePlanListView,
  planListViewParams,
} from './planListView';

describe('parsePlanListView', () => {
  it('reads every filter, the sort and the page size', () => {
    const view = parsePlanListView(
      new URLSearchParams(
        'owner=group:default/a&owner=group:default/b&status=DRAFT&status=COMPLETE' +
          '&errors=true&unmitigated=true&stuck=true&waived=true&drifted=true' +
          '&rule=unmitigated-risk' +
          '&q=sales&sort=name&order=desc&size=100',
      ),
    );
    expect(view).toEqual({
      filters: {
        owner: ['group:default/a', 'group:default/b'],
        status: ['DRAFT', 'COMPLETE'],
        severity: 'error',
        unmitigatedHighRisk: true,
        stuck: true,
        waived: true,
        drifted: true,
        rule: 'unmitigated-risk',
        text: 'sales',
      },
      sort: 'name',
      order: 'desc',
      pageSize: 100,
    });
  });

  it('defaults to worst first, 25 rows, no filters', () => {
    expect(parsePlanListView(new URLSearchParams())).toEqual({
      filters: {},
      sort: 'worst',
      order: 'desc',
      pageSize: 25,
    });
  });

  it('drops values the backend would reject instead of failing the page', () => {
    const view = parsePlanListView(
      new URLSearchParams(
        `status=SHIPPED&sort=size&order=up&size=1000&errors=yes&stuck=1&drifted=on&rule=Not_A_Rule&q=${'x'.repeat(
          300,
        )}`,
      ),
    );
    expect(view.filters.status).toBeUndefined();
    expect(view.filters.severity).toBeUndefined();
    expect(view.filters.stuck).toBeUndefined();
    expect(view.filters.drifted).toBeUndefined();
    expect(view.filters.rule).toBeUndefined();
    expect(view.filters.text).toHaveLength(200);
    expect(view.sort).toBe('worst');
    expect(view.order).toBe('desc');
    expect(view.pageSize).toBe(25);
  });

  it('uses the sort key’s own default order', () => {
    expect(parsePlanListView(new URLSearchParams('sort=name')).order).toBe(
      'asc',
    );
    expect(parsePlanListView(new URLSearchParams('sort=risk')).order).toBe(
      'desc',
    );
  });
});

describe('parsePlanListView with system and group', () => {
  it('reads a system and a group given as full refs of their kind', () => {
    const view = parsePlanListView(
      new URLSearchParams(
        'system=system:default/commerce&group=Group:default/Data-Org',
      ),
    );
    expect(view.filters).toEqual({
      system: 'system:default/commerce',
      group: 'Group:default/Data-Org',
    });
    expect(planListViewParams(view).toString()).toBe(
      'system=system%3Adefault%2Fcommerce&group=Group%3Adefault%2FData-Org',
    );
    expect(hasActiveFilters(view.filters)).toBe(true);
  });

  it('drops a ref the backend would reject: short, of another kind, too long, with a NUL', () => {
    for (const query of [
      'system=commerce&group=data-org',
      'system=group:default/x&group=user:default/ada',
      `group=group:default/${'a'.repeat(300)}`,
      'group=group:default/a%00b',
      'system=system:default/a/b',
    ]) {
      expect(parsePlanListView(new URLSearchParams(query)).filters).toEqual({});
    }
  });
});

describe('planListViewParams', () => {
  it('round-trips a view and leaves defaults out', () => {
    const params = planListViewParams({
      filters: { owner: ['group:default/a'], severity: 'error', text: 'x' },
      sort: 'risk',
      order: 'desc',
      pageSize: 25,
    });
    expect(params.toString()).toBe(
      'owner=group%3Adefault%2Fa&errors=true&q=x&sort=risk',
    );
    expect(parsePlanListView(params).filters).toEqual({
      owner: ['group:default/a'],
      severity: 'error',
      text: 'x',
    });
  });

  it('writes each toggle that is on as param=true, and none that is off', () => {
    const params = planListViewParams({
      filters: {
        severity: 'error',
        unmitigatedHighRisk: true,
        stuck: false,
        waived: true,
        drifted: true,
      },
      sort: 'worst',
      order: 'desc',
      pageSize: 25,
    });
    expect(params.toString()).toBe(
      'errors=true&unmitigated=true&waived=true&drifted=true',
    );
    expect(parsePlanListView(params).filters).toEqual({
      severity: 'error',
      unmitigatedHighRisk: true,
      waived: true,
      drifted: true,
    });
  });

  it('writes nothing for the default view', () => {
    expect(
      planListViewParams({
        filters: {},
        sort: 'worst',
        order: 'desc',
        pageSize: 25,
      }).toString(),
    ).toBe('');
  });
});

describe('hasActiveFilters', () => {
  it('is false for no filters and blank text, true for any filter', () => {
    expect(hasActiveFilters({})).toBe(false);
    expect(hasActiveFilters({ text: '  ', owner: [] })).toBe(false);
    expect(hasActiveFilters({ unmitigatedHighRisk: true })).toBe(true);
    expect(hasActiveFilters({ status: ['DRAFT'] })).toBe(true);
    expect(hasActiveFilters({ stuck: true })).toBe(true);
    expect(hasActiveFilters({ waived: true })).toBe(true);
    expect(hasActiveFilters({ drifted: true })).toBe(true);
    expect(hasActiveFilters({ drifted: false, stuck: false })).toBe(false);
    expect(hasActiveFilters({ rule: 'placeholder' })).toBe(true);
  });
});
