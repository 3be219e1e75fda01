import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { PlanEvaluation } from '@dataplan/plugin-data-plan-common';
import { PlanSection } from './PlanSection';
import { PlanTable, RowHeaderCell } from './PlanTable';

/** "Deploy order": every object, dependencies first, numbered; cycles are called out. */
export function DeployOrderSection(props: { evaluation: PlanEvaluation }) {
  const { deployOrder, cycles } = props.evaluation;
  return (
    <PlanSection title="Deploy order">
      {cycles.map(cycle => (
        <Alert
          key={cycle.join('>')}
          severity="error"
          style={{ marginBottom: 8 }}
        >
          Dependency cycle: {cycle.join(' → ')}
        </Alert>
      ))}
      {deployOrder.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          The plan names no objects to deploy.
        </Typography>
      ) : (
        <PlanTable
          label="Deploy order"
          columns={['Order', 'Object', 'Layer', 'Kind', 'File']}
        >
          {deployOrder.map((entry, index) => (
            <TableRow key={`${entry.line}-${entry.name}`}>
              <TableCell>{index + 1}</TableCell>
              <RowHeaderCell>{entry.name}</RowHeaderCell>
              <TableCell>{entry.layer ?? '—'}</TableCell>
              <TableCell>{entry.kind ?? '—'}</TableCell>
              <TableCell>{entry.file ?? '—'}</TableCell>
            </TableRow>
          ))}
        </PlanTable>
      )}
    </PlanSection>
  );
}
