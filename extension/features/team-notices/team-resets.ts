/**
 * Word that a teammate reset a pair: which resets this browser has not told its user about yet. Pure,
 * so the rules are tested without a browser. A notice names the region, who and when, and the old and
 * new access key ids; never a secret.
 * @module
 */
import type { Region } from '#shared/api';

/** A region's pair as this browser last saw it. */
export interface KnownPair {
  accessKeyId: string;
  regionName: string;
  /** When the pair was made (its reset, or its create). */
  madeAt: string;
}

/** region id → the pair this browser last saw there. */
export type KnownPairs = Record<string, KnownPair>;

/** A reset by someone else that this browser's user has not dismissed yet. */
export interface TeamReset {
  region: string;
  regionName: string;
  /** Who reset it, by name ("another member" when the companion does not say). */
  by: string;
  at: string;
  replacedAccessKeyId: string;
  accessKeyId: string;
}

/** The pairs the regions hold now. */
export function knownPairsOf(regions: readonly Region[]): KnownPairs {
  return Object.fromEntries(
    regions.flatMap(({ id, name, key }) =>
      key
        ? [[id, { accessKeyId: key.accessKeyId, regionName: name, madeAt: key.lastResetAt ?? key.createdAt }]]
        : [],
    ),
  );
}

/**
 * The resets since `known` was taken that someone other than `myUserId` made. A region this browser
 * never saw a pair in gives none (a create is no news: nothing stopped working).
 */
export function newTeamResets(known: KnownPairs, regions: readonly Region[], myUserId: string): TeamReset[] {
  return regions.flatMap((region) => {
    const { key } = region;
    const before = known[region.id]?.accessKeyId;
    if (!key || !before || before === key.accessKeyId || key.lastResetBy === myUserId) return [];
    return [
      {
        region: region.id,
        regionName: region.name,
        by: key.lastResetByName ?? 'another member',
        at: key.lastResetAt ?? key.createdAt,
        replacedAccessKeyId: before,
        accessKeyId: key.accessKeyId,
      },
    ];
  });
}

/** `resets` added to `pending`, one notice per region (the newest reset wins, keeping the first dead pair). */
export function mergeTeamResets(pending: readonly TeamReset[], resets: readonly TeamReset[]): TeamReset[] {
  const byRegion = new Map(pending.map((r) => [r.region, r]));
  for (const reset of resets) {
    const earlier = byRegion.get(reset.region);
    byRegion.set(
      reset.region,
      earlier ? { ...reset, replacedAccessKeyId: earlier.replacedAccessKeyId } : reset,
    );
  }
  return [...byRegion.values()];
}

/**
 * "Alice reset the key for Demo North 5 min ago": the sentence of a notice, without its consequence.
 * `age` is formatAge's: "just now", "5 min ago", or a date.
 */
export function describeTeamReset(reset: TeamReset, age: string): string {
  const when = age === 'just now' || age.endsWith(' ago') ? age : `on ${age}`;
  return `${reset.by} reset the key for ${reset.regionName} ${when}`;
}
