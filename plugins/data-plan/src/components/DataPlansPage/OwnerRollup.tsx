import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import { PlanFacetsResponse } from '@dataplan/plugin-data-plan-common';
import { useState } from 'react';
import { ownerLabel } from './ownerLabel';

type OwnerFacet = PlanFacetsResponse['byOwner'][number];

const useStyles = makeStyles({
  // The theme lets table text break anywhere; header words stay whole ("Projects").
  header: { wordBreak: 'normal' },
});

/** The counted columns, after the owner. */
const NUMBER_COLUMNS: Array<{
  label: string;
  key: 'count' | 'errors' | 'unmitigatedHighRisks';
}> = [
  { label: 'Projects', key: 'count' },
  { label: 'With errors', key: 'errors' },
  { label: 'Unmitigated high risks', key: 'unmitigatedHighRisks' },
];

/** How many owners show before "Show all". */
const COLLAPSED_ROWS = 10;

/** Worst owners first: those with erroring projects, then unmitigated high risks, then size. */
function worstFirst(a: OwnerFacet, b: OwnerFacet): number {
  return (
    b.errors - a.errors ||
    b.unmitigatedHighRisks - a.unmitigatedHighRisks ||
    b.count - a.count ||
    a.owner.localeCompare(b.owner)
  );
}

/**
 * Matching projects rolled up by owning group. Clicking an owner narrows the page to that
 * owner; projects without an owner cannot be filtered on and show as plain text.
 */
export function OwnerRollup(props: {
  owners: PlanFacetsResponse['byOwner'];
  onSelectOwner: (owner: string) => void;
}) {
  const { owners, onSelectOwner } = props;
  const [expanded, setExpanded] = useState(false);
  const classes = useStyles();
  const sorted = [...owners].sort(worstFirst);
  const shown = expanded ? sorted : sorted.slice(0, COLLAPSED_ROWS);

  return (
    <>
      <Table size="small" aria-label="Projects by owner">
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col" className={classes.header}>
              Owner
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
          {shown.map(facet => {
            const label = ownerLabel(facet.owner);
            return (
              <TableRow key={facet.owner}>
                {/* MUI gives a <th> in the body role="cell": keep it a row header. */}
                <TableCell component="th" scope="row" role="rowheader">
                  {facet.owner ? (
                    <Button
                      size="small"
                      color="primary"
                      aria-label={`Filter by owner ${label}`}
                      title={facet.owner}
                      onClick={() => onSelectOwner(facet.owner)}
                    >
                      {label}
                    </Button>
                  ) : (
                    label
                  )}
                </TableCell>
                {NUMBER_COLUMNS.map(({ key }) => (
                  <TableCell key={key} align="right">
                    {facet[key].toLocaleString('en-US')}
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
            ? `Show the first ${COLLAPSED_ROWS} owners`
            : `Show all ${sorted.length} owners`}
        </Button>
      )}
    </>
  );
}
