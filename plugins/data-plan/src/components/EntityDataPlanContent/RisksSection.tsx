import Box from '@material-ui/core/Box';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { alpha, makeStyles } from '@material-ui/core/styles';
import ReportProblemOutlined from '@material-ui/icons/ReportProblemOutlined';
import {
  ContingencyPlan,
  LEVEL_LABELS,
  PlanEvaluationWithoutFindings,
  PlanRisk,
} from '@dataplan/plugin-data-plan-common';
import { ReactNode } from 'react';
import { RiskMatrix } from '../common';
import {
  isUnmitigatedRisk,
  risksByScore,
  unmitigatedRiskKeys,
} from '../common/planRisks';
import { PlanSection, SectionSubheading } from './PlanSection';
import { PlanTable, RowHeaderCell } from './PlanTable';

const useStyles = makeStyles(theme => ({
  unmitigatedRow: {
    backgroundColor: alpha(theme.palette.warning.main, 0.12),
    '& > *:first-child': {
      borderLeft: `4px solid ${theme.palette.warning.main}`,
    },
  },
  marker: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    fontWeight: 700,
  },
  markerIcon: { color: theme.palette.warning.dark },
}));

/** The visible flag of a high-impact risk without mitigation: icon and word. */
function UnmitigatedMarker() {
  const classes = useStyles();
  return (
    <span className={classes.marker}>
      <ReportProblemOutlined
        fontSize="small"
        className={classes.markerIcon}
        aria-hidden
      />
      Unmitigated
    </span>
  );
}

function RiskRow(props: { risk: PlanRisk; unmitigated: boolean }) {
  const { risk, unmitigated } = props;
  const classes = useStyles();
  let mitigation: ReactNode = risk.mitigation;
  if (unmitigated) mitigation = <UnmitigatedMarker />;
  else if (!risk.mitigation) mitigation = 'None';
  return (
    <TableRow
      className={unmitigated ? classes.unmitigatedRow : undefined}
      data-unmitigated={unmitigated || undefined}
    >
      <RowHeaderCell>{risk.risk}</RowHeaderCell>
      <TableCell>
        {risk.probability ? LEVEL_LABELS[risk.probability] : '—'}
      </TableCell>
      <TableCell>{risk.impact ? LEVEL_LABELS[risk.impact] : '—'}</TableCell>
      <TableCell>{risk.score ?? '—'}</TableCell>
      <TableCell>{mitigation}</TableCell>
    </TableRow>
  );
}

function Contingencies(props: { contingencies: ContingencyPlan[] }) {
  if (props.contingencies.length === 0) return null;
  return (
    <>
      <SectionSubheading>Contingency plans</SectionSubheading>
      <Typography component="ul" variant="body2">
        {props.contingencies.map((plan, index) => (
          <li key={index}>
            {plan.trigger}
            {plan.actions.length > 0 && (
              <ul>
                {plan.actions.map((action, actionIndex) => (
                  <li key={actionIndex}>{action}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </Typography>
    </>
  );
}

/**
 * "Risks": the probability × impact matrix and every risk by score, high-impact risks
 * without mitigation flagged "Unmitigated".
 */
export function RisksSection(props: {
  risks: PlanRisk[];
  contingencies: ContingencyPlan[];
  evaluation: PlanEvaluationWithoutFindings;
}) {
  const { risks, contingencies, evaluation } = props;
  const { unmitigated } = evaluation.risks;
  const unmitigatedKeys = unmitigatedRiskKeys(unmitigated);
  return (
    <PlanSection title="Risks">
      <Typography variant="body2" paragraph>
        {risks.length} {risks.length === 1 ? 'risk' : 'risks'},{' '}
        {evaluation.risks.highRisks} high, {unmitigated.length} unmitigated
        high-impact.
      </Typography>
      <Box mb={2}>
        <RiskMatrix counts={evaluation.risks.matrix} />
      </Box>
      {risks.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          The plan names no risks.
        </Typography>
      ) : (
        <PlanTable
          label="Risks by score"
          columns={['Risk', 'Probability', 'Impact', 'Score', 'Mitigation']}
        >
          {risksByScore(risks).map((risk, index) => (
            <RiskRow
              key={`${risk.line ?? index}-${risk.risk}`}
              risk={risk}
              unmitigated={isUnmitigatedRisk(risk, unmitigatedKeys)}
            />
          ))}
        </PlanTable>
      )}
      <Contingencies contingencies={contingencies} />
    </PlanSection>
  );
}
