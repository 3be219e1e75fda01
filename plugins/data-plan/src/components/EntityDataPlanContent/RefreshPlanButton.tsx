import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import RefreshIcon from '@material-ui/icons/Refresh';
import { usePermission } from '@backstage/plugin-permission-react';
import { dataPlanRefreshPermission } from '@dataplan/plugin-data-plan-common';

/**
 * Re-reads the plan now. Rendered only for callers the permission policy lets refresh this
 * entity's plan; shows progress while the refresh runs.
 */
export function RefreshPlanButton(props: {
  entityRef: string;
  refreshing: boolean;
  onRefresh: () => void;
}) {
  const { entityRef, refreshing, onRefresh } = props;
  const { allowed } = usePermission({
    permission: dataPlanRefreshPermission,
    resourceRef: entityRef,
  });
  if (!allowed) return null;
  return (
    <Button
      variant="outlined"
      color="primary"
      size="small"
      onClick={onRefresh}
      disabled={refreshing}
      aria-busy={refreshing}
      startIcon={
        refreshing ? (
          <CircularProgress size={16} aria-hidden />
        ) : (
          <RefreshIcon aria-hidden />
        )
      }
    >
      {refreshing ? 'Refreshing…' : 'Refresh'}
    </Button>
  );
}
