import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import {
  PlanRollupResponse,
  ROLLUP_DIMENSION_LABELS,
  RollupDimension,
} from '@dataplan/plugin-data-plan-common';
import { useState } from 'react';
import { refLabel } from './ownerLabel';

export type RollupRow = PlanRollupResponse['rows'][number];

const useStyles = makeStyles({
  // The theme lets table text break anywhere; header words stay whole ("Projects").
  header: { wordBreak: 'normal' },
});

/** The counted columns, after the owner, system or group. */
const NUMBER_COLUMNS: Array<{
  label: string;
  key: 'count' | 'errors' | 'unmitigatedHighRisks';
}> = [
  { label: 'Projects', key: 'count' },
  { label: 'With errors', key: 'errors' },
  { label: 'Unmitigated high risks', key: 'unmitigatedHighRisks' },
];

/** How each dimension names its refs, and the projects without one. */
const REFS: Record<RollupDimension, { defaultKind: string; none: string }> = {
  owner: { defaultKind: 'group', none: 'No owner' },
  system: { defaultKind: 'system', none: 'No system' },
  group: { defaultKind: 'group', none: 'No group' },
};

/** How many rows show before "Show all". */
const COLLAPSED_ROWS = 10;

/** Worst first: those with erroring projects, then unmitigated high risks, then size. */
function worstFirst(a: RollupRow, b: RollupRow): number {
  return (
    b.errors - a.errors ||
    b.unmitigatedHighRisks - a.unmitigatedHighRisks ||
    b.count - a.count ||
    a.ref.localeCompare(b.ref)
  );
}

/**
 * Matching projects rolled up by owner, system or group. Clicking a row narrows the page
 * to it; projects without one cannot be filtered on and show as plain text.
 */
export function RollupTable(props: {
  dimension: RollupDimension;
  rows: RollupRow[];
  onSelect: (ref: string) => void;
}) {
  const { dimension, rows, onSelect } = props;
  const [expanded, setExpanded] = useState(false);
  const classes = useStyles();
  const heading = ROLLUP_DIMENSION_LABELS[dimension];
  const noun = heading.toLocaleLowerCase('en-US');
  const refs = REFS[dimension];
  const sorted = [...rows].sort(worstFirst);
  const shown = expanded ? sorted : sorted.slice(0, COLLAPSED_ROWS);

  return (
    <>
      <Table size="small" aria-label={`Projects by ${noun}`}>
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col" className={classes.header}>
              {heading}
            </TableCell>
            {NUMBER_COLUMNS.map(({ label, key }) => (
              <TableCell
                key={key}
                component="th"
                scope="col"
                align="right"
                className={classes.header}
              >
                {label}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {shown.map(row => {
            const label = row.ref
              ? refLabel(row.ref, refs.defaultKind)
              : refs.none;
            return (
              <TableRow key={row.ref}>
                {/* MUI gives a <th> in the body role="cell": keep it a row header. */}
                <TableCell component="th" scope="row" role="rowheader">
                  {row.ref ? (
                    <Button
                      size="small"
                      color="primary"
                      aria-label={`Filter by ${noun} ${label}`}
                      title={row.ref}
                      onClick={() => onSelect(row.ref)}
                    >
                      {label}
                    </Button>
                  ) : (
                    label
                  )}
                </TableCell>
                {NUMBER_COLUMNS.map(({ key }) => (
                  <TableCell key={key} align="right">
                    {row[key].toLocaleString('en-US')}
                  </TableCell>
                ))}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {sorted.length > COLLAPSED_ROWS && (
        <Button size="small" onClick={() => setExpanded(!expanded)}>
          {expanded
            ? `Show the first ${COLLAPSED_ROWS} ${noun}s`
            : `Show all ${sorted.length} ${noun}s`}
        </Button>
      )}
    </>
  );
}
