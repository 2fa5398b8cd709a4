/**
 * The extension's only caller of the companion: typed requests, and failures turned into a
 * {@link CompanionError} that carries the contract's error code, or `unreachable` / `timeout` when no
 * answer came back.
 * @module
 */
import { type ClientResponse, hc, type InferResponseType } from 'hono/client';
import type { AppType } from '../../companion/app.ts';
import {
  AccountSettings,
  type AuditEvent,
  AuditLog,
  ErrorBody,
  IDEMPOTENCY_KEY_HEADER,
  KeyChanges,
  KeyUsage,
  Me,
  type Region,
  RegionList,
  Secret,
  StatusReport,
} from '#shared/api';
import { SyncedVault, type VaultContent, VaultVersion, vaultEtag } from '#shared/vault';
import { CompanionError, timeoutError, whatToDo } from './companion-error.ts';
import type { Connection } from './settings.ts';

export interface CompanionClientOptions {
  /** How long a read may take. Default 10 s; `/api/v1/status` itself answers within 3 s. */
  readTimeoutMs?: number;
  /** How long a create or reset may take: provisioning on the S3 service can be slow. Default 30 s. */
  writeTimeoutMs?: number;
  fetch?: typeof fetch;
}

export type CompanionClient = ReturnType<typeof createCompanionClient>;

/**
 * The companion's routes as the typed client sees them: `hc` derives paths, methods, inputs and answers
 * from the companion app's own type, so a changed route or schema breaks the build, not the user. The
 * answers are still checked at run time with the contract's schemas: the companion may be another version.
 */
type Api = ReturnType<typeof hc<AppType>>['api']['v1'];
type Answer<F extends (...args: never[]) => Promise<ClientResponse<unknown>>> = Extract<
  InferResponseType<F>,
  object
>;
/** Compile-time proof that the route's answer and the contract schema describe the same shape. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Proven<T extends true> = T;
export type ContractMatchesRoutes = [
  Proven<Same<Answer<Api['me']['$get']>, Me>>,
  Proven<Same<Answer<Api['account']['$get']>, AccountSettings>>,
  Proven<Same<Answer<Api['account']['rotation-reminder']['$put']>, AccountSettings>>,
  Proven<Same<Answer<Api['regions']['$get']>['regions'][number], JsonOf<Region>>>,
  Proven<Same<Answer<Api['status']['$get']>, StatusReport>>,
  Proven<Same<Answer<Api['regions'][':region']['key']['$post']>, Secret>>,
  Proven<Same<Answer<Api['regions'][':region']['key']['reset']['$post']>, Secret>>,
  Proven<Same<Answer<Api['regions'][':region']['key']['usage']['$get']>, KeyUsage>>,
  Proven<Same<Answer<Api['changes']['$get']>, KeyChanges>>,
  Proven<Same<Answer<Api['audit']['$get']>['events'][number], JsonOf<AuditEvent>>>,
  Proven<Same<Answer<Api['vault']['$get']>, SyncedVault>>,
  Proven<Same<Answer<Api['vault']['$put']>, VaultVersion>>,
];
/** A type as it comes out of JSON: optional fields that may be undefined are simply absent. */
type JsonOf<T> = { [K in keyof T]: Exclude<T[K], undefined> };

/** Which page of the audit to read: `limit` events after skipping `offset`, of one region if given. */
export interface AuditQuery {
  limit?: number;
  offset?: number;
  region?: string;
}

