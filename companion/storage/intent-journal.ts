/**
 * The intent journal: key changes under way on an S3 service, kept in a small file of their own so that
 * recording one costs a tiny durable write, not a rewrite of the whole registry. An intent outliving
 * its change is harmless: reconciliation only uses it to know which (account, region) to check.
 * @module
 */
import { Memory, type Adapter } from 'lowdb';
import * as z from 'zod';
import { Intent } from './data.ts';
import { StartupError } from '../startup-error.ts';

const Intents = z.array(Intent);

export interface IntentJournal {
  /** The intents recorded and not yet cleared, oldest first. */
  readonly intents: readonly Intent[];
  add(intent: Intent): Promise<void>;
  /** Clears the intents `matches` selects. */
  clear(matches: (intent: Intent) => boolean): Promise<void>;
}

export async function openIntentJournal({
  adapter,
  source,
}: {
  adapter: Adapter<Intent[]>;
  source: string;
}): Promise<IntentJournal> {
  let intents: Intent[] = [];
  try {
    intents = Intents.parse((await adapter.read()) ?? []);
  } catch (error) {
    throw new StartupError(
      `The intent journal ${source} is damaged (${(error as Error).message}); the companion left it untouched. Move it away and run "s3keys-companion reconcile".`,
    );
  }
  let queue: Promise<unknown> = Promise.resolve();
  // Changes run one at a time, each on the list as the previous one left it; the in-memory list
  // changes only once its write succeeded.
  const change = (next: (current: Intent[]) => Intent[] | null) => {
    const run = async () => {
      const updated = next(intents);
      if (!updated) return;
      await adapter.write(updated);
      intents = updated;
    };
    const done = queue.then(run, run);
    queue = done.catch(() => undefined);
    return done;
  };
  return {
    get intents() {
      return intents;
    },
    add: (intent) => change((current) => [...current, intent]),
    clear: (matches) =>
      change((current) => (current.some(matches) ? current.filter((i) => !matches(i)) : null)),
  };
}

/** A journal in memory only, for unit tests. */
export function openMemoryJournal(): Promise<IntentJournal> {
  return openIntentJournal({ adapter: new Memory<Intent[]>(), source: 'memory' });
}
