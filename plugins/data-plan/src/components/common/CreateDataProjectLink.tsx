import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { ReactNode } from 'react';
import { createDataProjectRouteRef } from '../../routes';

/**
 * A link to the page that creates data projects, through the plugin's `create` external
 * route; its words alone when the app has no such page.
 */
export function CreateDataProjectLink(props: { children: ReactNode }) {
  const createDataProject = useRouteRef(createDataProjectRouteRef);
  if (!createDataProject) {
    return <>{props.children}</>;
  }
  return <Link to={createDataProject()}>{props.children}</Link>;
}
