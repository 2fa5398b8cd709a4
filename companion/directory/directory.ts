/**
 * The account directory: accounts, users and roles, regions, S3 availability, access tokens. Each
 * function checks the change against the registry and throws a sentence the operator can act on when
 * it makes no sense, then makes it through the storage.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { Role } from '#shared/api';
import { mintToken } from '../auth/tokens.ts';
import type { Account, RegionRecord, User } from '../storage/data.ts';
import type { RegistryStorage } from '../storage/registry-storage.ts';

export class DirectoryError extends Error {
  override name = 'DirectoryError';
}

/** What a region id must look like: lower-case letters, digits and dashes, at most 63 characters. */
export const REGION_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

const newId = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;
/** The shape of every account id `addAccount` makes. */
export const ACCOUNT_ID = /^acc_[0-9a-f]{12}$/;

export async function addAccount(storage: RegistryStorage, name: string, at: string): Promise<Account> {
  if (!name.trim()) throw new DirectoryError('An account needs a name.');
  const account: Account = { id: newId('acc'), name: name.trim(), createdAt: at, rotationReminderDays: null };
  await storage.addAccount(account);
  return account;
}

export async function findAccount(storage: RegistryStorage, idOrName: string): Promise<Account> {
  const account = await storage.findAccount(idOrName);
  if (!account) throw new DirectoryError(`There is no account "${idOrName}"; "account list" shows them.`);
  return account;
}

export async function addUser(
  storage: RegistryStorage,
  input: { accountId: string; name: string; email: string; role: Role },
  at: string,
): Promise<User> {
  await findAccount(storage, input.accountId);
  if (await storage.findUser(input.email)) {
    throw new DirectoryError(`A user with the email ${input.email} already exists.`);
  }
  const user = { id: newId('usr'), ...input, createdAt: at };
  await storage.addUser(user);
  return user;
}

export async function findUser(storage: RegistryStorage, idOrEmail: string): Promise<User> {
  const user = await storage.findUser(idOrEmail);
  if (!user) throw new DirectoryError(`There is no user "${idOrEmail}"; "user list" shows them.`);
  return user;
}

export async function setRole(storage: RegistryStorage, idOrEmail: string, role: Role): Promise<User> {
  const user = await findUser(storage, idOrEmail);
  await storage.setRole(user.id, role);
  return { ...user, role };
}

/** Adds a region or replaces the one with its id; the only way regions enter the registry. */
export async function putRegion(storage: RegistryStorage, region: RegionRecord): Promise<RegionRecord> {
  if (!REGION_ID.test(region.id)) {
    throw new DirectoryError(
      `Region id "${region.id}" must be lower-case letters, digits and dashes, like eu-central-1.`,
    );
  }
  await storage.putRegion(region);
  return region;
}

export async function setServiceAvailable(
  storage: RegistryStorage,
  accountId: string,
  regionId: string,
  available: boolean,
): Promise<void> {
  await findAccount(storage, accountId);
  if (!(await storage.region(regionId)))
    throw new DirectoryError(`There is no region "${regionId}"; "region list" shows them.`);
  await storage.setServiceAvailable(accountId, regionId, available);
}

/** Issues a token for a user; the token is in the result only, never in the registry. */
export async function issueToken(
  storage: RegistryStorage,
  idOrEmail: string,
  label: string,
  at: string,
): Promise<{ token: string; tokenId: string; user: User }> {
  const user = await findUser(storage, idOrEmail);
  const { token, record } = mintToken(user.id, label, at);
  await storage.addToken(record);
  return { token, tokenId: record.id, user };
}

/** Revokes one token by id, or every live token of a user; returns how many were revoked. */
export async function revokeTokens(
  storage: RegistryStorage,
  target: { tokenId: string } | { user: string },
  at: string,
): Promise<number> {
  const userId = 'user' in target ? (await findUser(storage, target.user)).id : undefined;
  const matching = (await storage.listTokens(userId)).filter(
    (t) => !t.revokedAt && ('tokenId' in target ? t.id === target.tokenId : true),
  );
  if ('tokenId' in target && matching.length === 0)
    throw new DirectoryError(`There is no live token "${target.tokenId}"; "token list" shows them.`);
  await storage.revokeTokens(
    matching.map((t) => t.id),
    at,
  );
  return matching.length;
}
