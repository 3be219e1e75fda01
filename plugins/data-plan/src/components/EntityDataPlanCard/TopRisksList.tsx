import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ReportProblemOutlined from '@material-ui/icons/ReportProblemOutlined';
import {
  LEVEL_LABELS,
  PlanEvaluationWithoutFindings,
  PlanRisk,
} from '@dataplan/plugin-data-plan-common';
import {
  isUnmitigatedRisk,
  risksByScore,
  unmitigatedRiskKeys,
} from '../common/planRisks';

const useStyles = makeStyles(theme => ({
  list: { margin: 0, paddingLeft: theme.spacing(2.5) },
  item: { marginBottom: theme.spacing(0.5) },
  marker: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.25),
    marginLeft: theme.spacing(1),
    fontWeight: 700,
  },
  markerIcon: { color: theme.palette.warning.dark },
}));

function levelText(risk: PlanRisk): string {
  const probability = risk.probability
    ? `${LEVEL_LABELS[risk.probability]} probability`
    : 'Probability not stated';
  const impact = risk.impact
    ? `${LEVEL_LABELS[risk.impact]} impact`
    : 'impact not stated';
  const score = risk.score !== undefined ? `, score ${risk.score}` : '';
  return `${probability}, ${impact}${score}`;
}

/** The plan's highest-scored risks, with probability and impact in words. */
export function TopRisksList(props: {
  risks: PlanRisk[];
  unmitigated: PlanEvaluationWithoutFindings['risks']['unmitigated'];
  limit?: number;
}) {
  const { risks, unmitigated, limit = 3 } = props;
  const classes = useStyles();
  const unmitigatedKeys = unmitigatedRiskKeys(unmitigated);
  if (risks.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No risks named.
      </Typography>
    );
  }
  return (
    <ol className={classes.list} aria-label="Top risks">
      {risksByScore(risks)
        .slice(0, limit)
        .map((risk, index) => (
          <li
            key={`${risk.line ?? index}-${risk.risk}`}
            className={classes.item}
          >
            <Typography variant="body2" component="span">
              {risk.risk}
            </Typography>
            {isUnmitigatedRisk(risk, unmitigatedKeys) && (
              <Typography
                variant="caption"
                component="span"
                className={classes.marker}
              >
                <ReportProblemOutlined
                  fontSize="inherit"
                  className={classes.markerIcon}
                  aria-hidden
                />
                Unmitigated
              </Typography>
            )}
            <Typography variant="caption" component="div" color="textSecondary">
              {levelText(risk)}
            </Typography>
          </li>
        ))}
    </ol>
  );
}