/** What every client of one companion shares: the typed routes, the token, and one way to send and check a request. */
function connect(
  { url, token }: Connection,
  { readTimeoutMs = 10_000, writeTimeoutMs = 30_000, fetch = globalThis.fetch }: CompanionClientOptions,
) {
  const base = url.trim().replace(/\/+$/, '');
  const api: Api = hc<AppType>(base, { fetch }).api.v1;
  const auth = { Authorization: `Bearer ${token}` };

  /** Sends one request and turns every failure into a CompanionError with the contract's code. */
  async function request<T>(
    path: string,
    send: (init: RequestInit) => Promise<Response>,
    parse: (body: unknown) => T,
    timeoutMs: number,
  ): Promise<T> {
    let response: Response;
    try {
      response = await send({ signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') throw timeoutError(base, timeoutMs);
      throw new CompanionError(0, 'unreachable', `Cannot reach the companion at ${base}.${whatToDo(base)}`);
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = ErrorBody.safeParse(body);
      if (error.success)
        throw new CompanionError(response.status, error.data.error.code, error.data.error.message);
      throw new CompanionError(
        response.status,
        'unexpected_response',
        `The companion answered ${response.status} without an explanation.`,
      );
    }
    try {
      return parse(body);
    } catch {
      throw new CompanionError(
        response.status,
        'unexpected_response',
        `The companion's answer to ${path} is not what this extension expects; are both up to date?`,
      );
    }
  }

  const read = <T>(
    path: string,
    send: (init: RequestInit) => Promise<Response>,
    parse: (body: unknown) => T,
  ) => request(path, send, parse, readTimeoutMs);
  return { base, api, auth, request, read, writeTimeoutMs };
}

/** A client bound to one companion URL and token. */
export function createCompanionClient(connection: Connection, options: CompanionClientOptions = {}) {
  const { base, api, auth, request, read, writeTimeoutMs } = connect(connection, options);
  const write = (idempotencyKey: string) => ({
    headers: { ...auth, [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
  });
  // hc puts path parameters into the URL as given.
  const param = (region: string) => ({ param: { region: encodeURIComponent(region) } });

  return {
    url: base,
    me: () =>
      read(
        '/api/v1/me',
        (init) => api.me.$get(undefined, { headers: auth, init }),
        (b) => Me.parse(b),
      ),
    /** The account and the settings every member shares (the rotation reminder). */
    account: () =>
      read(
        '/api/v1/account',
        (init) => api.account.$get(undefined, { headers: auth, init }),
        (b) => AccountSettings.parse(b),
      ),
    /** Sets the account's rotation reminder (admins only); null turns it off. */
    setRotationReminder: (days: number | null) =>
      request(
        '/api/v1/account/rotation-reminder',
        (init) => api.account['rotation-reminder'].$put({ json: { days } }, { headers: auth, init }),
        (b) => AccountSettings.parse(b),
        writeTimeoutMs,
      ),
    regions: () =>
      read(
        '/api/v1/regions',
        (init) => api.regions.$get(undefined, { headers: auth, init }),
        (b) => RegionList.parse(b).regions,
      ),
    status: () =>
      read(
        '/api/v1/status',
        (init) => api.status.$get(undefined, { headers: auth, init }),
        (b) => StatusReport.parse(b).regions,
      ),
    /** A page of the account's audit, newest first (admins only). */
    audit: (query: AuditQuery = {}) =>
      read(
        '/api/v1/audit',
        (init) =>
          api.audit.$get(
            {
              query: {
                ...(query.limit !== undefined && { limit: String(query.limit) }),
                ...(query.offset !== undefined && { offset: String(query.offset) }),
                ...(query.region !== undefined && { region: query.region }),
              },
            },
            { headers: auth, init },
          ),
        (b) => AuditLog.parse(b),
      ),
    /** The change version of the account's pairs: cheap to poll, it moves with every create and reset. */
    changes: () =>
      read(
        '/api/v1/changes',
        (init) => api.changes.$get(undefined, { headers: auth, init }),
        (b) => KeyChanges.parse(b).version,
      ),
    /** When the region's current pair was last used, from the S3 service's usage log. */
    keyUsage: (region: string) =>
      read(
        `/api/v1/regions/${region}/key/usage`,
        (init) => api.regions[':region'].key.usage.$get(param(region), { headers: auth, init }),
        (b) => KeyUsage.parse(b),
      ),
    /** `idempotencyKey`: the same key for a retry of the same create, so it never creates twice. */
    createKey: (region: string, idempotencyKey: string) =>
      request(
        `/api/v1/regions/${region}/key`,
        (init) =>
          api.regions[':region'].key.$post(
            { ...param(region), json: {} },
            { ...write(idempotencyKey), init },
          ),
        (b) => Secret.parse(b),
        writeTimeoutMs,
      ),
    /** `accessKeyId` names the pair being replaced; a stale one gets 409 `stale_key`. */
    resetKey: (region: string, accessKeyId: string, idempotencyKey: string) =>
      request(
        `/api/v1/regions/${region}/key/reset`,
        (init) =>
          api.regions[':region'].key.reset.$post(
            { ...param(region), json: { accessKeyId } },
            { ...write(idempotencyKey), init },
          ),
        (b) => Secret.parse(b),
        writeTimeoutMs,
      ),
  };
}

/**
 * A client of the user's synced vault on one companion. Apart from {@link createCompanionClient} so
 * the popup, which never syncs itself (the worker does), does not carry the vault's schemas.
 */
export function createVaultClient(connection: Connection, options: CompanionClientOptions = {}) {
  const { api, auth, request, read, writeTimeoutMs } = connect(connection, options);
  return {
    /** The user's synced vault (ciphertext) and its version. */
    vault: () =>
      read(
        '/api/v1/vault',
        (init) => api.vault.$get(undefined, { headers: auth, init }),
        (b) => SyncedVault.parse(b),
      ),
    /** The vault's version alone: the cheap check for a change made elsewhere. */
    vaultVersion: () =>
      read(
        '/api/v1/vault/version',
        (init) => api.vault.version.$get(undefined, { headers: auth, init }),
        (b) => VaultVersion.parse(b).version,
      ),
    /** Replaces the vault if it is still at `version`; a 412 `vault_changed` says another browser wrote first. */
    putVault: (content: VaultContent, version: number) =>
      request(
        '/api/v1/vault',
        (init) =>
          api.vault.$put({ json: content }, { headers: { ...auth, 'If-Match': vaultEtag(version) }, init }),
        (b) => VaultVersion.parse(b).version,
        writeTimeoutMs,
      ),
  };
}
