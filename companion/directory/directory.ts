/**
 * The account directory: accounts, users and roles, regions, S3 availability, access tokens. Each
 * function changes a draft of the registry (inside `store.update`) and throws a sentence the operator
 * can act on when the change makes no sense.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { Role } from '#shared/api';
import { mintToken } from '../auth/tokens.ts';
import type { Account, Data, RegionRecord, User } from '../storage/data.ts';

export class DirectoryError extends Error {
  override name = 'DirectoryError';
}

const newId = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;

export function addAccount(draft: Data, name: string, at: string): Account {
  if (!name.trim()) throw new DirectoryError('An account needs a name.');
  const account = { id: newId('acc'), name: name.trim(), createdAt: at };
  draft.accounts.push(account);
  return account;
}

export function findAccount(data: Data, idOrName: string): Account {
  const account =
    data.accounts.find((a) => a.id === idOrName) ?? data.accounts.find((a) => a.name === idOrName);
  if (!account) throw new DirectoryError(`There is no account "${idOrName}"; "account list" shows them.`);
  return account;
}

export function addUser(
  draft: Data,
  input: { accountId: string; name: string; email: string; role: Role },
  at: string,
): User {
  findAccount(draft, input.accountId);
  if (draft.users.some((u) => u.email.toLowerCase() === input.email.toLowerCase())) {
    throw new DirectoryError(`A user with the email ${input.email} already exists.`);
  }
  const user = { id: newId('usr'), ...input, createdAt: at };
  draft.users.push(user);
  return user;
}

export function findUser(data: Data, idOrEmail: string): User {
  const user = data.users.find(
    (u) => u.id === idOrEmail || u.email.toLowerCase() === idOrEmail.toLowerCase(),
  );
  if (!user) throw new DirectoryError(`There is no user "${idOrEmail}"; "user list" shows them.`);
  return user;
}

export function setRole(draft: Data, idOrEmail: string, role: Role): User {
  const user = findUser(draft, idOrEmail);
  user.role = role;
  return user;
}

export function putRegion(draft: Data, region: RegionRecord): RegionRecord {
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(region.id)) {
    throw new DirectoryError(
      `Region id "${region.id}" must be lower-case letters, digits and dashes, like eu-central-1.`,
    );
  }
  const index = draft.regions.findIndex((r) => r.id === region.id);
  if (index >= 0) draft.regions[index] = region;
  else draft.regions.push(region);
  return region;
}

export function setServiceAvailable(
  draft: Data,
  accountId: string,
  regionId: string,
  available: boolean,
): void {
  findAccount(draft, accountId);
  if (!draft.regions.some((r) => r.id === regionId))
    throw new DirectoryError(`There is no region "${regionId}"; "region list" shows them.`);
  const entry = draft.services.find((s) => s.accountId === accountId && s.regionId === regionId);
  if (entry) entry.available = available;
  else draft.services.push({ accountId, regionId, available });
}

/** Issues a token for a user; the token is in the result only, never in the registry. */
export function issueToken(
  draft: Data,
  idOrEmail: string,
  label: string,
  at: string,
): { token: string; tokenId: string; user: User } {
  const user = findUser(draft, idOrEmail);
  const { token, record } = mintToken(user.id, label, at);
  draft.tokens.push(record);
  return { token, tokenId: record.id, user };
}

/** Revokes one token by id, or every live token of a user; returns how many were revoked. */
export function revokeTokens(
  draft: Data,
  target: { tokenId: string } | { user: string },
  at: string,
): number {
  const userId = 'user' in target ? findUser(draft, target.user).id : undefined;
  const matching = draft.tokens.filter(
    (t) => !t.revokedAt && ('tokenId' in target ? t.id === target.tokenId : t.userId === userId),
  );
  if ('tokenId' in target && matching.length === 0)
    throw new DirectoryError(`There is no live token "${target.tokenId}"; "token list" shows them.`);
  for (const token of matching) token.revokedAt = at;
  return matching.length;
}
