import { createBackendModule } from '@backstage/backend-plugin-api';
import { dataPlanRulesExtensionPoint } from '@dataplan/plugin-data-plan-node';
import { consumptionDependsOnRaw } from './rules/consumptionDependsOnRaw';

/**
 * Adds the layer rules to the Dataplan backend: `consumption-depends-on-raw`.
 *
 * @public
 */
export const dataPlanModuleLayerRules = createBackendModule({
  pluginId: 'data-plan',
  moduleId: 'layer-rules',
  register(env) {
    env.registerInit({
      deps: { rules: dataPlanRulesExtensionPoint },
      async init({ rules }) {
        rules.addRules(consumptionDependsOnRaw);
      },
    });
  },
});
