import { ResponseErrorPanel, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import {
  DEFAULT_PLAN_SORT,
  PlanSortKey,
  SortOrder,
} from '@dataplan/plugin-data-plan-common';
import useAsync from 'react-use/esm/useAsync';
import { dataPlanApiRef } from '../../api';
import { ExportCsvButton } from './ExportCsvButton';
import { FacetsSummary } from './FacetsSummary';
import { FiltersBar } from './FiltersBar';
import { hasActiveFilters } from './planListView';
import { PlansEmptyState } from './PlansEmptyState';
import { PlansPagination } from './PlansPagination';
import { PlansTable } from './PlansTable';
import { TrendsCard } from './TrendsCard';
import { useOwnerOptions } from './useOwnerOptions';
import { usePlanListPage } from './usePlanListPage';
import { usePlanListView } from './usePlanListView';

const SORT_NAMES: Record<PlanSortKey, string> = {
  worst: 'worst first',
  name: 'project name',
  status: 'lifecycle status',
  owner: 'owner',
  risk: 'highest risk',
  refreshed: 'last refresh',
};

function sortDescription(sort: PlanSortKey, order: SortOrder): string {
  if (sort === DEFAULT_PLAN_SORT) return `Sorted ${SORT_NAMES[sort]}`;
  const direction = order === 'asc' ? 'ascending' : 'descending';
  return `Sorted by ${SORT_NAMES[sort]}, ${direction}`;
}

/**
 * The governance view without page chrome: summary over every matching project, their
 * trends, filters, and the paged table. All counting, sorting and paging happens in the backend.
 */
export function DataPlansContent() {
  const api = useApi(dataPlanApiRef);
  const { view, setFilters, setSort, resetSort, setPageSize, clearFilters } =
    usePlanListView();
  const filtered = hasActiveFilters(view.filters);
  const filtersKey = JSON.stringify(view.filters);

  const facets = useAsync(() => api.getFacets(view.filters), [api, filtersKey]);
  const ownerOptions = useOwnerOptions(view.filters, facets.value);
  const list = usePlanListPage(view);
  const page = list.value;

  let body;
  if (list.error && !list.loading) {
    body = <ResponseErrorPanel error={list.error} />;
  } else if (!page) {
    body = <Progress aria-label="Loading data projects" />;
  } else if (page.response.items.length === 0 && page.pageIndex === 0) {
    body = (
      <PlansEmptyState filtered={filtered} onClearFilters={clearFilters} />
    );
  } else {
    body = (
      <>
        <PlansTable
          items={page.response.items}
          sort={view.sort}
          order={view.order}
          onSort={setSort}
        />
        <PlansPagination
          pageIndex={page.pageIndex}
          pageSize={view.pageSize}
          rowCount={page.response.items.length}
          totalCount={page.response.totalCount}
          hasNext={Boolean(page.response.nextCursor)}
          disabled={list.loading}
          onNext={() => list.paging.next(page.response.nextCursor!)}
          onPrevious={list.paging.previous}
          onPageSizeChange={setPageSize}
        />
      </>
    );
  }

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <FacetsSummary
          facets={facets.value}
          loading={facets.loading}
          error={facets.error}
          filters={view.filters}
          onSelectRollup={(dimension, ref) =>
            setFilters(
              dimension === 'owner' ? { owner: [ref] } : { [dimension]: ref },
            )
          }
          selectedRule={view.filters.rule}
          onSelectRule={rule => setFilters({ rule })}
        />
      </Grid>
      <Grid item xs={12}>
        <TrendsCard filters={view.filters} />
      </Grid>
      <Grid item xs={12}>
        <Paper>
          <Box p={2}>
            <Typography variant="h6" component="h2" gutterBottom>
              Filters
            </Typography>
            <FiltersBar
              filters={view.filters}
              ownerOptions={ownerOptions}
              onChange={setFilters}
              onClear={clearFilters}
              canClear={filtered}
            />
          </Box>
        </Paper>
      </Grid>
      <Grid item xs={12}>
        <Paper aria-busy={list.loading}>
          <Box display="flex" alignItems="center" flexWrap="wrap" p={2}>
            <Box flexGrow={1}>
              <Typography variant="h6" component="h2">
                Projects
              </Typography>
              <Typography variant="body2" color="textSecondary">
                {sortDescription(view.sort, view.order)}
              </Typography>
            </Box>
            {view.sort !== DEFAULT_PLAN_SORT && (
              <Box mr={1}>
                <Button onClick={resetSort}>Sort worst first</Button>
              </Box>
            )}
            <ExportCsvButton filters={view.filters} />
          </Box>
          {page && list.loading ? (
            <LinearProgress aria-label="Loading data projects" />
          ) : (
            <Box height={4} />
          )}
          {body}
        </Paper>
      </Grid>
    </Grid>
  );
}
