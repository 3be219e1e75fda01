import { renderInTestApp } from '@backstage/test-utils';
import {
  checkSqlLineage,
  parsePlan,
  RepositoryEvaluation,
  tolerantSqlLineageReader,
} from '@dataplan/plugin-data-plan-common';
import { screen, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { samplePlanText } from './__testUtils__';
import { SqlLineageSection } from './SqlLineageSection';

const SALES = resolve(
  __dirname,
  '../../../../../examples/data-projects/sales-orders',
);

/** The sales-orders lineage as a repository check gives it, with some files replaced. */
function repository(replaced: Record<string, string> = {}) {
  const plan = parsePlan(samplePlanText('sales-orders'));
  const sqlByObject = new Map(
    plan.objects.map(object => [
      object.key!,
      {
        path: object.file!,
        text:
          replaced[object.file!] ??
          readFileSync(resolve(SALES, object.file!), 'utf8'),
      },
    ]),
  );
  const { lineage } = checkSqlLineage(
    plan,
    sqlByObject,
    tolerantSqlLineageReader,
  );
  return {
    plan,
    repository: {
      lineage,
    } as Partial<RepositoryEvaluation> as RepositoryEvaluation,
  };
}

describe('SqlLineageSection', () => {
  it("sets each object's Dependencies against what its SQL uses, in words", async () => {
    const { plan, repository: checked } = repository({
      'src/consumption/views/daily_sales.sql':
        'CREATE OR REPLACE VIEW SALES_DB.ANALYTICS.DAILY_SALES AS\n-- FROM SALES_DB.RAW.CUSTOMERS_RAW\nSELECT * FROM SALES_DB.TRANSFORM.ORDERS_ENRICHED e JOIN SALES_DB.RAW.ORDERS_RAW r ON r.ID = e.ID;',
      'src/raw/tables/customers_raw.sql': '-- to be written\n',
    });
    await renderInTestApp(
      <SqlLineageSection plan={plan} repository={checked} />,
    );
    const table = screen.getByRole('table', { name: 'SQL lineage' });
    const row = (name: string) =>
      within(table).getByRole('rowheader', { name }).closest('tr')!;

    const task = row('SALES_DB.TRANSFORM.REFRESH_ORDERS_TASK');
    expect(task).toHaveTextContent('ORDERS_CLEAN (unused by the SQL)');
    expect(task).toHaveTextContent('SALES_DB.RAW.LOAD_ORDERS (call, line 5)');
    expect(task).toHaveTextContent('Understood');

    const view = row('SALES_DB.ANALYTICS.DAILY_SALES');
    expect(view).toHaveTextContent(
      'SALES_DB.RAW.ORDERS_RAW (undeclared; join, line 3)',
    );
    // A name in a comment is no use.
    expect(view).not.toHaveTextContent('CUSTOMERS_RAW');

    const unread = row('SALES_DB.RAW.CUSTOMERS_RAW');
    expect(unread).toHaveTextContent('src/raw/tables/customers_raw.sql');
    expect(unread).toHaveTextContent('Not understood');
  });

  it('says when the check read no SQL file, and shows nothing before a check', async () => {
    const plan = parsePlan(samplePlanText('sales-orders'));
    const { container } = await renderInTestApp(
      <SqlLineageSection plan={plan} />,
    );
    expect(container).toBeEmptyDOMElement();
    await renderInTestApp(
      <SqlLineageSection
        plan={plan}
        repository={
          {
            lineage: [],
          } as Partial<RepositoryEvaluation> as RepositoryEvaluation
        }
      />,
    );
    expect(
      screen.getByText(
        "The last repository check read no planned object's SQL file.",
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'SQL lineage' })).toBeNull();
  });
});
