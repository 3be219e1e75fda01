import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import {
  PlanFacetsResponse,
  PlanListFilters,
  ROLLUP_DIMENSION_LABELS,
  ROLLUP_DIMENSIONS,
  RollupDimension,
} from '@dataplan/plugin-data-plan-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { dataPlanApiRef } from '../../api';
import { RollupRow, RollupTable } from './RollupTable';

const tabId = (dimension: RollupDimension) => `rollup-tab-${dimension}`;
const panelId = (dimension: RollupDimension) => `rollup-panel-${dimension}`;

/** The roll-up of one dimension other than owner, fetched while its tab is open. */
function FetchedRollup(props: {
  dimension: Exclude<RollupDimension, 'owner'>;
  filters: PlanListFilters;
  onSelect: (ref: string) => void;
}) {
  const { dimension, filters, onSelect } = props;
  const api = useApi(dataPlanApiRef);
  const filtersKey = JSON.stringify(filters);
  const rollup = useAsync(
    () => api.getRollup({ ...filters, by: dimension }),
    // Keyed by the filters' value, not their identity.
    [api, dimension, filtersKey],
  );
  if (rollup.error) {
    return (
      <ResponseErrorPanel
        error={rollup.error}
        title="Could not load the roll-up"
      />
    );
  }
  if (!rollup.value) {
    return (
      <Progress
        aria-label={`Loading projects by ${ROLLUP_DIMENSION_LABELS[
          dimension
        ].toLocaleLowerCase('en-US')}`}
      />
    );
  }
  const { rows, totalRows } = rollup.value;
  return (
    <>
      <RollupTable dimension={dimension} rows={rows} onSelect={onSelect} />
      {totalRows > rows.length && (
        <Typography variant="body2" color="textSecondary">
          The worst {rows.length.toLocaleString('en-US')} of{' '}
          {totalRows.toLocaleString('en-US')}.
        </Typography>
      )}
    </>
  );
}

/**
 * Matching projects rolled up by a dimension the user picks: their direct owner (from the
 * facets already loaded), their system, or every group above their owner. Clicking a row
 * filters the page by it.
 */
export function RollupCard(props: {
  byOwner: PlanFacetsResponse['byOwner'];
  filters: PlanListFilters;
  onSelect: (dimension: RollupDimension, ref: string) => void;
}) {
  const { byOwner, filters, onSelect } = props;
  const [dimension, setDimension] = useState<RollupDimension>('owner');
  const ownerRows: RollupRow[] = byOwner.map(({ owner, ...counts }) => ({
    ref: owner,
    ...counts,
  }));
  const select = (ref: string) => onSelect(dimension, ref);

  return (
    <>
      <Tabs
        value={dimension}
        onChange={(_event, value: RollupDimension) => setDimension(value)}
        aria-label="Roll up by"
        indicatorColor="primary"
        textColor="primary"
        variant="fullWidth"
      >
        {ROLLUP_DIMENSIONS.map(d => (
          <Tab
            key={d}
            value={d}
            label={ROLLUP_DIMENSION_LABELS[d]}
            id={tabId(d)}
            aria-controls={panelId(d)}
          />
        ))}
      </Tabs>
      <div
        role="tabpanel"
        id={panelId(dimension)}
        aria-labelledby={tabId(dimension)}
      >
        {dimension === 'owner' ? (
          <RollupTable dimension="owner" rows={ownerRows} onSelect={select} />
        ) : (
          <FetchedRollup
            // A new tab starts empty: useAsync keeps the last value while it loads, and
            // one dimension's rows must never show under another's name.
            key={dimension}
            dimension={dimension}
            filters={filters}
            onSelect={select}
          />
        )}
      </div>
    </>
  );
}
