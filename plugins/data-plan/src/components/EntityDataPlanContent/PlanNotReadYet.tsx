import { EmptyState } from '@backstage/core-components';

/** The backend knows the entity but has not read its plan yet. */
export function PlanNotReadYet(props: { action?: JSX.Element }) {
  return (
    <EmptyState
      missing="data"
      title="The plan has not been read yet"
      description="Dataplan reads plans on a schedule; this one has not been read so far. It appears here after the next read."
      action={props.action}
    />
  );
}
