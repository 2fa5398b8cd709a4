/**
 * The client of the latency benchmarks: Node's own `http` module on one kept-alive connection, one
 * request at a time. Not `fetch`: undici's fetch costs about 0.7 ms more CPU per request here (1.2–1.8 ms
 * against 0.5 ms, from /proc/<pid>/stat around 2,000 key changes), on the same 2 cores as the companion
 * and PostgreSQL, so the client's own work would be counted as the server's latency.
 */
import { Agent, request } from 'node:http';

export interface JsonClient {
  /** GET when `body` is undefined, else POST of `body` as JSON; rejects unless the status is 2xx. */
  call(path: string, token: string, body?: unknown): Promise<Record<string, unknown>>;
  close(): void;
}

export function jsonClient(baseUrl: string): JsonClient {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return {
    call: (path, token, body) =>
      new Promise((resolve, reject) => {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        const headers: Record<string, string | number> = { Authorization: `Bearer ${token}` };
        if (payload !== undefined) {
          headers['Content-Type'] = 'application/json';
          headers['Content-Length'] = Buffer.byteLength(payload);
        }
        const req = request(
          new URL(path, baseUrl),
          { method: payload === undefined ? 'GET' : 'POST', agent, headers },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (text += chunk));
            res.on('error', reject);
            res.on('end', () => {
              const status = res.statusCode ?? 0;
              if (status < 200 || status > 299) reject(new Error(`${path} answered ${status}`));
              else resolve(JSON.parse(text) as Record<string, unknown>);
            });
          },
        );
        req.on('error', reject);
        req.end(payload);
      }),
    close: () => agent.destroy(),
  };
}
