/**
 * The lowdb audit: events in an append-only file of their own (never rewritten with the registry), the
 * newest `AUDIT_RETENTION` of each account kept in memory. A key change's event is committed inside the
 * registry log's line (so the two cannot part) and moved here when that log is compacted; a moved event
 * carries the log's sequence number, so a move cut short by a crash is not repeated. The file is
 * rewritten with what is retained once it holds twice that.
 * @module
 */
import * as z from 'zod';
import { AppendLog, DamagedLineError, readLines } from './append-log.ts';
import { AuditRecord } from './data.ts';
import type { AuditQuery } from './registry-storage.ts';
import { AUDIT_RETENTION } from '../keys/audit.ts';
import { StartupError } from '../startup-error.ts';

const AuditLine = z.object({ ...AuditRecord.shape, logSeq: z.number().int().optional() });

/** Rewrite the file when it holds this many more lines than are retained (and at least twice as many). */
const REWRITE_SLACK = 10_000;

export class AuditFile {
  readonly #byAccount = new Map<string | null, AuditRecord[]>();
  /** Events of the registry log not yet moved here, with their log sequence number. */
  #adopted: { seq: number; event: AuditRecord }[] = [];
  #movedUpTo = 0;
  #retained = 0;
  #lines = 0;
  #log: AppendLog | null = null;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(readonly file: string) {}

  /** Reads `file` (read-only: without preparing it for appends). */
  static async open(file: string, readOnly: boolean): Promise<AuditFile> {
    const audit = new AuditFile(file);
    let read: Awaited<ReturnType<typeof readLines>>;
    try {
      read = await readLines(file);
      for (const [i, raw] of read.lines.entries()) {
        const parsed = AuditLine.safeParse(raw);
        if (!parsed.success) throw new DamagedLineError(i + 1, parsed.error.issues[0]?.message ?? '');
        const { logSeq, ...event } = parsed.data;
        if (logSeq !== undefined) audit.#movedUpTo = Math.max(audit.#movedUpTo, logSeq);
        audit.#remember(event);
      }
    } catch (error) {
      throw new StartupError(
        `The audit file ${file} is damaged (${(error as Error).message}); the companion left it untouched. Move it away to start with an empty audit.`,
      );
    }
    audit.#lines = read.lines.length;
    if (!readOnly) audit.#log = await AppendLog.open(file, read.length);
    return audit;
  }

  /** `limit` events of the account after skipping the newest `offset`, newest first; of one region if given. */
  page(accountId: string, { limit, offset = 0, region }: AuditQuery): AuditRecord[] {
    const all = this.#byAccount.get(accountId) ?? [];
    const events = region === undefined ? all : all.filter((e) => e.region === region);
    const end = events.length - offset;
    return end > 0 ? events.slice(Math.max(0, end - limit), end).reverse() : [];
  }

  /** Every retained event, each account's oldest first (for a copy of the registry). */
  all(): AuditRecord[] {
    return [...this.#byAccount.values()].flat();
  }

  /** An audit kept in memory only, for unit tests. */
  static inMemory(): AuditFile {
    return new AuditFile('memory');
  }

  /** Appends events durably (an audit opened read-only or in memory keeps them in memory only). */
  append(events: AuditRecord[]): Promise<void> {
    return this.#run(async () => {
      await this.#log?.append(events, true);
      this.#lines += events.length;
      for (const event of events) this.#remember(event);
    });
  }

  /** Takes a key change's event committed in the registry log's line `seq` (unless already moved here). */
  adopt(event: AuditRecord, seq: number): void {
    if (seq <= this.#movedUpTo) return;
    this.#adopted.push({ seq, event });
    this.#remember(event);
  }

  /** Moves the adopted events up to log line `seq` into this file, durably (before the log drops them). */
  moveAdopted(seq: number): Promise<void> {
    return this.#run(async () => {
      const moving = this.#adopted.filter((a) => a.seq <= seq);
      if (moving.length > 0)
        await this.#log?.append(
          moving.map((a) => ({ ...a.event, logSeq: a.seq })),
          true,
        );
      this.#lines += moving.length;
      this.#adopted = this.#adopted.filter((a) => a.seq > seq);
      this.#movedUpTo = Math.max(this.#movedUpTo, seq);
    });
  }

  /**
   * Rewrites the file with the retained events once it holds twice that: only after a compaction, since
   * the rewrite forgets which log lines were moved (the events still pending in the log stay out).
   */
  rewriteIfGrown(): Promise<void> {
    return this.#run(async () => {
      if (this.#lines < 2 * this.#retained + REWRITE_SLACK) return;
      const pending = new Set(this.#adopted.map((a) => a.event));
      const kept = this.all().filter((event) => !pending.has(event));
      await this.#log?.replace(kept.map((event) => `${JSON.stringify(event)}\n`));
      this.#lines = kept.length;
      this.#movedUpTo = 0;
    });
  }

  close(): Promise<void> {
    return this.#run(async () => this.#log?.close());
  }

  #remember(event: AuditRecord) {
    const events = this.#byAccount.get(event.accountId);
    if (!events) {
      this.#byAccount.set(event.accountId, [event]);
      this.#retained++;
      return;
    }
    events.push(event);
    if (events.length > AUDIT_RETENTION) events.shift();
    else this.#retained++;
  }

  #run<T>(work: () => Promise<T>): Promise<T> {
    const done = this.#queue.then(work, work);
    this.#queue = done.catch(() => undefined);
    return done;
  }
}
