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
import { PlanTable } from './PlanTable';

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

function countsText(diagnostics: LinkedDiagnostic[]): string {
  return SEVERITIES.map(severity => {
    const count = diagnostics.filter(d => d.severity === severity).length;
    const word = severity === 'info' || count === 1 ? severity : `${severity}s`;
    return `${count} ${word}`;
  }).join(', ');
}

/**
 * "Diagnostics and findings": what the parser could not read and what the plan breaks,
 * in the order given (errors first); a line links to the source when its URL is known.
 */
export function DiagnosticsSection(props: { diagnostics: LinkedDiagnostic[] }) {
  const { diagnostics } = props;
  return (
    <PlanSection title="Diagnostics and findings">
      {diagnostics.length === 0 ? (
        <Typography variant="body2">
          No diagnostics or findings: the plan reads cleanly.
        </Typography>
      ) : (
        <>
          <Typography variant="body2" paragraph>
            {countsText(diagnostics)}
          </Typography>
          <PlanTable
            label="Diagnostics and findings"
            columns={['Severity', 'Rule', 'Message', 'Line']}
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
              </TableRow>
            ))}
          </PlanTable>
        </>
      )}
    </PlanSection>
  );
}
