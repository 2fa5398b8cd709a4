/**
 * The `ceph-rgw` backend: keys live on a Ceph RADOS Gateway, managed through its Admin Ops API
 * (`/admin/user`), which is signed with SigV4 like any S3 request. One RGW realm per region, so a
 * key of one region is unknown in another.
 * @module
 */
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Credentials } from '../keys/credentials.ts';
import {
  BackendUnavailableError,
  type BackendUser,
  type HealthCheck,
  type S3Backend,
  type UsageReading,
} from './s3-backend.ts';
import { readUsage, type UsageLog, usageTime } from './rgw-usage.ts';

export interface CephRgwOptions {
  /** The region id; also the signing region (the RGW zonegroup's api_name). */
  regionId: string;
  /** The gateway's base URL, e.g. `http://127.0.0.1:7481`; S3 and Admin Ops share it. */
  endpoint: string;
  /** A pair of an RGW user with the caps `users=*;buckets=*`. */
  adminAccessKeyId: string;
  adminSecretAccessKey: string;
  /** Per admin request; default 5000. */
  requestTimeoutMs?: number;
  /** For tests; default the global fetch. */
  fetch?: typeof fetch;
}

const USER_PREFIX = 's3keys-';

/** The RGW user that holds an account's keys; the prefix keeps them apart from other users of the gateway. */
export function rgwUserId(accountId: string): string {
  return `${USER_PREFIX}${accountId}`;
}

interface RgwAnswer {
  status: number;
  /** RGW's error code (`NoSuchUser`, `InvalidAccessKeyId`, ...) from a JSON or XML error body. */
  code: string | null;
  body: string;
}

