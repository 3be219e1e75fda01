import { stuckFrom, WaiverListing } from '@dataplan/plugin-data-plan-common';
import { expiringWaiverNotices, stuckNotices } from './detectDueNotices';

const DAY = 86_400_000;
const now = new Date('2026-12-03T10:00:00Z');
const times = { now, waiverWarningDays: 14, stuckRepeatDays: 7 };
const project = { entityRef: 'component:default/p', name: 'p' };

describe('stuckNotices', () => {
  const statusSince = new Date(now.getTime() - 20 * DAY);

  it('names the status, its days and the limit the policy sets', () => {
    const [notice] = stuckNotices(
      [
        {
          ...project,
          status: 'REVIEW',
          statusSince,
          stuckSince: stuckFrom(statusSince, 19),
        },
      ],
      times,
    );
    expect(notice).toMatchObject({
      kind: 'stuck',
      title: 'p: stuck in REVIEW for 20 days',
      description: 'The policy allows 19 days in REVIEW.',
      scope: 'data-plan:stuck:component:default/p',
    });
  });

  it('tells a stuck plan once per quiet interval, by status, when it began and the period', () => {
    const stuck = (stuckFor: number) =>
      stuckNotices(
        [
          {
            ...project,
            status: 'REVIEW',
            statusSince,
            stuckSince: new Date(now.getTime() - stuckFor),
          },
        ],
        times,
      );
    const [first] = stuck(DAY);
    // Within the same interval: the same event.
    expect(stuck(6 * DAY)[0].key).toBe(first.key);
    // The next interval: a new one.
    expect(stuck(8 * DAY)[0].key).not.toBe(first.key);
  });

  it('tells nothing of a plan not stuck yet', () => {
    expect(
      stuckNotices(
        [
          {
            ...project,
            statusSince,
            stuckSince: new Date(now.getTime() + DAY),
          },
        ],
        times,
      ),
    ).toEqual([]);
  });
});

describe('expiringWaiverNotices', () => {
  const listing = (expires: string, problems?: string[]): WaiverListing => ({
    waivers: [
      {
        index: 0,
        rule: 'object-missing',
        match: { object: 'RAW.ORDERS' },
        reason: 'r',
        approvedBy: 'group:default/leads',
        expires,
        waives: [],
        ...(problems ? { problems } : {}),
      },
    ],
    problems: [],
  });

  it('tells a waiver in force that expires within the window, once per expiry date', () => {
    const [notice] = expiringWaiverNotices(
      [{ ...project, listing: listing('2026-12-10') }],
      times,
    );
    expect(notice).toMatchObject({
      kind: 'waiverExpiring',
      title: 'p: a waiver expires in 7 days',
    });
    expect(notice.description).toContain('holds until 2026-12-10');
    const [renewed] = expiringWaiverNotices(
      [{ ...project, listing: listing('2026-12-12') }],
      times,
    );
    expect(renewed.key).not.toBe(notice.key);
    expect(renewed.scope).toBe(notice.scope);
  });

  it('tells nothing of a waiver beyond the window, expired, or invalid', () => {
    for (const l of [
      listing('2026-12-30'),
      listing('2026-12-01'),
      listing('2026-12-05', ['no reason']),
    ]) {
      expect(
        expiringWaiverNotices([{ ...project, listing: l }], times),
      ).toEqual([]);
    }
  });
});
