import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import {
  PlanFacetsResponse,
  PlanListFilters,
  RollupDimension,
} from '@dataplan/plugin-data-plan-common';
import { ReactNode } from 'react';
import { RiskMatrix } from '../common';
import { FindingTotals } from './FindingTotals';
import { RollupCard } from './RollupCard';
import { StatusDistribution } from './StatusDistribution';
import { TopFindingsFacet } from './TopFindingsFacet';

const headingProps = { component: 'h2' } as const;

/** One card of the summary row: four across on extra-large screens, two on medium. */
function SummaryCard(props: { title: string; children: ReactNode }) {
  return (
    <Grid item xs={12} md={6} xl={3}>
      <InfoCard title={props.title} titleTypographyProps={headingProps}>
        {props.children}
      </InfoCard>
    </Grid>
  );
}

/**
 * The summary row: counts over every project matching the filters, from the backend's
 * facets (never from the page of rows on screen).
 */
export function FacetsSummary(props: {
  facets?: PlanFacetsResponse;
  loading: boolean;
  error?: Error;
  /** The filters the facets were asked with, which the roll-ups are asked with too. */
  filters: PlanListFilters;
  onSelectRollup: (dimension: RollupDimension, ref: string) => void;
  /** The rule the page filters by, if any. */
  selectedRule?: string;
  onSelectRule: (rule: string) => void;
}) {
  const {
    facets,
    loading,
    error,
    filters,
    onSelectRollup,
    selectedRule,
    onSelectRule,
  } = props;
  if (error && !loading) {
    return (
      <ResponseErrorPanel error={error} title="Could not load the summary" />
    );
  }
  if (!facets) return <Progress aria-label="Loading the summary" />;

  return (
    <Box position="relative" aria-busy={loading}>
      {loading && (
        <Box position="absolute" top={-8} left={0} right={0}>
          <LinearProgress aria-label="Updating the summary" />
        </Box>
      )}
      {/* Four across only on extra-large screens: narrower cards clip the tables inside
          them (the heat map lost its "High impact" column at 1400 px). */}
      <Grid container spacing={3}>
        <SummaryCard title="Matching projects">
          <Typography
            variant="h3"
            component="p"
            data-testid="facets-total-count"
          >
            {facets.totalCount.toLocaleString('en-US')}
          </Typography>
          <Typography variant="body2" gutterBottom>
            {facets.totalCount === 1 ? 'data project' : 'data projects'}
          </Typography>
          <Typography variant="subtitle2" component="h3">
            Findings
          </Typography>
          <FindingTotals findings={facets.findings} />
          <Typography variant="body2" data-testid="facets-drifted">
            Drifted from their plan:{' '}
            <Box component="span" fontWeight="fontWeightBold">
              {facets.drifted.toLocaleString('en-US')}
            </Box>
          </Typography>
        </SummaryCard>
        <SummaryCard title="Status">
          <StatusDistribution
            byStatus={facets.byStatus}
            total={facets.totalCount}
          />
        </SummaryCard>
        <SummaryCard title="Risk heat map">
          <RiskMatrix
            counts={facets.riskMatrix}
            caption="Risks across all matching projects"
          />
        </SummaryCard>
        <SummaryCard title="Roll-up">
          <RollupCard
            byOwner={facets.byOwner}
            filters={filters}
            onSelect={onSelectRollup}
          />
        </SummaryCard>
        <SummaryCard title="Top findings">
          <TopFindingsFacet
            rules={facets.rules}
            selected={selectedRule}
            onSelectRule={onSelectRule}
          />
        </SummaryCard>
      </Grid>
    </Box>
  );
}
