import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { Region } from '#shared/api';
import { App } from '@/entrypoints/popup/App.tsx';
import {
  checkTeamChanges,
  TEAM_CHANGES_ALARM,
  watchTeamChanges,
} from '@/features/team-notices/check-team-changes.ts';
import { notifyTeamResets } from '@/features/team-notices/notify-team-resets.ts';
import { TeamNoticesSettings } from '@/features/team-notices/TeamNoticesSettings.tsx';
import { attentionBadge, dueForRotation } from '@/features/toolbar-badge/toolbar-badge.ts';
import { knownPairs, replacedKeys, rotationReminderDays, teamResets, usedOrigins } from '@/lib/state.ts';
import {
  clearStorage,
  fakeClient,
  fakeNotifications,
  me,
  NORTH,
  unreachable,
  REGIONS,
  snapshot,
  fakePopupDeps,
} from './fixtures.ts';

beforeEach(clearStorage);
afterEach(cleanup);

const FIVE_MIN_AGO = () => new Date(Date.now() - 5 * 60_000).toISOString();
/** North after alice reset it: a new pair, made by her. */
const resetByAlice = (): Region => ({
  ...NORTH,
  key: {
    ...NORTH.key!,
    accessKeyId: 'AKNORTH0000000000009',
    lastResetAt: FIVE_MIN_AGO(),
    lastResetBy: 'usr_alice',
    lastResetByName: 'Alice',
  },
});
const bob = () => ({ ...me('member+'), user: { ...me().user, id: 'usr_bob', name: 'Bob' } });

function teamClient(version: string, regions: Region[], who = bob()) {
  return fakeClient({
    changes: vi.fn(async () => version),
    regions: vi.fn(async () => regions),
    me: async () => who,
  });
}

describe('team check (background)', () => {
  it('on its first check it only learns the pairs; a teammate reset later becomes a notice, a replaced key and a notification', async () => {
    const deps = { onKeyReplaced: [vi.fn(async () => {})], notify: vi.fn(async () => {}) };
    await checkTeamChanges(teamClient('v1', REGIONS), deps);
    expect(await teamResets.getValue()).toEqual([]);
    expect((await knownPairs.getValue())['demo-north-1']?.accessKeyId).toBe('AKNORTH0000000000001');

    await checkTeamChanges(teamClient('v2', [resetByAlice(), ...REGIONS.slice(1)]), deps);
    const [notice] = await teamResets.getValue();
    expect(notice).toMatchObject({
      region: 'demo-north-1',
      by: 'Alice',
      replacedAccessKeyId: 'AKNORTH0000000000001',
      accessKeyId: 'AKNORTH0000000000009',
    });
    expect(JSON.stringify(notice)).not.toMatch(/secret/i);
    expect(deps.onKeyReplaced[0]).toHaveBeenCalledWith({
      region: 'demo-north-1',
      accessKeyId: 'AKNORTH0000000000001',
    });
    expect(deps.notify).toHaveBeenCalledWith([notice]);
  });

  it('reads nothing more while the version stands still, and tells nobody of their own reset', async () => {
    const deps = { onKeyReplaced: [], notify: vi.fn(async () => {}) };
    await checkTeamChanges(teamClient('v1', REGIONS), deps);
    const still = teamClient('v1', [resetByAlice()]);
    await checkTeamChanges(still, deps);
    expect(still.regions).not.toHaveBeenCalled();
    await checkTeamChanges(teamClient('v2', [resetByAlice(), ...REGIONS.slice(1)], me()), deps);
    expect(await teamResets.getValue()).toEqual([]);
    expect(deps.notify).not.toHaveBeenCalled();
  });

  it("keeps the account's rotation reminder for the badge at every check, and the last one when the companion cannot say", async () => {
    const deps = { onKeyReplaced: [], notify: vi.fn(async () => {}) };
    const withReminder = (days: number | null) =>
      fakeClient({
        ...teamClient('v1', REGIONS),
        account: vi.fn(async () => ({ id: 'acc_demo', name: 'Demo', rotationReminderDays: days })),
      });
    await checkTeamChanges(withReminder(90), deps);
    expect(await rotationReminderDays.getValue()).toBe(90);
    await checkTeamChanges(
      fakeClient({
        ...teamClient('v1', REGIONS),
        account: vi.fn(async () => {
          throw unreachable();
        }),
      }),
      deps,
    );
    expect(await rotationReminderDays.getValue()).toBe(90);
    await checkTeamChanges(withReminder(null), deps);
    expect(await rotationReminderDays.getValue()).toBeNull();
  });

  it('checks on its own alarm', async () => {
    const client = teamClient('v1', REGIONS);
    const stop = watchTeamChanges(
      { onKeyReplaced: [], notify: async () => {} },
      { client: async () => client },
    );
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(TEAM_CHANGES_ALARM)).toBeDefined());
    await fakeBrowser.alarms.onAlarm.trigger({ name: TEAM_CHANGES_ALARM, scheduledTime: Date.now() });
    await vi.waitFor(() => expect(client.changes).toHaveBeenCalled());
    stop();
  });

  it('shows a browser notification only when the user allowed it, and names no secret', async () => {
    const reset = {
      region: 'demo-north-1',
      regionName: 'Demo North',
      by: 'Alice',
      at: FIVE_MIN_AGO(),
      replacedAccessKeyId: 'AK1',
      accessKeyId: 'AK2',
    };
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValueOnce(false);
    await notifyTeamResets([reset]);
    expect(create).not.toHaveBeenCalled();
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValueOnce(true);
    await notifyTeamResets([reset]);
    expect(create).toHaveBeenCalledWith(
      'team-reset-demo-north-1',
      expect.objectContaining({
        title: 'Key reset in Demo North',
        message: 'Alice reset the key for Demo North 5 min ago. The pair you used there no longer works.',
      }),
    );
  });

  it('puts a teammate reset on the badge', () => {
    const badge = attentionBadge({
      secret: null,
      unverified: [],
      resets: [
        {
          region: 'demo-north-1',
          regionName: 'Demo North',
          by: 'Alice',
          at: FIVE_MIN_AGO(),
          replacedAccessKeyId: 'AK1',
          accessKeyId: 'AK2',
        },
      ],
    });
    expect(badge.text).toBe('!');
    expect(badge.title).toMatch(
      /Alice reset the key for Demo North 5 min ago: the pair you used there no longer works/,
    );
  });
});

