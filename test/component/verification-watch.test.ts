import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  checkKeyVerification,
  VERIFICATION_ALARM,
  watchKeyVerification,
} from '@/features/toolbar-badge/verification-watch.ts';
import { unverifiedRegions } from '@/lib/state.ts';
import { check, clearStorage, fakeClient, me, unreachable } from './fixtures.ts';

beforeEach(clearStorage);

const failingNorth = () =>
  fakeClient({ status: async () => [check('demo-north-1', { keyVerified: false }), check('demo-south-1')] });

describe('background key verification', () => {
  it('records the regions whose key failed, by name', async () => {
    await checkKeyVerification(failingNorth());
    expect(await unverifiedRegions.getValue()).toEqual(['Demo North']);
  });

  it('clears them when signed out or without key rights, and keeps the last word when the companion is away', async () => {
    await unverifiedRegions.setValue(['Demo North']);
    await checkKeyVerification(
      fakeClient({
        me: async () => {
          throw unreachable();
        },
      }),
    );
    expect(await unverifiedRegions.getValue()).toEqual(['Demo North']);
    await checkKeyVerification(fakeClient({ me: async () => me('member') }));
    expect(await unverifiedRegions.getValue()).toEqual([]);
    await unverifiedRegions.setValue(['Demo North']);
    await checkKeyVerification(null);
    expect(await unverifiedRegions.getValue()).toEqual([]);
  });

  it('schedules one periodic alarm and checks when it rings', async () => {
    const stop = watchKeyVerification({
      alarms: fakeBrowser.alarms as never,
      client: async () => failingNorth(),
    });
    await expect
      .poll(() => fakeBrowser.alarms.get(VERIFICATION_ALARM))
      .toMatchObject({ periodInMinutes: 15 });
    await fakeBrowser.alarms.onAlarm.trigger({ name: VERIFICATION_ALARM, scheduledTime: Date.now() });
    await expect.poll(() => unverifiedRegions.getValue()).toEqual(['Demo North']);
    stop();
  });
});
