/**
 * A companion client whose code is fetched at its first call, not before: the popup's first render shows
 * the stored list without loading the client's routes and schemas (the Hono client and zod), and without
 * waiting for the saved connection, which the first call awaits too.
 * @module
 */
import type { CompanionClient } from './companion-client.ts';
import type { Connection } from './settings.ts';

/** The client's calls (everything but its URL). */
export type CompanionCall = Exclude<keyof CompanionClient, 'url'>;

/** `calls` of a client of `connection`, each loading the client first. */
export function deferredClient<C extends CompanionCall>(
  connection: Connection | Promise<Connection>,
  calls: readonly C[],
): Pick<CompanionClient, C> {
  let client: Promise<CompanionClient> | undefined;
  const load = () =>
    (client ??= Promise.all([import('./companion-client.ts'), connection]).then(([module, saved]) =>
      module.createCompanionClient(saved),
    ));
  const call =
    (name: C) =>
    async (...args: unknown[]) =>
      ((await load())[name] as (...args: unknown[]) => unknown)(...args);
  return Object.fromEntries(calls.map((name) => [name, call(name)])) as unknown as Pick<CompanionClient, C>;
}
