import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import CheckCircleOutline from '@material-ui/icons/CheckCircleOutline';
import HelpOutline from '@material-ui/icons/HelpOutline';
import ReportProblemOutlined from '@material-ui/icons/ReportProblemOutlined';
import RemoveCircleOutline from '@material-ui/icons/RemoveCircleOutline';
import {
  ParsedPlan,
  RepositoryEvaluation,
  SqlObjectLineage,
} from '@dataplan/plugin-data-plan-common';
import { ReactNode } from 'react';
import { IconLabel } from '../common/IconLabel';
import { PlanSection } from './PlanSection';
import { PlanCell, PlanTable, RowHeaderCell } from './PlanTable';

/** Items one per line, or a dash for none. */
function Lines(props: { items: ReactNode[] }) {
  if (props.items.length === 0) return <>—</>;
  return (
    <>
      {props.items.map((item, index) => (
        <div key={index}>{item}</div>
      ))}
    </>
  );
}

/** The Dependencies as written; those the SQL never uses are marked. */
function declaredCell(lineage: SqlObjectLineage, dependencies: string[]) {
  const unused = new Set(lineage.unused);
  return dependencies.map(dependency =>
    unused.has(dependency) ? (
      <IconLabel icon={RemoveCircleOutline} tone="info">
        {dependency} (unused by the SQL)
      </IconLabel>
    ) : (
      dependency
    ),
  );
}

/** What the SQL uses; planned objects the Dependencies do not list are marked. */
function usesCell(lineage: SqlObjectLineage) {
  const undeclared = new Set(lineage.undeclared.map(use => use.name.key));
  return lineage.uses.map(use => {
    const where = `${use.clause}, line ${use.line}`;
    if (undeclared.has(use.name.key)) {
      return (
        <IconLabel icon={ReportProblemOutlined} tone="warning">
          {use.name.key} (undeclared; {where})
        </IconLabel>
      );
    }
    return use.planned === undefined
      ? `${use.name.key} (outside the plan; ${where})`
      : `${use.name.key} (${where})`;
  });
}

/**
 * "SQL lineage": for each planned object whose SQL file the last repository check read,
 * the Dependencies the plan lists against what the SQL uses, with the undeclared uses,
 * the unused dependencies and the files no reader understood said in words. Nothing
 * before a repository check.
 */
export function SqlLineageSection(props: {
  plan: Pick<ParsedPlan, 'objects'>;
  repository?: RepositoryEvaluation;
}) {
  const { plan, repository } = props;
  if (!repository) return null;
  // A check stored before lineage was read has none.
  const lineage = repository.lineage ?? [];
  const dependencies = new Map(
    plan.objects.map(object => [object.key, object.dependencies]),
  );
  return (
    <PlanSection title="SQL lineage">
      {lineage.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          The last repository check read no planned object's SQL file.
        </Typography>
      ) : (
        <PlanTable
          label="SQL lineage"
          columns={[
            'Object',
            'SQL file',
            'Dependencies in the plan',
            'What the SQL uses',
            { label: 'Read', wrap: 'nowrap' },
          ]}
        >
          {lineage.map(entry => (
            <TableRow key={entry.key}>
              <RowHeaderCell>{entry.object}</RowHeaderCell>
              <PlanCell>{entry.path}</PlanCell>
              <PlanCell>
                <Lines
                  items={declaredCell(entry, dependencies.get(entry.key) ?? [])}
                />
              </PlanCell>
              <PlanCell>
                <Lines items={usesCell(entry)} />
              </PlanCell>
              <PlanCell wrap="nowrap">
                {entry.understood ? (
                  <IconLabel icon={CheckCircleOutline} tone="success">
                    Understood
                  </IconLabel>
                ) : (
                  <IconLabel icon={HelpOutline} tone="secondary">
                    Not understood
                  </IconLabel>
                )}
              </PlanCell>
            </TableRow>
          ))}
        </PlanTable>
      )}
    </PlanSection>
  );
}
