import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import {
  LinkedDiagnostic,
  RepositoryEvaluation,
} from '@dataplan/plugin-data-plan-common';
import { screen, within } from '@testing-library/react';
import { repositoryEvaluation } from './__testUtils__';
import { RepositorySection } from './RepositorySection';

const orphanFinding: LinkedDiagnostic = {
  key: 'orphan-sql-file:file:src/consumption/views/weekly_sales.sql',
  severity: 'warning',
  rule: 'orphan-sql-file',
  message:
    'src/consumption/views/weekly_sales.sql is not named by any step of the plan',
};

const planFinding: LinkedDiagnostic = {
  key: 'unmitigated-risk:risk:late orders',
  severity: 'warning',
  rule: 'unmitigated-risk',
  message: 'Late orders has no mitigation',
};

async function render(
  repository: RepositoryEvaluation | undefined,
  diagnostics: LinkedDiagnostic[] = [orphanFinding, planFinding],
) {
  await renderInTestApp(
    <RepositorySection repository={repository} diagnostics={diagnostics} />,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return screen.getByRole('region', { name: 'Repository' });
}

/** The trimmed texts of a row's cells, the row header first. */
function cellsOf(row: HTMLElement): string[] {
  return [
    ...within(row).getAllByRole('rowheader'),
    ...within(row).getAllByRole('cell'),
  ].map(cell => cell.textContent?.trim() ?? '');
}

/** The value of a `<dt>` term in the section. */
function fact(section: HTMLElement, term: string): string | null {
  return within(section).getByText(term, { selector: 'dt' }).nextElementSibling!
    .textContent;
}

describe('RepositorySection', () => {
  it('shows each planned object with its file, unit test, deploy, rollback and backup', async () => {
    const section = await render(repositoryEvaluation);

    const rows = within(
      within(section).getByRole('table', { name: 'Repository objects' }),
    ).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(cellsOf(rows[1])).toEqual([
      'SALES_DB.RAW.ORDERS_RAW',
      'raw',
      'table',
      'src/raw/tables/orders_raw.sqlPresent',
      'tests/unit/raw/orders_raw.sqlPresent',
      'Deployed',
      'Covered',
      'Taken',
    ]);
    expect(cellsOf(rows[2])).toEqual([
      'SALES_DB.CONSUMPTION.DAILY_SALES',
      'consumption',
      'view',
      'src/consumption/views/daily_sales.sqlMissing',
      'tests/unit/consumption/daily_sales.sqlMissing',
      'Not deployed',
      'Missing',
      'n/a',
    ]);
    expect(cellsOf(rows[3])).toEqual([
      'Refresh task',
      '—',
      '—',
      'No safe file named',
      'No layer to test in',
      'Not deployed',
      'Missing',
      'n/a',
    ]);
    // Each state in words, its icon only repeating them.
    expect(
      [...rows[2].querySelectorAll('[data-repository-status]')].map(el =>
        el.getAttribute('data-repository-status'),
      ),
    ).toEqual(['missing', 'missing', 'missing', 'missing', 'not-applicable']);
  });

  it('shows the repository findings only, the orphan files and the figures', async () => {
    const section = await render(repositoryEvaluation);

    const findings = within(section).getByRole('table', {
      name: 'Repository findings',
    });
    const [, row, ...rest] = within(findings).getAllByRole('row');
    expect(rest).toHaveLength(0);
    expect(row).toHaveTextContent(
      'Warningorphan-sql-filesrc/consumption/views/weekly_sales.sql is not named by any step of the plan',
    );
    expect(section).toHaveTextContent(
      '1 drift finding: the files or their SQL differ from the plan.',
    );
    expect(section).not.toHaveTextContent('Late orders has no mitigation');

    expect(
      within(within(section).getByRole('list', { name: 'Orphan SQL files' }))
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual(['src/consumption/views/weekly_sales.sql']);

    expect(fact(section, 'Planned files present')).toBe('1 of 3');
    expect(fact(section, 'Unit test coverage')).toBe('33%');
    expect(fact(section, 'Unit test coverage by layer')).toBe(
      'raw 100%, consumption 0%',
    );
    expect(fact(section, 'Deploy coverage')).toBe('33%');
    expect(fact(section, 'Rollback coverage')).toBe('100%');
    expect(fact(section, 'Files listed')).toBe('42');
    expect(within(section).queryByRole('alert')).toBeNull();
  });

  it('says there is no drift, and what has nothing to cover', async () => {
    const section = await render(
      {
        lineage: [],
        objects: [],
        orphans: [],
        listing: { paths: 3, truncated: false },
        figures: {
          filesPlanned: 0,
          filesPresent: 0,
          unitTestCoverage: null,
          unitTestCoverageByLayer: {},
          deployCoverage: null,
          rollbackCoverage: null,
        },
      },
      [planFinding],
    );

    expect(section).toHaveTextContent(
      'No drift: the files hold what the plan says.',
    );
    expect(within(section).queryByRole('table')).toBeNull();
    expect(section).toHaveTextContent('The plan names no objects.');
    expect(section).toHaveTextContent(
      'None: every SQL file under src/ belongs to a planned object.',
    );
    expect(fact(section, 'Unit test coverage')).toBe('Nothing to cover');
    expect(fact(section, 'Unit test coverage by layer')).toBe('No layers');
  });

  it('warns that a truncated listing leaves files unseen and orphans unknown', async () => {
    const section = await render({
      ...repositoryEvaluation,
      orphans: [],
      listing: { paths: 10_000, truncated: true },
    });

    expect(within(section).getByRole('alert')).toHaveTextContent(
      'cut short after 10000 files',
    );
    expect(section).toHaveTextContent('Not known: the listing was cut short.');
    expect(
      within(section).queryByRole('list', { name: 'Orphan SQL files' }),
    ).toBeNull();
  });

  it('shows waived repository findings apart from the live ones', async () => {
    const section = await render(repositoryEvaluation, [
      {
        ...orphanFinding,
        waiver: {
          reason: 'Kept for the old dashboard',
          approvedBy: 'user:default/jane',
          expires: '2026-09-30',
        },
      },
    ]);

    expect(section).toHaveTextContent(
      'No drift: the files hold what the plan says. 1 waived.',
    );
    expect(
      within(section).queryByRole('table', { name: 'Repository findings' }),
    ).toBeNull();
    expect(
      within(section).getByRole('table', {
        name: 'Waived repository findings',
      }),
    ).toHaveTextContent('Kept for the old dashboard');
  });

  it('says when checks run before the first one, without a table', async () => {
    const section = await render(undefined);

    expect(section).toHaveTextContent(
      "The project's files have not been checked against the plan yet. Checks run hourly by default, and whenever the plan changes.",
    );
    expect(within(section).queryByRole('table')).toBeNull();
    expect(section).toHaveAttribute('id', 'repository');
  });
});
