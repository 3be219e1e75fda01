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
    });
  });

  it('keys a repeat by the last time it was told, and replaces the spell’s notification', () => {
    const stuck = (
      lastToldAt?: Date,
      stuckSince = stuckFrom(statusSince, 19),
    ) =>
      stuckNotices(
        [
          {
            ...project,
            status: 'REVIEW',
            statusSince,
            stuckSince,
            ...(lastToldAt ? { lastToldAt } : {}),
          },
        ],
        times,
      )[0];
    const first = stuck();
    expect(stuck().key).toBe(first.key);
    const repeat = stuck(new Date(now.getTime() - 8 * DAY));
    expect(repeat.key).not.toBe(first.key);
    expect(repeat.scope).toBe(first.scope);
    // A longer limit is another spell: another key, another notification.
    const longer = stuck(undefined, stuckFrom(statusSince, 10));
    expect(longer.key).not.toBe(first.key);
    expect(longer.scope).not.toBe(first.scope);
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
  const waiver = (index: number, expires: string, problems?: string[]) => ({
    index,
    rule: 'object-missing',
    match: { object: `RAW.ORDERS_${index}` },
    reason: 'r',
    approvedBy: 'group:default/leads',
    expires,
    waives: [],
    ...(problems ? { problems } : {}),
  });
  const listing = (expires: string, problems?: string[]): WaiverListing => ({
    waivers: [waiver(0, expires, problems)],
    problems: [],
  });

  it('tells the waivers of a project that expire on one day in one notice', () => {
    const notices = expiringWaiverNotices(
      [
        {
          ...project,
          listing: {
            waivers: Array.from({ length: 1000 }, (_, i) =>
              waiver(i, '2026-12-10'),
            ),
            problems: [],
          },
        },
      ],
      times,
    );
    expect(notices).toHaveLength(1);
    expect(notices[0].title).toBe('p: 1000 waivers expire in 7 days');
    expect(notices[0].description).toContain('and 997 more');
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
    expect(notice.description).toContain('It holds until 2026-12-10');
    const [renewed] = expiringWaiverNotices(
      [{ ...project, listing: listing('2026-12-12') }],
      times,
    );
    expect(renewed.key).not.toBe(notice.key);
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
