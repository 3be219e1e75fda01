import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { symlinkSync } from 'node:fs';
import { DataProjectWorkspaceProvider } from './DataProjectWorkspaceProvider';

const component = (name: string) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  annotations:
    dataplan/plan: PLAN.md
spec:
  type: data-project
  owner: group:default/sales-analytics
`;

describe('DataProjectWorkspaceProvider', () => {
  const workspace = createMockDirectory();
  const logger = mockServices.logger.mock();
  const connection = { applyMutation: jest.fn(), refresh: jest.fn() };

  async function scan() {
    const provider = DataProjectWorkspaceProvider.create({
      workspaceDir: workspace.path,
      logger,
    });
    await provider.connect(connection as EntityProviderConnection);
    return provider.scan();
  }

  beforeEach(() => {
    workspace.clear();
    jest.clearAllMocks();
  });

  it('provides each project folder’s entities, located at their file', async () => {
    workspace.setContent({
      'sales-orders/catalog-info.yaml': component('sales-orders'),
      'sales-orders/PLAN.md': '# IMPLEMENTATION PLAN',
      'customer-360/catalog-info.yaml': component('customer-360'),
      'not-a-project/README.md': 'nothing here',
    });

    await expect(scan()).resolves.toEqual({ projects: 2, entities: 2 });

    const [[mutation]] = connection.applyMutation.mock.calls;
    expect(mutation.type).toBe('full');
    const entity = mutation.entities.find(
      (e: any) => e.entity.metadata.name === 'sales-orders',
    );
    expect(entity.locationKey).toBe('dataplan-workspace:sales-orders');
    expect(entity.entity.metadata.annotations).toEqual({
      'dataplan/plan': 'PLAN.md',
      'backstage.io/managed-by-location': `file:${workspace.resolve(
        'sales-orders/catalog-info.yaml',
      )}`,
      'backstage.io/managed-by-origin-location': `file:${workspace.resolve(
        'sales-orders/catalog-info.yaml',
      )}`,
    });
  });

  it('empties the catalog’s share when the workspace is gone, instead of failing', async () => {
    const provider = DataProjectWorkspaceProvider.create({
      workspaceDir: workspace.resolve('missing'),
      logger,
    });
    await provider.connect(connection as EntityProviderConnection);
    await expect(provider.scan()).resolves.toEqual({
      projects: 0,
      entities: 0,
    });
    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [],
    });
  });

  it('skips broken descriptors with a warning and keeps the good ones', async () => {
    workspace.setContent({
      'good/catalog-info.yaml': component('good'),
      'broken/catalog-info.yaml': 'kind: [unclosed',
      'nameless/catalog-info.yaml':
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {}\n',
    });
    await expect(scan()).resolves.toEqual({ projects: 1, entities: 1 });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/^Skipping .*broken\/catalog-info\.yaml: /),
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /nameless\/catalog-info\.yaml: it has no apiVersion, kind and metadata\.name/,
      ),
    );
  });

  it('follows no symbolic link out of the workspace', async () => {
    const outside = createMockDirectory();
    outside.setContent({
      'elsewhere/catalog-info.yaml': component('elsewhere'),
    });
    workspace.setContent({ 'real/catalog-info.yaml': component('real') });
    symlinkSync(outside.resolve('elsewhere'), workspace.resolve('linked'));
    symlinkSync(
      outside.resolve('elsewhere/catalog-info.yaml'),
      workspace.resolve('real-link.yaml'),
    );
    await expect(scan()).resolves.toEqual({ projects: 1, entities: 1 });
  });

  it('refuses to scan before the catalog connected it', async () => {
    const provider = DataProjectWorkspaceProvider.create({
      workspaceDir: workspace.path,
      logger,
    });
    await expect(provider.scan()).rejects.toThrow(/not connected/);
  });
});
