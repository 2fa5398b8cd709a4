/**
 * Background work on a browser alarm: alarms survive the worker being stopped and started again, which a
 * timer does not. The alarm is created once (a worker restart finds it and keeps its schedule); the first
 * run comes a minute after it is created.
 * @module
 */
import { browser } from 'wxt/browser';

/** The part of `browser.alarms` a periodic task uses (a fake in tests). */
export type Alarms = Pick<typeof browser.alarms, 'get' | 'create' | 'onAlarm'>;

/** Runs `task` every `periodInMinutes` on the alarm `name`. Returns a function that stops listening. */
export function onPeriodicAlarm(
  name: string,
  periodInMinutes: number,
  task: () => unknown,
  alarms: Alarms = browser.alarms,
): () => void {
  void alarms.get(name).then(async (existing) => {
    if (!existing) await alarms.create(name, { delayInMinutes: 1, periodInMinutes });
  });
  const onAlarm = (alarm: { name: string }) => {
    if (alarm.name === name) void task();
  };
  alarms.onAlarm.addListener(onAlarm);
  return () => alarms.onAlarm.removeListener(onAlarm);
}
