import { createBackend } from '@backstage/backend-defaults';
import { dataPlanPermissionPolicyModule } from './permissionPolicy';

const backend = createBackend();

// Serves the built frontend in production (app.baseUrl = backend.baseUrl).
backend.add(import('@backstage/plugin-app-backend'));

// Sign-in: the guest provider for the local portal; add real providers for production.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// Catalog, with Template entities and catalog errors in the log.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Data projects published to the local workspace by the data-project template.
backend.add(import('@dataplan/plugin-catalog-backend-module-data-project'));

// Permissions: everyone reads; a plan is refreshed by its project's owners; the platform
// team may do everything.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(dataPlanPermissionPolicyModule);

// Software templates, with the Dataplan actions.
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@dataplan/plugin-scaffolder-backend-module-data-project'));

// Notifications (the bell and the notifications page) and signals, which push them live.
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// Dataplan.
backend.add(import('@dataplan/plugin-data-plan-backend'));
// Custom plan rules about layers, such as consumption-depends-on-raw.
backend.add(import('@dataplan/plugin-data-plan-backend-module-layer-rules'));

backend.start();
