/**
 * The lowdb registry on disk: a snapshot (`registry.json`, the registry's data as of log line `seq`), the
 * changes since in an append-only log (`registry.log`, one JSON line per change), and the audit in a
 * file of its own (audit-file.ts). A change costs one small append and one fdatasync, whatever the
 * registry's size; it is checked against the invariants before it is written and applied to memory
 * only after, so a refused or failed change changes nothing. Once the log holds a few thousand changes,
 * a new snapshot is written in the background (a batch at a time, so requests keep being answered) and
 * the log restarts after it (and once more at a clean stop). Loading replays the log onto the snapshot and checks every invariant.
 * @module
 */
import { existsSync } from 'node:fs';
import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import { AppendLog, DamagedLineError, readLines } from './append-log.ts';
import { AuditFile } from './audit-file.ts';
import { Data, emptyData, findInvariantViolations, Intent } from './data.ts';
import { writeDurably } from './durable-write.ts';
import { RegistryChange, RegistryState } from './registry-state.ts';
import { StartupError } from '../startup-error.ts';

export const DATA_FILE = 'registry.json';
export const LOG_FILE = 'registry.log';
export const AUDIT_FILE = 'audit.log';
/** Where intents were kept before they joined the registry log; read once, then removed. */
const LEGACY_JOURNAL_FILE = 'intents.json';

const COMPACT_AFTER = 5_000;

const Snapshot = z.strictObject({
  ...Data.shape,
  /** The last log line this snapshot holds. */
  seq: z.number().int().nonnegative().default(0),
  intents: z.array(Intent).default([]),
});
const LogLine = z.object({ seq: z.number().int().positive(), change: RegistryChange });

export interface RegistryFiles {
  readonly state: RegistryState;
  readonly audit: AuditFile;
  /**
   * Checks `change`, appends it to the log (durably unless told otherwise: a change that needs no fsync of
   * its own reaches the disk with the next durable one, the log being appended in order), then applies
   * it. Changes run one at a time, in order.
   */
  change(change: RegistryChange, options?: { durable?: boolean }): Promise<void>;
  /** Waits for queued changes, writes a last snapshot when the log holds any, then closes the files. */
  close(): Promise<void>;
}

export interface OpenRegistryFilesOptions {
  /** Write nothing (and refuse changes): for listings without the data directory's lock. */
  readOnly?: boolean;
  /** Changes in the log that start a compaction. */
  compactAfter?: number;
}

/** Opens the registry files of `dataDir`. */
export async function openRegistryFiles(
  dataDir: string,
  { readOnly = false, compactAfter = COMPACT_AFTER }: OpenRegistryFilesOptions = {},
): Promise<RegistryFiles> {
  const source = join(dataDir, DATA_FILE);
  const logFile = join(dataDir, LOG_FILE);
  const snapshot = await readSnapshot(source, readOnly);
  const audit = await AuditFile.open(join(dataDir, AUDIT_FILE), readOnly);
  const state = RegistryState.from(snapshot, snapshot.intents);
  let seq = snapshot.seq;
  let logLength = 0;
  let logged = 0;
  try {
    const read = await readLines(logFile);
    logLength = read.length;
    for (const [i, raw] of read.lines.entries()) {
      const parsed = LogLine.safeParse(raw);
      if (!parsed.success) throw new DamagedLineError(i + 1, parsed.error.issues[0]?.message ?? '');
      const line = parsed.data;
      if (line.seq <= seq) continue;
      const problems = state.check(line.change);
      if (problems.length > 0) throw new DamagedLineError(i + 1, problems.join('; '));
      applyChange(state, audit, line);
      seq = line.seq;
      logged++;
    }
  } catch (error) {
    throw new StartupError(corrupt(logFile, (error as Error).message));
  }
  const problems = findInvariantViolations(state.toData());
  if (problems.length > 0) throw new StartupError(corrupt(source, problems.slice(0, 3).join('; ')));

  if (readOnly) {
    const refuse = () => Promise.reject(new Error(`${source} was opened read-only`));
    return { state, audit, change: refuse, close: () => Promise.resolve() };
  }

  const log = await AppendLog.open(logFile, logLength);
  /** The lines appended since the compaction under way began, to keep in the log after it. */
  let sinceCompaction: string[] | null = null;
  let compaction: Promise<void> = Promise.resolve();
  let queue: Promise<unknown> = Promise.resolve();
  const run = <T>(work: () => Promise<T>) => {
    const done = queue.then(work, work);
    queue = done.catch(() => undefined);
    return done;
  };

  const compact = async () => {
    const data = await run(async () => {
      sinceCompaction = [];
      return { ...state.toData(), seq, intents: state.intents };
    });
    try {
      // The key events up to the snapshot go to the audit file first: the log line holding them is
      // dropped only after the snapshot that replaces it is on disk.
      await audit.moveAdopted(data.seq);
      await writeDurably(source, snapshotPieces(data));
      await run(async () => {
        await log.replace(sinceCompaction!);
        logged = sinceCompaction!.length;
      });
      await audit.rewriteIfGrown();
    } finally {
      sinceCompaction = null;
    }
  };
  let compacting = false;
  const compactInBackground = () => {
    compacting = true;
    compaction = compact()
      .catch(() => {
        // A failed compaction leaves the log as it was: it is tried again after the next change.
      })
      .finally(() => {
        compacting = false;
      });
  };

  const files: RegistryFiles = {
    state,
    audit,
    change(change, { durable = true } = {}) {
      return run(async () => {
        refuseBroken(state, change);
        const line = { seq: seq + 1, change };
        await log.append([line], durable);
        seq = line.seq;
        applyChange(state, audit, line);
        sinceCompaction?.push(`${JSON.stringify(line)}\n`);
        logged++;
        if (logged >= compactAfter && !compacting) compactInBackground();
      });
    },
    async close() {
      await run(async () => undefined);
      await compaction;
      // After a clean stop the snapshot alone holds the whole registry (what a backup copies).
      if (logged > 0) await compact();
      await log.close();
      await audit.close();
    },
  };

  // An older data directory: its audit (inside the registry file) and its intent journal move here.
  const legacyJournal = join(dataDir, LEGACY_JOURNAL_FILE);
  if (snapshot.audit.length > 0) {
    await audit.append(snapshot.audit);
    await compact();
  }
  if (existsSync(legacyJournal)) {
    const intents = await readLegacyJournal(legacyJournal);
    for (const intent of intents) await files.change({ op: 'intent', intent });
    await unlink(legacyJournal);
  }
  return files;
}

