import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
} from '@backstage/plugin-catalog-node';
import { catalogModuleDataProjectWorkspace } from './module';

describe('catalogModuleDataProjectWorkspace', () => {
  it('adds a provider over dataPlan.workspaceDir and schedules its scan', async () => {
    const root = createMockDirectory();
    root.setContent({
      'projects/orders/catalog-info.yaml':
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: orders\nspec:\n  type: data-project\n',
    });
    const providers: EntityProvider[] = [];
    const applyMutation = jest.fn();

    await startTestBackend({
      extensionPoints: [
        [
          catalogProcessingExtensionPoint,
          { addEntityProvider: (p: EntityProvider) => providers.push(p) },
        ],
      ],
      features: [
        catalogModuleDataProjectWorkspace,
        mockServices.rootConfig.factory({
          data: { dataPlan: { rootDir: root.path, workspaceDir: 'projects' } },
        }),
      ],
    });

    expect(providers.map(p => p.getProviderName())).toEqual([
      'dataplan-workspace',
    ]);
    await providers[0].connect({ applyMutation, refresh: jest.fn() });
    // The test scheduler ran the scan at startup, before the provider was connected;
    // this run goes through a connected provider.
    await (providers[0] as any).scan();
    expect(applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [
        expect.objectContaining({ locationKey: 'dataplan-workspace:orders' }),
      ],
    });
  });
});
