import { dataPlanApiRef } from './api';
import { dataPlanPlugin } from './plugin';

describe('dataPlanPlugin', () => {
  it('provides the Dataplan API under its plugin id', () => {
    expect(dataPlanPlugin.getId()).toBe('data-plan');
    const apis = [...dataPlanPlugin.getApis()];
    expect(apis.map(factory => factory.api.id)).toEqual([dataPlanApiRef.id]);
  });
});
