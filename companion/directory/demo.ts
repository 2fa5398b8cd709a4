/**
 * The demo: account "Demo" with alice (admin), bob (member+) and carol (member), three regions — the
 * account has S3 in two of them — and a token for each user, issued once. Running it again changes
 * nothing that exists.
 * @module
 */
import type { Role } from '#shared/api';
import type { Data, RegionRecord } from '../storage/data.ts';
import { addAccount, addUser, issueToken, putRegion, setServiceAvailable } from './directory.ts';

export const DEMO_ACCOUNT = 'Demo';

export const DEMO_USERS: { key: string; name: string; email: string; role: Role }[] = [
  { key: 'alice', name: 'Alice', email: 'alice@demo.example', role: 'admin' },
  { key: 'bob', name: 'Bob', email: 'bob@demo.example', role: 'member+' },
  { key: 'carol', name: 'Carol', email: 'carol@demo.example', role: 'member' },
];

export interface DemoRegion {
  region: RegionRecord;
  /** Whether the demo account has S3 there. */
  available: boolean;
}

export const DEMO_REGIONS: DemoRegion[] = [
  {
    region: {
      id: 'demo-north-1',
      name: 'Demo North',
      endpoint: 'http://127.0.0.1:7481',
      backend: { type: 'none' },
    },
    available: true,
  },
  {
    region: {
      id: 'demo-south-1',
      name: 'Demo South',
      endpoint: 'http://127.0.0.1:7482',
      backend: { type: 'none' },
    },
    available: true,
  },
  {
    region: {
      id: 'demo-east-1',
      name: 'Demo East',
      endpoint: 'http://127.0.0.1:7483',
      backend: { type: 'none' },
    },
    available: false,
  },
];

export type DemoTokens = Record<string, { role: Role; token: string }>;

/** Seeds what is missing; returns the tokens it issued (for users that had none). */
export function seedDemo(draft: Data, at: string, regions: DemoRegion[] = DEMO_REGIONS): DemoTokens {
  const account = draft.accounts.find((a) => a.name === DEMO_ACCOUNT) ?? addAccount(draft, DEMO_ACCOUNT, at);
  for (const { region, available } of regions) {
    if (!draft.regions.some((r) => r.id === region.id)) putRegion(draft, region);
    if (!draft.services.some((s) => s.accountId === account.id && s.regionId === region.id))
      setServiceAvailable(draft, account.id, region.id, available);
  }
  const issued: DemoTokens = {};
  for (const { key, name, email, role } of DEMO_USERS) {
    const user =
      draft.users.find((u) => u.email === email) ??
      addUser(draft, { accountId: account.id, name, email, role }, at);
    if (!draft.tokens.some((t) => t.userId === user.id && !t.revokedAt)) {
      issued[key] = { role: user.role, token: issueToken(draft, user.id, 'demo', at).token };
    }
  }
  return issued;
}
