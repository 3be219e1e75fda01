/**
 * bench/scaffold: POST /api/scaffolder/v2/dry-run of the data-project template against a
 * warm, started local portal, for a 1-object and a 200-object project: median of 10 runs
 * each, and the marginal cost per object.
 *
 *   yarn bench:scaffold        (starts the portal, or uses one already running)
 */
import { guestToken, startPortal } from '../../packages/e2e-tests/src/harness';
import {
  benchFormValues,
  directoryContents,
  templateDir,
} from './templateFiles';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'yaml';

const RUNS = Number(process.env.RUNS ?? 10);
const WARMUP = 3;

/** A project of `count` objects across three layers, each depending on up to two earlier ones. */
function objects(count: number) {
  const layers = ['raw', 'transformation', 'consumption'];
  const list: Array<{
    name: string;
    layer: string;
    kind: string;
    dependencies?: string;
  }> = [];
  for (let i = 0; i < count; i++) {
    const layer = layers[Math.min(2, Math.floor((i * 3) / count))];
    const kind =
      layer === 'raw' ? 'table' : ['table', 'view', 'view', 'task'][i % 4];
    const earlier = list.filter(
      o => layers.indexOf(o.layer) <= layers.indexOf(layer),
    );
    const dependencies: string[] = [
      earlier[i % Math.max(1, earlier.length)],
      earlier[(i * 7) % Math.max(1, earlier.length)],
    ]
      .filter(Boolean)
      .map(o => o.name);
    list.push({
      name: `OBJ_${String(i).padStart(4, '0')}`,
      layer,
      kind,
      ...(dependencies.length && layer !== 'raw'
        ? { dependencies: [...new Set(dependencies)].join(', ') }
        : {}),
    });
  }
  return list;
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main() {
  const portal = await startPortal();
  try {
    const template = yaml.parse(
      readFileSync(join(templateDir, 'template.yaml'), 'utf8'),
    );
    const contents = directoryContents(templateDir);
    const token = await guestToken(portal.backendUrl);
    const dryRun = async (count: number) => {
      const start = performance.now();
      const res = await fetch(
        `${portal.backendUrl}/api/scaffolder/v2/dry-run`,
        {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${token}`,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({
            template,
            values: { ...benchFormValues, objects: objects(count) },
            directoryContents: contents,
          }),
        },
      );
      const body = await res.json();
      const elapsed = performance.now() - start;
      if (res.status !== 200)
        throw new Error(
          `dry-run of ${count} objects: ${res.status} ${JSON.stringify(
            body,
          ).slice(0, 500)}`,
        );
      const files = body.directoryContents.length;
      return { elapsed, files };
    };

    const results: Record<number, { median: number; files: number }> = {};
    for (const count of [1, 200]) {
      for (let i = 0; i < WARMUP; i++) await dryRun(count);
      const times: number[] = [];
      let files = 0;
      for (let i = 0; i < RUNS; i++) {
        const run = await dryRun(count);
        times.push(run.elapsed);
        files = run.files;
      }
      results[count] = { median: median(times), files };
    }
    const marginal = (results[200].median - results[1].median) / 199;
    console.log(
      `bench/scaffold — POST /api/scaffolder/v2/dry-run, median of ${RUNS} warm runs, node ${process.version}`,
    );
    console.log(
      `  1 object:     ${results[1].median.toFixed(0).padStart(6)} ms  (${
        results[1].files
      } files)`,
    );
    console.log(
      `  200 objects:  ${results[200].median.toFixed(0).padStart(6)} ms  (${
        results[200].files
      } files)`,
    );
    console.log(
      `  marginal cost per object: ${marginal.toFixed(
        2,
      )} ms; 200 objects / 1 object = ${(
        results[200].median / results[1].median
      ).toFixed(2)}x`,
    );
    console.log(
      `goal 200 objects < 2 s:  ${
        results[200].median < 2000 ? 'met' : 'MISSED'
      }`,
    );
  } finally {
    await portal.stop();
  }
}

main().catch(error => {
  console.error(`bench/scaffold: ${error.message}`);
  process.exitCode = 1;
});
