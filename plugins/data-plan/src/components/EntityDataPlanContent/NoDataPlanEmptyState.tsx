import Typography from '@material-ui/core/Typography';
import { CodeSnippet, EmptyState } from '@backstage/core-components';
import {
  DATA_PLAN_ANNOTATION,
  DATA_PROJECT_TYPE,
  DEFAULT_PLAN_PATH,
} from '@dataplan/plugin-data-plan-common';
import { CreateDataProjectLink } from '../common/CreateDataProjectLink';

const SNIPPET = `metadata:
  annotations:
    ${DATA_PLAN_ANNOTATION}: ${DEFAULT_PLAN_PATH}
# or, for a data project component:
spec:
  type: ${DATA_PROJECT_TYPE}`;

/** The entity has no data plan: how to add one. */
export function NoDataPlanEmptyState() {
  return (
    <EmptyState
      missing="field"
      title="No data plan for this entity"
      description={`Dataplan shows a plan for entities that point at a ${DEFAULT_PLAN_PATH}. Add the ${DATA_PLAN_ANNOTATION} annotation to the entity's catalog-info.yaml, or make it a component of type ${DATA_PROJECT_TYPE}, and commit a plan next to it.`}
      action={
        <>
          <Typography variant="body1" paragraph>
            Add to catalog-info.yaml:
          </Typography>
          <CodeSnippet text={SNIPPET} language="yaml" showCopyCodeButton />
          <Typography variant="body1" style={{ marginTop: 16 }}>
            Starting a new project?{' '}
            <CreateDataProjectLink>
              Create a data project from the template
            </CreateDataProjectLink>
          </Typography>
        </>
      }
    />
  );
}
