import {
  DEFAULT_LAYERS,
  objectKey,
  PlanObject,
  PlanRule,
  RuleFinding,
} from '@dataplan/plugin-data-plan-common';

const RAW = DEFAULT_LAYERS[0];
const CONSUMPTION = DEFAULT_LAYERS[DEFAULT_LAYERS.length - 1];

function layerOf(object: PlanObject): string | undefined {
  return object.layer?.toLocaleLowerCase('en-US');
}

/**
 * A consumption-layer object must not depend on a raw-layer object directly: consumers
 * read transformed data. The built-in `layer-direction` rule allows any earlier layer.
 *
 * @public
 */
export const consumptionDependsOnRaw: PlanRule = {
  id: 'consumption-depends-on-raw',
  title: 'Consumption objects do not depend on raw objects',
  description: `An object of the ${CONSUMPTION} layer declares a dependency on an object of the ${RAW} layer; it should read a ${DEFAULT_LAYERS[1]} object instead.`,
  defaultSeverity: 'error',
  version: 1,
  check({ plan, evaluation }) {
    const { objects } = plan;
    const keyOf = (index: number) =>
      objects[index].key ?? objectKey(objects[index]);
    const findings: RuleFinding[] = [];
    objects.forEach((object, index) => {
      if (layerOf(object) !== CONSUMPTION) return;
      // Each resolved dependency once, however often the plan lists it.
      for (const target of new Set(evaluation.dependsOn[index] ?? [])) {
        const dependency = objects[target];
        if (!dependency || layerOf(dependency) !== RAW) continue;
        findings.push({
          // The object and the dependency by content key: neither moves with a line.
          subject: `${keyOf(index)}:${keyOf(target)}`,
          message: `${object.name} (${CONSUMPTION}) depends on ${dependency.name} (${RAW}): a ${CONSUMPTION} object reads ${RAW} data only through a ${DEFAULT_LAYERS[1]} object`,
          line: object.line,
        });
      }
    });
    return findings;
  },
};
