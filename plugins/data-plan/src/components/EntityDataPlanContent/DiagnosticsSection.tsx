import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import {
  LinkedDiagnostic,
  SEVERITIES,
} from '@dataplan/plugin-data-plan-common';
import { safeHttpUrl } from '../common/safeHttpUrl';
import { SeverityLabel } from '../common/SeverityLabel';
import { PlanSection } from './PlanSection';
import { PlanColumn, PlanTable } from './PlanTable';
import { ApprovedByNote, ApproverLink } from './waiverParts';

function LineReference(props: { diagnostic: LinkedDiagnostic }) {
  const { line } = props.diagnostic;
  const url = safeHttpUrl(props.diagnostic.url);
  if (line === undefined) return <>—</>;
  if (url) {
    return (
      <Link to={url} title={`Open line ${line} in the source`}>
        line {line}
      </Link>
    );
  }
  return <>line {line}</>;
}

function countsText(live: LinkedDiagnostic[], waived: number): string {
  const counts = SEVERITIES.map(severity => {
    const count = live.filter(d => d.severity === severity).length;
    const word = severity === 'info' || count === 1 ? severity : `${severity}s`;
    return `${count} ${word}`;
  });
  if (waived > 0) counts.push(`${waived} waived`);
  return counts.join(', ');
}

/** The columns every diagnostic has; a waived one adds its waiver's. */
const COLUMNS = ['Severity', 'Rule', 'Message', 'Line'];
const WAIVER_COLUMNS: PlanColumn[] = [
  { label: 'Reason', wrap: 'words' },
  'Approved by',
  { label: 'Expires', wrap: 'nowrap' },
];

/** A table of diagnostics; with `waived`, each row also shows its waiver. */
export function DiagnosticsTable(props: {
  label: string;
  diagnostics: LinkedDiagnostic[];
  waived?: boolean;
}) {
  const { label, diagnostics, waived } = props;
  return (
    <PlanTable
      label={label}
      columns={waived ? [...COLUMNS, ...WAIVER_COLUMNS] : COLUMNS}
    >
      {diagnostics.map((diagnostic, index) => (
        <TableRow key={index}>
          <TableCell>
            <SeverityLabel severity={diagnostic.severity} />
          </TableCell>
          <TableCell>{diagnostic.rule}</TableCell>
          <TableCell>{diagnostic.message}</TableCell>
          <TableCell>
            <LineReference diagnostic={diagnostic} />
          </TableCell>
          {waived && diagnostic.waiver && (
            <>
              <TableCell>{diagnostic.waiver.reason}</TableCell>
              <TableCell>
                <ApproverLink approvedBy={diagnostic.waiver.approvedBy} />
              </TableCell>
              <TableCell>{diagnostic.waiver.expires}</TableCell>
            </>
          )}
        </TableRow>
      ))}
    </PlanTable>
  );
}

/**
 * "Diagnostics and findings": what the parser could not read and what the plan breaks,
 * in the order given (errors first); a line links to the source when its URL is known.
 * Waived findings follow in a table of their own, with reason, approver and expiry.
 */
export function DiagnosticsSection(props: { diagnostics: LinkedDiagnostic[] }) {
  const { diagnostics } = props;
  const live = diagnostics.filter(d => d.waiver === undefined);
  const waived = diagnostics.filter(d => d.waiver !== undefined);
  return (
    <PlanSection title="Diagnostics and findings">
      {diagnostics.length === 0 ? (
        <Typography variant="body2">
          No diagnostics or findings: the plan reads cleanly.
        </Typography>
      ) : (
        <>
          <Typography variant="body2" paragraph>
            {countsText(live, waived.length)}
          </Typography>
          {live.length > 0 && (
            <DiagnosticsTable
              label="Diagnostics and findings"
              diagnostics={live}
            />
          )}
          {waived.length > 0 && (
            <>
              <Typography variant="subtitle2" component="h3">
                Waived ({waived.length})
              </Typography>
              <Typography variant="body2" color="textSecondary" paragraph>
                Accepted for now by the project&apos;s waiver file: they count
                in no severity until the waiver expires. <ApprovedByNote />
              </Typography>
              <DiagnosticsTable
                label="Waived findings"
                diagnostics={waived}
                waived
              />
            </>
          )}
        </>
      )}
    </PlanSection>
  );
}
