/**
 * The variables middleware hands to the handlers, typed once for every router. Read them with
 * `c.get(name)`: Hono's `c.var` copies every variable into a new object on each access.
 */
import type { User } from '../storage/data.ts';

export interface AppEnv {
  Variables: {
    /** The authenticated user (set by bearer-auth). */
    user: User;
    /** The parsed JSON body of a write (set by json-body). */
    body: unknown;
    /**
     * Set by idempotency when the request has a key: keeps `answer` for a retry before the change that
     * makes pair `accessKeyId` is committed, so an answer lost with a crash right after the commit is
     * still replayed; a retry replays it only once that pair is in the registry.
     */
    keepAnswerBeforeCommit?: (status: number, answer: unknown, accessKeyId: string) => Promise<void>;
  };
}
