import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { DiagnosticsSection } from './DiagnosticsSection';

describe('DiagnosticsSection', () => {
  it('links only http(s) URLs and shows severity as icon and word', async () => {
    await renderInTestApp(
      <DiagnosticsSection
        diagnostics={[
          {
            key: 'bad-link',
            severity: 'error',
            rule: 'bad-link',
            message: 'scripted',
            line: 3,
            // eslint-disable-next-line no-script-url -- must not become a link
            url: 'javascript:alert(1)',
          },
          {
            key: 'good-link',
            severity: 'warning',
            rule: 'good-link',
            message: 'linked',
            line: 7,
            url: 'https://git.example.com/PLAN.md#L7',
          },
          {
            key: 'no-line',
            severity: 'info',
            rule: 'no-line',
            message: 'whole plan',
          },
        ]}
      />,
    );

    const table = screen.getByRole('table', {
      name: 'Diagnostics and findings',
    });
    const [, scripted, linked, noLine] = within(table).getAllByRole('row');
    expect(within(scripted).queryByRole('link')).toBeNull();
    expect(scripted).toHaveTextContent('Errorbad-linkscriptedline 3');
    expect(
      within(linked).getByRole('link', { name: /line 7/ }),
    ).toHaveAttribute('href', 'https://git.example.com/PLAN.md#L7');
    expect(noLine).toHaveTextContent('Infono-linewhole plan—');
    expect(screen.getByText('1 error, 1 warning, 1 info')).toBeInTheDocument();
  });

  it('says so when there is nothing to report', async () => {
    await renderInTestApp(<DiagnosticsSection diagnostics={[]} />);

    expect(
      screen.getByRole('heading', {
        level: 2,
        name: 'Diagnostics and findings',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText(/the plan reads cleanly/)).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });
});

describe('DiagnosticsSection with waived findings', () => {
  it('shows them apart, with reason, approver and expiry, and counts them in no severity', async () => {
    await renderInTestApp(
      <DiagnosticsSection
        diagnostics={[
          {
            key: 'live',
            severity: 'warning',
            rule: 'unknown-dependency',
            message: 'still counts',
            line: 4,
          },
          {
            key: 'unmitigated-risk:late feed',
            severity: 'warning',
            rule: 'unmitigated-risk',
            message: 'Late feed has no mitigation',
            line: 9,
            waiver: {
              reason: 'The vendor fixes the feed in Q3',
              approvedBy: 'group:default/data-leads',
              expires: '2026-09-30',
            },
          },
        ]}
      />,
      {
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );

    expect(
      screen.getByText('0 errors, 1 warning, 0 info, 1 waived'),
    ).toBeInTheDocument();
    const live = screen.getByRole('table', {
      name: 'Diagnostics and findings',
    });
    expect(within(live).getAllByRole('row')).toHaveLength(2);
    expect(live).not.toHaveTextContent('Late feed');

    const waived = screen.getByRole('table', { name: 'Waived findings' });
    const [, row] = within(waived).getAllByRole('row');
    expect(row).toHaveTextContent(
      'Warningunmitigated-riskLate feed has no mitigationline 9The vendor fixes the feed in Q3',
    );
    expect(row).toHaveTextContent('2026-09-30');
    expect(
      within(row).getByRole('link', { name: /data-leads/ }),
    ).toHaveAttribute('href', '/catalog/default/group/data-leads');
    expect(
      screen.getByText(/“Approved by” is what the waiver file claims/),
    ).toBeInTheDocument();
  });
});