/** Creates the backend for one region served by one gateway. */
export function createCephRgwBackend(options: CephRgwOptions): S3Backend {
  const base = options.endpoint.replace(/\/+$/, '');
  const url = new URL(base);
  const timeoutMs = options.requestTimeoutMs ?? 5000;
  const send = options.fetch ?? fetch;
  const admin: Credentials = {
    accessKeyId: options.adminAccessKeyId,
    secretAccessKey: options.adminSecretAccessKey,
  };

  /** Sends a request signed with `credentials`. Resolves with any HTTP answer; throws only when there is none. */
  async function signedRequest(
    method: string,
    path: string,
    query: Record<string, string>,
    credentials: Credentials,
    signal: AbortSignal,
  ): Promise<RgwAnswer> {
    // Service `s3` and applyChecksum make the signer add x-amz-content-sha256, without which RGW
    // answers SignatureDoesNotMatch; uriEscapePath false is S3's rule for canonical paths.
    const sha256 = Hash.bind(null, 'sha256');
    const region = options.regionId;
    const signer = new SignatureV4({
      service: 's3',
      region,
      credentials,
      sha256,
      uriEscapePath: false,
      applyChecksum: true,
    });
    const port = url.port ? { port: Number(url.port) } : {};
    const { protocol, hostname, host } = url;
    const signed = await signer.sign({ method, protocol, hostname, ...port, path, query, headers: { host } });
    // fetch derives Host from the URL (the same value that was signed) and refuses to take it as a header.
    const { host: _host, ...headers } = signed.headers;
    const response = await send(`${base}${path}${queryString(query)}`, { method, headers, signal });
    const body = await response.text();
    return { status: response.status, code: errorCode(body), body };
  }

  /** An Admin Ops call; a 2xx or one of the `tolerated` error codes is an answer, all else throws. */
  async function adminCall(
    method: string,
    path: string,
    query: Record<string, string>,
    tolerated: string[] = [],
  ): Promise<RgwAnswer> {
    let answer: RgwAnswer;
    try {
      answer = await signedRequest(method, path, query, admin, AbortSignal.timeout(timeoutMs));
    } catch (error) {
      throw new BackendUnavailableError(`RGW at ${base} did not answer: ${failureReason(error, timeoutMs)}`);
    }
    if (
      (answer.status >= 200 && answer.status < 300) ||
      (answer.code !== null && tolerated.includes(answer.code))
    ) {
      return answer;
    }
    throw new BackendUnavailableError(
      `RGW at ${base} answered ${answer.status}${answer.code ? ` ${answer.code}` : ''}`,
    );
  }

  /** An Admin Ops call on `/admin/user`. */
  const adminUser = (method: string, query: Record<string, string>, tolerated: string[] = []) =>
    adminCall(method, '/admin/user', query, tolerated);

  async function listKeys(user: BackendUser): Promise<string[]> {
    const answer = await adminUser('GET', { uid: rgwUserId(user.accountId) }, ['NoSuchUser']);
    if (answer.code === 'NoSuchUser') return [];
    // The answer holds the secrets too (RGW always shows them to an admin): only ids leave this function.
    const info = JSON.parse(answer.body) as { keys?: { access_key?: string }[] };
    return (info.keys ?? []).flatMap((key) => (key.access_key ? [key.access_key] : []));
  }

  async function ensureUser(user: BackendUser): Promise<void> {
    await adminUser(
      'PUT',
      { uid: rgwUserId(user.accountId), 'display-name': user.accountName, 'generate-key': 'false' },
      ['UserAlreadyExists'],
    );
  }

  /** Every uid on the gateway, page by page (`GET /admin/user?list`). */
  async function listUserIds(): Promise<string[]> {
    const uids: string[] = [];
    let marker: string | undefined;
    do {
      const answer = await adminUser('GET', { list: '', 'max-entries': '1000', ...(marker && { marker }) });
      const page = JSON.parse(answer.body) as { keys?: string[]; truncated?: boolean; marker?: string };
      uids.push(...(page.keys ?? []));
      marker = page.truncated ? page.marker : undefined;
    } while (marker);
    return uids;
  }

  return {
    ensureUser,

    async addKey(user, credentials) {
      const { accessKeyId, secretAccessKey } = credentials;
      const query = {
        key: '',
        uid: rgwUserId(user.accountId),
        'access-key': accessKeyId,
        'secret-key': secretAccessKey,
      };
      const answer = await adminUser('PUT', query, ['NoSuchUser']);
      // The user can be gone although the registry knows it (a re-created gateway): create it and retry once.
      if (answer.code === 'NoSuchUser') {
        await ensureUser(user);
        await adminUser('PUT', query);
      }
    },

    async removeKey(user, accessKeyId) {
      if (accessKeyId === admin.accessKeyId)
        throw new BackendUnavailableError(`Refusing to remove the admin key of RGW at ${base}`);
      // `uid` scopes the removal to this account's user: another account's key is never touched.
      const answer = await adminUser(
        'DELETE',
        { key: '', uid: rgwUserId(user.accountId), 'access-key': accessKeyId },
        ['InvalidAccessKeyId', 'NoSuchKey', 'NoSuchUser'],
      );
      // RGW answers InvalidAccessKeyId both for "this user has no such key" and for a rejected admin
      // key; only the first means the key is gone. listKeys throws in the second case.
      if (answer.code === 'InvalidAccessKeyId' && (await listKeys(user)).includes(accessKeyId)) {
        throw new BackendUnavailableError(`RGW at ${base} refused to remove the key (InvalidAccessKeyId)`);
      }
    },

    listKeys,

    async lastUsed(user, since): Promise<UsageReading> {
      let answer: RgwAnswer;
      try {
        const query = { uid: rgwUserId(user.accountId), start: usageTime(since), 'show-summary': 'false' };
        answer = await adminCall('GET', '/admin/usage', query, ['AccessDenied']);
      } catch (error) {
        return { known: false, detail: `The usage log could not be read: ${(error as Error).message}.` };
      }
      if (answer.code === 'AccessDenied')
        return {
          known: false,
          detail: "The gateway's admin user may not read the usage log (usage=read cap).",
        };
      return readUsage(JSON.parse(answer.body) as UsageLog);
    },

    /** Every uid with the account prefix, the prefix cut off (the gateway's own users may have it too). */
    async listAccountIds() {
      const uids = await listUserIds();
      return uids.filter((uid) => uid.startsWith(USER_PREFIX)).map((uid) => uid.slice(USER_PREFIX.length));
    },

    async check(credentials, checkTimeoutMs): Promise<HealthCheck> {
      const signal = AbortSignal.timeout(checkTimeoutMs);
      const started = performance.now();
      try {
        // Anonymous ListBuckets: any HTTP answer means the gateway is up.
        await (await send(`${base}/`, { signal })).arrayBuffer();
      } catch (error) {
        const detail = `Endpoint did not answer: ${failureReason(error, checkTimeoutMs)}.`;
        return { endpointReachable: false, latencyMs: null, keyVerified: null, detail };
      }
      const latencyMs = Math.round(performance.now() - started);
      const reachable = (keyVerified: boolean | null, detail: string | null): HealthCheck => ({
        endpointReachable: true,
        latencyMs,
        keyVerified,
        detail,
      });
      if (!credentials) return reachable(null, null);
      try {
        // A real signed ListBuckets with the pair: 200 only if RGW accepts it.
        const answer = await signedRequest('GET', '/', {}, credentials, signal);
        if (answer.status === 200) return reachable(true, null);
        if (answer.status >= 500) return reachable(null, `The S3 service failed (HTTP ${answer.status}).`);
        return reachable(
          false,
          `Key rejected by the S3 service (${answer.code ?? `HTTP ${answer.status}`}).`,
        );
      } catch (error) {
        return reachable(null, `Key could not be checked: ${failureReason(error, checkTimeoutMs)}.`);
      }
    },
  };
}

/** `?a=1&b=` with SigV4's escaping (RFC 3986), so the server's canonical query matches the signed one. */
function queryString(query: Record<string, string>): string {
  const rfc3986 = (text: string) =>
    encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const pairs = Object.entries(query).map(([name, value]) => `${rfc3986(name)}=${rfc3986(value)}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}

/** The `Code` of an RGW error body: JSON for Admin Ops, XML for S3. */
function errorCode(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && 'Code' in parsed && typeof parsed.Code === 'string')
      return parsed.Code;
  } catch {
    // not JSON: try XML below
  }
  return /<Code>([^<]+)<\/Code>/.exec(body)?.[1] ?? null;
}

/** A short cause for a request that got no answer, e.g. `ECONNREFUSED` or a timeout. */
function failureReason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause =
    error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}