describe('team notices opt-in (options page)', () => {
  it('is off until the user turns it on, which asks for the permission; off gives it back', async () => {
    const notifications = fakeNotifications();
    render(<TeamNoticesSettings {...notifications} />);
    const box = screen.getByRole('checkbox', { name: 'Also show a browser notification' });
    await vi.waitFor(() => expect(box).toHaveProperty('disabled', false));
    expect(box).toHaveProperty('checked', false);
    fireEvent.click(box);
    await vi.waitFor(() => expect(box).toHaveProperty('checked', true));
    expect(notifications.setAllowed).toHaveBeenLastCalledWith(true);
    fireEvent.click(box);
    await vi.waitFor(() => expect(box).toHaveProperty('checked', false));
    expect(notifications.setAllowed).toHaveBeenLastCalledWith(false);
  });
});

describe('rotation reminder on the badge', () => {
  it('names the regions whose pair is past the reminder, and none while it is off', () => {
    const pairs = {
      'demo-north-1': { accessKeyId: 'AK1', regionName: 'Demo North', madeAt: '2026-09-01T00:00:00.000Z' },
    };
    const now = Date.parse('2026-12-02T00:00:00.000Z');
    expect(dueForRotation(pairs, null, now)).toEqual([]);
    expect(dueForRotation(pairs, 120, now)).toEqual([]);
    const overdue = dueForRotation(pairs, 90, now);
    expect(overdue).toEqual([{ regionName: 'Demo North', days: 92 }]);
    expect(attentionBadge({ secret: null, unverified: [], overdue }, now).title).toMatch(
      /The key for Demo North is 92 days old: time to rotate it/,
    );
  });
});

describe('team reset on the region card (popup)', () => {
  it('says who reset it and when, lists the sites that still hold the old pair, and Got it dismisses it', async () => {
    const north = resetByAlice();
    await teamResets.setValue([
      {
        region: 'demo-north-1',
        regionName: 'Demo North',
        by: 'Alice',
        at: north.key!.lastResetAt!,
        replacedAccessKeyId: 'AKNORTH0000000000001',
        accessKeyId: north.key!.accessKeyId,
      },
    ]);
    await replacedKeys.setValue({ 'demo-north-1': ['AKNORTH0000000000001'] });
    await usedOrigins.setValue({ AKNORTH0000000000001: ['https://console.example'] });
    const client = fakeClient({ regions: async () => [north, ...REGIONS.slice(1)] });
    const deps = fakePopupDeps(client);
    const connection = { url: 'http://127.0.0.1:8787', token: 's3k_test' };
    render(
      <App
        start={{
          connection,
          secret: null,
          snapshot: snapshot({ regions: [north, ...REGIONS.slice(1)] }),
          params: { tabId: null },
        }}
        deps={deps}
      />,
    );
    const notice = await screen.findByTestId('team-reset');
    expect(notice.textContent).toMatch(/^Reset by Alice 5 min ago — the pair you used here no longer works/);
    const card = notice.closest('li')!;
    expect((await within(card).findByTestId('stale-sites')).textContent).toContain('console.example');
    fireEvent.click(within(notice).getByRole('button', { name: /Got it/ }));
    await vi.waitFor(() => expect(screen.queryByTestId('team-reset')).toBeNull());
    expect(await teamResets.getValue()).toEqual([]);
  });
});
