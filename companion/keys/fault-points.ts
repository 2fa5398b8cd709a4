/**
 * Named points inside key changes where a test can make the companion stop, to be killed with -9 there
 * and prove that reconciliation recovers. Armed only by `S3KEYS_TEST_FAULT=<point>` together with
 * `NODE_ENV=test` (vitest sets it); in any other run `hit` does nothing.
 * @module
 */
export type FaultPoint = 'key.create:before-commit' | 'key.reset:after-add' | 'key.reset:before-commit';

export interface FaultPoints {
  hit(point: FaultPoint): Promise<void>;
}

export const NO_FAULTS: FaultPoints = { async hit() {} };

export function faultPointsFromEnv(env: NodeJS.ProcessEnv = process.env): FaultPoints {
  const armed = env.NODE_ENV === 'test' ? env.S3KEYS_TEST_FAULT : undefined;
  if (!armed) return NO_FAULTS;
  return {
    async hit(point) {
      if (point !== armed) return;
      process.stderr.write(`fault point ${point} reached; holding here until killed\n`);
      await new Promise(() => {});
    },
  };
}
