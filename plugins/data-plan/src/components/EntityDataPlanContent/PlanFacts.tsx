import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Fragment, ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: 0,
  },
  term: { color: theme.palette.text.secondary },
  value: { margin: 0, overflowWrap: 'anywhere' },
}));

/** One labelled value; `undefined`, `null` and `''` read "Not stated". */
export interface PlanFact {
  label: string;
  value?: ReactNode;
}

/** Labelled values as a `<dl>`. */
export function PlanFacts(props: { facts: PlanFact[] }) {
  const classes = useStyles();
  return (
    <Typography component="dl" variant="body2" className={classes.list}>
      {props.facts.map(({ label, value }) => (
        <Fragment key={label}>
          <dt className={classes.term}>{label}</dt>
          <dd className={classes.value}>
            {value === undefined || value === null || value === '' ? (
              <Typography
                component="span"
                variant="inherit"
                color="textSecondary"
              >
                Not stated
              </Typography>
            ) : (
              value
            )}
          </dd>
        </Fragment>
      ))}
    </Typography>
  );
}
