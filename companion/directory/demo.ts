/**
 * The demo: account "Demo" with alice (admin), bob (member+) and carol (member), three regions — the
 * account has S3 in two of them — and a token for each user, issued once. Running it again changes
 * nothing that exists.
 * @module
 */
import type { Role } from '#shared/api';
import type { RegionRecord } from '../storage/data.ts';
import type { RegistryStorage } from '../storage/registry-storage.ts';
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
export async function seedDemo(
  storage: RegistryStorage,
  at: string,
  regions: DemoRegion[] = DEMO_REGIONS,
): Promise<DemoTokens> {
  const account =
    (await storage.listAccounts()).find((a) => a.name === DEMO_ACCOUNT) ??
    (await addAccount(storage, DEMO_ACCOUNT, at));
  const known = (await storage.regionsOf(account.id)).map((r) => r.region.id);
  for (const { region, available } of regions) {
    if (!known.includes(region.id)) {
      await putRegion(storage, region);
      await setServiceAvailable(storage, account.id, region.id, available);
    }
  }
  const issued: DemoTokens = {};
  for (const { key, name, email, role } of DEMO_USERS) {
    const user =
      (await storage.findUser(email)) ??
      (await addUser(storage, { accountId: account.id, name, email, role }, at));
    if (!(await storage.listTokens(user.id)).some((t) => !t.revokedAt)) {
      issued[key] = { role: user.role, token: (await issueToken(storage, user.id, 'demo', at)).token };
    }
  }
  return issued;
}
