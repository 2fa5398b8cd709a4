/** The variables middleware hands to the handlers, typed once for every router. */
import type { User } from '../storage/data.ts';

export interface AppEnv {
  Variables: {
    /** The authenticated user (set by bearer-auth). */
    user: User;
    /** The parsed JSON body of a write (set by json-body). */
    body: unknown;
  };
}
