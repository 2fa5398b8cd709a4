/**
 * Named points inside key changes where a test can make the companion stop, to be killed with -9 there
 * and prove that reconciliation recovers, or (with `S3KEYS_TEST_FAULT_HOLD_MS`) only pause there, to
 * show what another instance does meanwhile. Armed only by `S3KEYS_TEST_FAULT=<point>` together with
 * `NODE_ENV=test` (vitest sets it); in any other run `hit` does nothing.
 * @module
 */
export type FaultPoint =
  | 'key.create:before-commit'
  | 'key.reset:after-add'
  | 'key.reset:before-commit'
  /** The idempotent answer is kept, the commit not yet sent; the slot is still held. */
  | 'key.create:answer-kept'
  | 'key.reset:answer-kept';

export interface FaultPoints {
  hit(point: FaultPoint): Promise<void>;
}

export const NO_FAULTS: FaultPoints = { async hit() {} };

export function faultPointsFromEnv(env: NodeJS.ProcessEnv = process.env): FaultPoints {
  const armed = env.NODE_ENV === 'test' ? env.S3KEYS_TEST_FAULT : undefined;
  if (!armed) return NO_FAULTS;
  const holdMs = Number(env.S3KEYS_TEST_FAULT_HOLD_MS) || null;
  return {
    async hit(point) {
      if (point !== armed) return;
      process.stderr.write(
        `fault point ${point} reached; holding here ${holdMs ? `for ${holdMs} ms` : 'until killed'}\n`,
      );
      await new Promise((resume) => holdMs && setTimeout(resume, holdMs));
    },
  };
}
