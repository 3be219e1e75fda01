import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { PlanEvaluationWithoutFindings } from '@dataplan/plugin-data-plan-common';
import { OBJECT_DETAIL_COLUMNS, ObjectDetailCells } from './ObjectDetailCells';
import { PlanSection } from './PlanSection';
import { PlanCell, PlanTable, RowHeaderCell } from './PlanTable';

/** "Deploy order": every object, dependencies first, numbered; cycles are called out. */
export function DeployOrderSection(props: {
  evaluation: PlanEvaluationWithoutFindings;
}) {
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
          columns={[
            { label: 'Order', wrap: 'nowrap' },
            'Object',
            ...OBJECT_DETAIL_COLUMNS,
          ]}
        >
          {deployOrder.map((entry, index) => (
            <TableRow key={`${entry.line}-${entry.name}`}>
              <PlanCell wrap="nowrap">{index + 1}</PlanCell>
              <RowHeaderCell>{entry.name}</RowHeaderCell>
              <ObjectDetailCells object={entry} />
            </TableRow>
          ))}
        </PlanTable>
      )}
    </PlanSection>
  );
}
