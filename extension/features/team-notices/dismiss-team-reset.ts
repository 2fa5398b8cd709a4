import { teamResets } from '@/lib/state.ts';

/** Forgets the notice of `region`'s reset (the user read it). */
export async function dismissTeamReset(region: string): Promise<void> {
  await teamResets.setValue((await teamResets.getValue()).filter((r) => r.region !== region));
}