/** A registry in memory only, for unit tests. */
export function memoryRegistryFiles(): RegistryFiles {
  const state = new RegistryState();
  const audit = AuditFile.inMemory();
  let seq = 0;
  return {
    state,
    audit,
    async change(change) {
      refuseBroken(state, change);
      applyChange(state, audit, { seq: ++seq, change });
    },
    close: () => audit.close(),
  };
}

function refuseBroken(state: RegistryState, change: RegistryChange) {
  const problems = state.check(change);
  if (problems.length > 0)
    throw new Error(`refused a change that would break the registry: ${problems.join('; ')}`);
}

/** Applies a checked change of log line `seq`; a key change's audit event joins the audit. */
function applyChange(
  state: RegistryState,
  audit: AuditFile,
  { seq, change }: { seq: number; change: RegistryChange },
) {
  state.apply(change);
  if (change.op === 'key') audit.adopt(change.audit, seq);
}

async function readSnapshot(source: string, readOnly: boolean): Promise<z.infer<typeof Snapshot>> {
  let text: string | null = null;
  try {
    text = await readFile(source, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text === null) {
    if (readOnly)
      throw new StartupError(
        `There is no registry at ${source} yet; run "s3keys-companion demo" or "account add" first.`,
      );
    const empty = Snapshot.parse(emptyData());
    await writeDurably(source, snapshotPieces(empty));
    return empty;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new StartupError(corrupt(source, `it is not valid JSON (${(error as Error).message})`));
  }
  const parsed = Snapshot.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StartupError(corrupt(source, `${issue?.path.join('.') || 'the top level'}: ${issue?.message}`));
  }
  return parsed.data;
}

async function readLegacyJournal(file: string): Promise<Intent[]> {
  try {
    return z.array(Intent).parse(JSON.parse(await readFile(file, 'utf8')));
  } catch (error) {
    throw new StartupError(
      `The intent journal ${file} is damaged (${(error as Error).message}); the companion left it untouched. Move it away and run "s3keys-companion reconcile".`,
    );
  }
}

/** The snapshot as JSON, one record per piece, so writing it never holds the loop for long. */
function* snapshotPieces(data: z.infer<typeof Snapshot>): Generator<string> {
  const { version, seq, ...lists } = data;
  yield `{"version":${version},"seq":${seq}`;
  for (const [name, items] of Object.entries(lists)) {
    yield `,${JSON.stringify(name)}:[`;
    for (const [i, item] of (items as unknown[]).entries()) yield `${i ? ',' : ''}${JSON.stringify(item)}`;
    yield ']';
  }
  yield '}';
}

function corrupt(source: string, reason: string): string {
  return (
    `The data file ${source} is damaged: ${reason}. The companion did not start and left the file untouched; ` +
    'restore it from a backup, or move it away to start with an empty registry.'
  );
}
