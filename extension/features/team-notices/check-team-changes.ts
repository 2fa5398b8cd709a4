/**
 * The background's cheap poll for a teammate's reset: it asks the companion for the change version of
 * the account's pairs (`GET /api/v1/changes`) on its own alarm, and reads the regions only when the
 * version moved. A reset by someone else becomes a pending notice (card and badge), an optional browser
 * notification, and, like a reset made here, a replaced key for where-used and the remembered pairs.
 * @module
 */
import type { CompanionClient } from '@/lib/companion-client.ts';
import { refreshRotationReminder } from '@/features/key-list/account-reminder.ts';
import type { KeyReplaced } from '@/lib/key-operation.ts';
import { type Alarms, onPeriodicAlarm } from '@/lib/periodic-alarm.ts';
import { signedInClient } from '@/lib/signed-in-client.ts';
import { knownPairs, teamChangeVersion, teamResets } from '@/lib/state.ts';
import { knownPairsOf, mergeTeamResets, newTeamResets, type TeamReset } from './team-resets.ts';

export const TEAM_CHANGES_ALARM = 'team-changes';
/** Often enough that a teammate hears within minutes; the version check is one small read. */
export const TEAM_CHANGES_PERIOD_MINUTES = 2;

export interface TeamChangesDeps {
  /** Called for each pair a teammate replaced (where-used, remembered pairs). */
  onKeyReplaced: ((replaced: KeyReplaced) => Promise<void>)[];
  /** Tells the user (a browser notification when they allowed it). */
  notify: (resets: readonly TeamReset[]) => Promise<void>;
}

/**
 * One check: the account's rotation reminder (for the badge), then nothing but the version when it did
 * not move; signed out or without key rights, nothing.
 */
export async function checkTeamChanges(client: CompanionClient | null, deps: TeamChangesDeps): Promise<void> {
  if (!client) return;
  // Independent of the pairs: a companion without the route leaves the last known reminder.
  await refreshRotationReminder(client).catch(() => undefined);
  try {
    const version = await client.changes();
    if (version === (await teamChangeVersion.getValue())) return;
    const [me, regions] = await Promise.all([client.me(), client.regions()]);
    const resets = newTeamResets(await knownPairs.getValue(), regions, me.user.id);
    if (resets.length > 0) {
      await teamResets.setValue(mergeTeamResets(await teamResets.getValue(), resets));
      for (const reset of resets)
        for (const listener of deps.onKeyReplaced)
          await listener({ region: reset.region, accessKeyId: reset.replacedAccessKeyId });
      await deps.notify(resets).catch(() => undefined);
    }
    await knownPairs.setValue(knownPairsOf(regions));
    await teamChangeVersion.setValue(version);
  } catch {
    // A member (403), an unreachable companion: the next alarm tries again; the popup explains failures.
  }
}

/** Schedules the poll (once) and runs it on each alarm. Returns a function that stops listening. */
export function watchTeamChanges(
  deps: TeamChangesDeps,
  {
    alarms,
    client = signedInClient,
  }: { alarms?: Alarms; client?: () => Promise<CompanionClient | null> } = {},
): () => void {
  return onPeriodicAlarm(
    TEAM_CHANGES_ALARM,
    TEAM_CHANGES_PERIOD_MINUTES,
    () => client().then((c) => checkTeamChanges(c, deps)),
    alarms,
  );
}
