// The merge of two copies of a vault, on ciphertext alone: item by item the higher version wins
// (remembered 1 → retired 2), on a tie the companion's copy, and a higher epoch ("forget all") wins outright.
import { describe, expect, it } from 'vitest';
import type { VaultContent, VaultItem } from '#shared/vault';
import { mergeVaults, sameVault } from '../../../../extension/features/remembered-keys/vault-merge.ts';

const item = (id: string, version: number, by: string): VaultItem => ({
  id: `item-${id}-0000`,
  version,
  iv: 'AAAAAAAAAAAAAAAA',
  ciphertext: btoa(`${id}@${version} sealed by ${by}`),
});
const vault = (items: VaultItem[], epoch = 0, salt = 'c2FsdHNhbHRzYWx0c2FsdA=='): VaultContent => ({
  kdf: { algorithm: 'PBKDF2-SHA-256', salt, iterations: 600_000 },
  epoch,
  check: { iv: 'BBBBBBBBBBBBBBBB', ciphertext: 'Y2hlY2s=' },
  items,
});
const ids = (content: VaultContent) => content.items.map((i) => `${i.id}@${i.version}`).sort();

describe('mergeVaults', () => {
  it('add/add: pairs added in two browsers from the same base both survive, whichever side merges', () => {
    const base = [item('north', 1, 'A')];
    const a = vault([...base, item('south', 1, 'A')]);
    const b = vault([...base, item('east', 1, 'B')]);
    const expected = ['item-east-0000@1', 'item-north-0000@1', 'item-south-0000@1'];
    expect(ids(mergeVaults(a, b))).toEqual(expected);
    expect(ids(mergeVaults(b, a))).toEqual(expected);
  });

  it('add/retire: a pair added here and a pair retired there (its key reset) both show in the result', () => {
    const here = vault([item('north', 1, 'A'), item('south', 1, 'A')]);
    const there = vault([item('north', 2, 'B')]);
    const merged = mergeVaults(here, there);
    expect(ids(merged)).toEqual(['item-north-0000@2', 'item-south-0000@1']);
    // The retirement is the companion's own copy, untouched.
    expect(merged.items.find((i) => i.id === 'item-north-0000')).toEqual(item('north', 2, 'B'));
    // And the other way round: a stale "remembered" copy never undoes a retirement.
    expect(ids(mergeVaults(there, here))).toEqual(['item-north-0000@2', 'item-south-0000@1']);
  });

  it('retire/retire: the same pair retired in both browsers stays one retired item, the companion copy kept', () => {
    const here = vault([item('north', 2, 'A')]);
    const there = vault([item('north', 2, 'B')]);
    const merged = mergeVaults(here, there);
    expect(merged.items).toEqual([item('north', 2, 'B')]);
    // Nothing to write back: the companion already holds the result.
    expect(sameVault(merged, there)).toBe(true);
  });

  it('forget-all against a stale copy: the forgotten pairs do not come back, from either side', () => {
    const forgotten = vault([], 1);
    const stale = vault([item('north', 1, 'B'), item('south', 2, 'B'), item('late', 1, 'B')], 0);
    expect(mergeVaults(stale, forgotten)).toEqual(forgotten);
    // The browser that forgot everything merges over a companion copy that another browser changed meanwhile.
    const merged = mergeVaults(forgotten, stale);
    expect(merged.items).toEqual([]);
    expect(merged.epoch).toBe(1);
    // After the forget, pairs remembered in the new epoch merge as usual.
    const after = mergeVaults(vault([item('new', 1, 'A')], 1), vault([item('other', 1, 'B')], 1));
    expect(ids(after)).toEqual(['item-new-0000@1', 'item-other-0000@1']);
  });

  it('a copy under another key (set up elsewhere while offline) cannot be merged: the companion copy wins', () => {
    const offline = vault([item('north', 1, 'A')], 0, 'b3RoZXJzYWx0b3RoZXJzYQ==');
    const synced = vault([item('south', 1, 'B')]);
    expect(mergeVaults(offline, synced)).toEqual(synced);
  });
});

describe('sameVault', () => {
  it('tells a copy with another item, version, ciphertext or epoch from an identical one', () => {
    const a = vault([item('north', 1, 'A')]);
    expect(sameVault(a, vault([item('north', 1, 'A')]))).toBe(true);
    expect(sameVault(a, vault([item('north', 1, 'B')]))).toBe(false);
    expect(sameVault(a, vault([item('north', 2, 'A')]))).toBe(false);
    expect(sameVault(a, vault([item('north', 1, 'A')], 1))).toBe(false);
    expect(sameVault(a, vault([]))).toBe(false);
  });
});
