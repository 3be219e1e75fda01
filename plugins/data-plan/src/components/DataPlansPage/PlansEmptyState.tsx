import { EmptyState } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { CreateDataProjectLink } from '../common/CreateDataProjectLink';

/**
 * Nothing to list: either the filters exclude every project, or there are no data
 * projects at all yet (then point to the software template).
 */
export function PlansEmptyState(props: {
  filtered: boolean;
  onClearFilters: () => void;
}) {
  if (props.filtered) {
    return (
      <EmptyState
        missing="data"
        title="No data projects match these filters"
        description="Loosen or clear the filters to see more projects."
        action={
          <Button variant="outlined" onClick={props.onClearFilters}>
            Clear filters
          </Button>
        }
      />
    );
  }
  return (
    <EmptyState
      missing="content"
      title="No data projects yet"
      description="A data project appears here once the catalog holds it and its PLAN.md has been read."
      action={
        <Typography variant="body1">
          Create one from the software template on the{' '}
          <CreateDataProjectLink>Create page</CreateDataProjectLink>.
        </Typography>
      }
    />
  );
}
