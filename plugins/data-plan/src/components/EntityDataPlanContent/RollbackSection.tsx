import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { RollbackPlan } from '@dataplan/plugin-data-plan-common';
import { PlanFacts } from './PlanFacts';
import { PlanSection, SectionSubheading } from './PlanSection';

const useStyles = makeStyles(theme => ({
  commands: {
    margin: theme.spacing(1, 0),
    padding: theme.spacing(1.5),
    backgroundColor: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    // Wrapped rather than scrolled: a scrolling box would need its own tab stop.
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    fontSize: '0.8125rem',
  },
}));

function TextList(props: {
  items: string[];
  ordered?: boolean;
  empty: string;
}) {
  const { items, ordered, empty } = props;
  if (items.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {empty}
      </Typography>
    );
  }
  return (
    <Typography component={ordered ? 'ol' : 'ul'} variant="body2">
      {items.map((item, index) => (
        <li key={index}>{item}</li>
      ))}
    </Typography>
  );
}

/** "Rollback": when to roll back, how (steps and commands per scenario), and the backups. */
export function RollbackSection(props: { rollback: RollbackPlan }) {
  const { triggers, scenarios, backupSteps, backupLocation } = props.rollback;
  const classes = useStyles();
  return (
    <PlanSection title="Rollback">
      <SectionSubheading>Triggers</SectionSubheading>
      <TextList items={triggers} empty="No rollback triggers." />
      <SectionSubheading>Scenarios</SectionSubheading>
      {scenarios.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No rollback scenarios.
        </Typography>
      )}
      {scenarios.map((scenario, index) => (
        <Box key={index} mb={2}>
          <Typography variant="subtitle1" component="h4">
            {scenario.description}
          </Typography>
          <TextList items={scenario.steps} ordered empty="No steps." />
          {scenario.commands.length > 0 && (
            <pre className={classes.commands}>
              <code>{scenario.commands.join('\n')}</code>
            </pre>
          )}
        </Box>
      ))}
      <SectionSubheading>Backup</SectionSubheading>
      <TextList items={backupSteps} empty="No backup steps." />
      <PlanFacts
        facts={[{ label: 'Backup location', value: backupLocation }]}
      />
    </PlanSection>
  );
}
