import { noticeScope, planNotice } from './noticeContent';

describe('noticeScope', () => {
  it('stays within 255 characters however long the ref or subject', () => {
    const scope = noticeScope(
      'waiverExpiring',
      `component:default/${'a'.repeat(250)}`,
      'b'.repeat(1000),
    );
    expect(scope.length).toBeLessThanOrEqual(255);
    expect(scope).toMatch(/^data-plan:waiverExpiring:[0-9a-f]{64}$/);
  });

  it('tells subjects apart', () => {
    expect(noticeScope('waiverExpiring', 'component:default/p', 'a')).not.toBe(
      noticeScope('waiverExpiring', 'component:default/p', 'b'),
    );
  });
});

describe('planNotice', () => {
  it('names the project by its name when it has no title', () => {
    expect(
      planNotice({ entityRef: 'component:default/p', name: 'p' }, 'stuck', {
        key: 'k',
        title: 'stuck',
      }).title,
    ).toBe('p: stuck');
  });
});
