/**
 * The catalogue's register: every stored item is declared through {@link declare}, from `state.ts` or
 * from its page part, `page-state.ts`. Kept apart from both so that the page part, which the popup's
 * first paint loads alone, does not bring the extension storage's code with it.
 * @module
 */
import type { StoredItem } from './stored-item.ts';

/** The moments at which stored items are forgotten. */
export type ClearEvent = 'sign-out';

export type StorageArea = 'session' | 'local' | 'private' | 'page';

/** What every declaration must say: when the item is forgotten (`[]`: it outlives sign-out, say why). */
export interface Lifetime {
  clearOn: readonly ClearEvent[];
}

/** One declared item, as the catalogue lists it. */
export interface StateDefinition extends Lifetime {
  key: string;
  area: StorageArea;
  item: StoredItem<unknown>;
}

/** Every declared item, in declaration order. */
export const definitions: StateDefinition[] = [];

/** Adds `item` to the catalogue under `area:key` and returns it. */
export function declare<I extends StoredItem<unknown>>(
  area: StorageArea,
  key: string,
  { clearOn }: Lifetime,
  item: I,
): I {
  if (definitions.some((d) => d.key === key && d.area === area))
    throw new Error(`state: "${area}:${key}" is declared twice`);
  definitions.push({ key, area, clearOn, item });
  return item;
}
