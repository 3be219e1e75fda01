import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import {
  JudgedWaiver,
  WAIVER_EXPIRING_DAYS,
  WaiverListing,
} from '@dataplan/plugin-data-plan-common';
import { screen, within } from '@testing-library/react';
import { WaiversSection } from './WaiversSection';

const today = new Date('2026-06-01T12:00:00Z');
const risk = 'Late-arriving POS orders';
const findingKey = 'unmitigated-risk:risk:late-arriving pos orders';

function waiver(rest: Partial<JudgedWaiver>): JudgedWaiver {
  return {
    index: 0,
    rule: 'unmitigated-risk',
    match: { risk },
    reason: 'The vendor fixes the feed in Q3',
    approvedBy: 'group:default/data-leads',
    expires: '2026-09-30',
    waives: [],
    ...rest,
  };
}

async function render(waivers?: WaiverListing) {
  await renderInTestApp(
    <WaiversSection
      waivers={waivers}
      today={today}
      diagnostics={[
        {
          key: findingKey,
          severity: 'warning',
          rule: 'unmitigated-risk',
          message: `${risk} has no mitigation`,
        },
      ]}
    />,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('WaiversSection', () => {
  it('lists every waiver by state, with what it matches, reason, approver, expiry, commit and the findings it waives', async () => {
    await render({
      waivers: [
        waiver({
          waives: [findingKey],
          commit: {
            sha: '0123456789abcdef0123456789abcdef01234567',
            author: 'Jane Doe',
            committedAt: '2026-05-20T10:00:00.000Z',
          },
        }),
        waiver({
          index: 1,
          match: { object: 'SALES_DB.RAW.ORDERS' },
          rule: 'unknown-dependency',
          expires: '2026-06-10',
        }),
        waiver({
          index: 2,
          match: { criterion: 'Row counts' },
          rule: 'criterion-failed',
          expires: '2026-05-31',
        }),
        waiver({
          index: 3,
          match: { line: 12 },
          rule: 'placeholder',
          reason: undefined,
          approvedBy: undefined,
          problems: ['it has no reason', 'it has no approvedBy'],
        }),
      ],
      problems: [{ field: 'waivers[4].expires', reason: 'must be a date' }],
    });

    const active = screen.getByRole('table', { name: 'Active waivers' });
    const [, row] = within(active).getAllByRole('row');
    expect(row).toHaveTextContent(
      `unmitigated-riskrisk “${risk}”The vendor fixes the feed in Q3`,
    );
    expect(row).toHaveTextContent('2026-09-30');
    expect(row).toHaveTextContent('0123456 by Jane Doe, 2026-05-20');
    expect(row).toHaveTextContent(`${risk} has no mitigation`);
    expect(
      within(row).getByRole('link', { name: /data-leads/ }),
    ).toHaveAttribute('href', '/catalog/default/group/data-leads');

    const expiring = screen.getByRole('table', { name: 'Expiring waivers' });
    expect(expiring).toHaveTextContent('object SALES_DB.RAW.ORDERS');
    expect(expiring).toHaveTextContent('not known');
    expect(expiring).toHaveTextContent('nothing');

    const expired = screen.getByRole('table', { name: 'Expired waivers' });
    expect(expired).toHaveTextContent('criterion “Row counts”');

    const invalid = screen.getByRole('table', { name: 'Invalid waivers' });
    expect(invalid).toHaveTextContent('line 12');
    expect(invalid).toHaveTextContent('none given');
    expect(invalid).toHaveTextContent('it has no reasonit has no approvedBy');
    expect(
      screen.getByRole('list', {
        name: 'Waiver file entries that cannot be read',
      }),
    ).toHaveTextContent('waivers[4].expires must be a date');
    expect(screen.getByText('Invalid (2)')).toBeInTheDocument();

    expect(
      screen.getByText(/“Approved by” is what the waiver file claims/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        new RegExp(`expires within ${WAIVER_EXPIRING_DAYS} days`),
      ),
    ).toBeInTheDocument();
  });

  it('says why the commits are not known', async () => {
    await render({
      waivers: [waiver({})],
      problems: [],
      commitsUnknown:
        "the plan's history cannot be read from gitlab.example.com",
    });

    expect(
      screen.getByText(
        /commits that added the waivers are not known: the plan's history cannot be read from gitlab\.example\.com/,
      ),
    ).toBeInTheDocument();
  });

  it('says there are none without a listing', async () => {
    await render(undefined);

    expect(screen.getByText(/No waivers/)).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
