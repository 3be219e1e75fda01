import { clipped, noticeScope, planNotice } from './noticeContent';

describe('noticeScope', () => {
  it('stays within 255 characters however long the ref or event', () => {
    const scope = noticeScope(
      'waiverExpiring',
      `component:default/${'a'.repeat(250)}`,
      'b'.repeat(1000),
    );
    expect(scope).toMatch(/^data-plan:waiverExpiring:[0-9a-f]{64}$/);
  });

  it('tells events and projects apart', () => {
    const scope = noticeScope('stuck', 'component:default/p', 'a');
    expect(noticeScope('stuck', 'component:default/p', 'a')).toBe(scope);
    expect(noticeScope('stuck', 'component:default/p', 'b')).not.toBe(scope);
    expect(noticeScope('stuck', 'component:default/q', 'a')).not.toBe(scope);
  });
});

describe('clipped', () => {
  it('keeps the lines of a description and drops every other control', () => {
    expect(clipped('a\nb\u0007\u2028c', 100, { lines: true })).toBe('a\nb c');
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
