/**
 * The client of the companion the user is signed in to, read afresh at each call (a sign-in or sign-out
 * since the last one counts); null when signed out. For background work that runs on its own schedule.
 * @module
 */
import { type CompanionClient, createCompanionClient } from './companion-client.ts';
import { connection } from './state.ts';

export async function signedInClient(): Promise<CompanionClient | null> {
  const saved = await connection.getValue();
  return saved ? createCompanionClient(saved) : null;
}
