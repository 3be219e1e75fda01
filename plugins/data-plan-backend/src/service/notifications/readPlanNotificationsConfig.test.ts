import { ConfigReader } from '@backstage/config';
import { PLAN_NOTICE_KINDS } from '@dataplan/plugin-data-plan-common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readPlanNotificationsConfig } from './readPlanNotificationsConfig';

const read = (notifications?: object) =>
  readPlanNotificationsConfig(
    new ConfigReader(notifications ? { dataPlan: { notifications } } : {}),
  );

describe('readPlanNotificationsConfig', () => {
  it('is off by default', () => {
    expect(read().kinds.size).toBe(0);
    expect(read({ events: { stuck: true } }).kinds.size).toBe(0);
  });

  it('sends every kind once enabled, unless one is turned off', () => {
    expect([...read({ enabled: true }).kinds]).toEqual([...PLAN_NOTICE_KINDS]);
    expect([
      ...read({ enabled: true, events: { stuck: false } }).kinds,
    ]).not.toContain('stuck');
  });

  it('has the documented defaults and refuses what makes no sense', () => {
    expect(read({ enabled: true })).toMatchObject({
      waiverWarningDays: 14,
      stuckRepeatDays: 7,
    });
    expect(() => read({ stuckRepeatDays: 0 })).toThrow(
      'dataPlan.notifications.stuckRepeatDays',
    );
    expect(() => read({ waiverWarningDays: 1.5 })).toThrow(
      'dataPlan.notifications.waiverWarningDays',
    );
    expect(() => read({ events: { stuckk: true } })).toThrow(
      'dataPlan.notifications.events.stuckk',
    );
  });

  it('is declared in config.d.ts with one key per kind', () => {
    const schema = readFileSync(
      resolve(__dirname, '../../../../data-plan-node/config.d.ts'),
      'utf8',
    );
    const events = schema.slice(
      schema.indexOf('events?: {'),
      schema.indexOf('};', schema.indexOf('events?: {')),
    );
    const keys = [...events.matchAll(/^\s*(\w+)\?: boolean;/gm)].map(m => m[1]);
    expect(keys).toEqual([...PLAN_NOTICE_KINDS]);
  });
});
