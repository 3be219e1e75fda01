import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { createDataProjectRouteRef } from '../../routes';
import { CreateDataProjectLink } from './CreateDataProjectLink';

describe('CreateDataProjectLink', () => {
  it('links to where the app mounts the create route', async () => {
    await renderInTestApp(
      <CreateDataProjectLink>Create a data project</CreateDataProjectLink>,
      { mountedRoutes: { '/templates/new': createDataProjectRouteRef } },
    );

    expect(
      screen.getByRole('link', { name: 'Create a data project' }),
    ).toHaveAttribute('href', '/templates/new');
  });

  it('shows its words without a link when the app binds no create page', async () => {
    await renderInTestApp(
      <CreateDataProjectLink>Create a data project</CreateDataProjectLink>,
    );

    expect(screen.getByText('Create a data project')).toBeInTheDocument();
    expect(screen.queryByRole('link')).toBeNull();
  });
});
