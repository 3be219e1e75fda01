import { parsePlan } from '@dataplan/plugin-data-plan-common';
import { once } from 'node:events';
import { MessageChannel } from 'node:worker_threads';
import parseAndEvaluate from './parseWorker';

describe('parseAndEvaluate', () => {
  it('says it took the document before it parses it, then closes the port', async () => {
    const { port1, port2 } = new MessageChannel();
    const told = once(port1, 'message');
    const closed = once(port1, 'close');
    const text = '# Implementation Plan: Orders\n';
    const result = parseAndEvaluate({ text, started: port2 });
    await told;
    await closed;
    expect(result.plan).toEqual(parsePlan(text));
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
  });
});
