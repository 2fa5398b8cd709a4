/**
 * Every value the extension stores, declared here and nowhere else (the `page` items in this file's
 * page part, page-state.ts, which the popup's first paint loads alone): its storage area, its type, and
 * whether sign-out forgets it. {@link signOut} and {@link signIn} are derived from these declarations,
 * so no hand-kept list of "what to clear" exists; `test/component/state.test.ts` fails when an item is
 * declared anywhere else.
 *
 * Areas: `session` is `browser.storage.session` (memory only, gone when the browser closes, not
 * readable by content scripts); `local` is `browser.storage.local` (on disk; content scripts could read
 * it, so it holds ids and origins, never a secret or token); `private` is the extension origin's
 * IndexedDB (on disk, extension pages and worker only); `page` is the extension origin's
 * `localStorage` (pages only, read synchronously before the popup's first render).
 *
 * The value types belong to the features that own the items; only those features write them.
 * @module
 */
import { storage } from 'wxt/utils/storage';
import type { KnownPairs, TeamReset } from '@/features/team-notices/team-resets.ts';
import type { LegacyVault } from '@/features/remembered-keys/legacy-vault.ts';
import type { LocalVault } from '@/features/remembered-keys/local-vault.ts';
import type { BadgeNotice } from '@/features/toolbar-badge/toolbar-badge.ts';
import type { OperationRecord } from './key-operation.ts';
import type { ListRecord } from './list-record.ts';
import type { PendingSecret } from './pending-secret.ts';
import { definePrivateItem } from './private-store.ts';
import type { Connection } from './settings.ts';
import {
  declare,
  definitions,
  type ClearEvent,
  type Lifetime,
  type StateDefinition,
} from './state-catalogue.ts';

const session = <T>(key: string, fallback: T, lifetime: Lifetime) =>
  declare('session', key, lifetime, storage.defineItem<T>(`session:${key}`, { fallback }));
const local = <T>(key: string, fallback: T, lifetime: Lifetime) =>
  declare('local', key, lifetime, storage.defineItem<T>(`local:${key}`, { fallback, version: 1 }));
const privately = <T>(key: string, lifetime: Lifetime) =>
  declare('private', key, lifetime, definePrivateItem<T>(key));

// sign-in

/** The companion URL and personal access token that worked at sign-in; null when signed out. */
export const connection = privately<Connection>('connection', { clearOn: ['sign-out'] });

// key-list

/** The last region list the popup saw (in page-state.ts, with the popup's other first-paint read). */
export { regionSnapshot } from './page-state.ts';

// key-operation and reveal-secret

/** The secret of the last create or reset, until Hide secret. */
export const pendingSecret = session<PendingSecret | null>('pendingSecret', null, { clearOn: ['sign-out'] });

/** Whether a pending secret may be waiting (in page-state.ts). */
export { secretExpected } from './page-state.ts';

/** The last create or reset whose outcome is not known yet, with the idempotency key a retry reuses. */
export const lastOperation = session<OperationRecord | null>('keyOperation', null, { clearOn: ['sign-out'] });

// toolbar-badge

/** Names of regions whose key failed its last verification; drives the badge. */
export const unverifiedRegions = session<string[]>('unverifiedRegions', [], { clearOn: ['sign-out'] });

/** A few seconds' notice on the badge (why a fill gesture did nothing); it expires by itself. */
export const badgeNotice = session<BadgeNotice | null>('toolbarBadgeNotice', null, { clearOn: [] });

// remembered-keys

/**
 * This browser's copy of the user's synced vault of remembered pairs, encrypted under their passphrase.
 * Kept across sign-out: it may hold changes not synced yet, and nobody can read it without the
 * passphrase; a sync as another user replaces it with theirs.
 */
export const rememberedKeysVault = privately<LocalVault>('rememberedKeysSynced', { clearOn: [] });

/**
 * The key derived from the passphrase while the remembered pairs are unlocked. Sign-out forgets it, so
 * the next user of this browser finds the pairs locked and cannot fill them without the passphrase.
 */
export const rememberedKeysKey = session<string | null>('rememberedKeysKey', null, { clearOn: ['sign-out'] });

/** The vault of the version before sync (this browser only), moved into the synced one at the first unlock. */
export const legacyRememberedKeys = privately<LegacyVault>('rememberedKeys', { clearOn: [] });

/** When the unlocked vault was last used (ms since the epoch): past the idle time it locks. */
export const rememberedKeysLastUse = session<number | null>('rememberedKeysLastUse', null, {
  clearOn: ['sign-out'],
});

/** Minutes of not using the unlocked vault after which it locks; the user's choice for this browser. */
export const rememberedKeysIdleMinutes = local<number>('rememberedKeysIdleMinutes', 15, { clearOn: [] });

/** Access key ids a reset retired while the vault was locked, forgotten at the next unlock; belongs to the vault. */
export const retiredRememberedKeys = privately<string[]>('rememberedKeysRetired', { clearOn: [] });

// autofill and where-used (per browser, not per user: origins and access key ids only)

/** accessKeyId → the origins it was filled into, in first-fill order. */
export const usedOrigins = local<ListRecord>('autofillUsedOrigins', {}, { clearOn: [] });

/** region id → access key ids resets replaced there, until the user says every site has the new pair. */
export const replacedKeys = local<ListRecord>('whereUsedReplacedKeys', {}, { clearOn: [] });

// team-notices (ids, names and times only)

/** The change version of the account's pairs at the last team check; null before the first. */
export const teamChangeVersion = local<string | null>('teamChangeVersion', null, { clearOn: ['sign-out'] });

/** region id → the access key id the last team check saw there, to tell a teammate's reset. */
export const knownPairs = local<KnownPairs>('teamKnownPairs', {}, { clearOn: ['sign-out'] });

/** Resets by teammates the user has not dismissed yet; drive the card notice and the badge. */
export const teamResets = local<TeamReset[]>('teamResets', [], { clearOn: ['sign-out'] });

// key-list

/**
 * The account's rotation reminder as the companion last said (after how many days a pair's card and the
 * badge ask for a reset; null: off). A cache of the account's setting, refreshed with the regions and on
 * the background alarm; forgotten at sign-out, since the next user may be of another account.
 */
export const rotationReminderDays = local<number | null>('accountRotationReminderDays', null, {
  clearOn: ['sign-out'],
});

/** Every declared item, in declaration order. */
export const STATE: readonly StateDefinition[] = definitions;

/** Forgets every item declared to be cleared on `event`. */
export async function clearState(event: ClearEvent): Promise<void> {
  await Promise.all(definitions.filter((d) => d.clearOn.includes(event)).map((d) => d.item.removeValue()));
}

/** Forgets the token and everything learnt with it (the options page's button and the popup's 401 path). */
export function signOut(): Promise<void> {
  return clearState('sign-out');
}

/** Starts a session for `saved`: whatever an earlier user left is forgotten first, as at sign-out. */
export async function signIn(saved: Connection): Promise<void> {
  await clearState('sign-out');
  await connection.setValue(saved);
}
