/**
 * The Node HTTP(S) server around the app. Requests Node or the Hono adapter cannot even turn into a
 * `Request` — a malformed `Host` (`[::ffff:127.0.0.1]`, user-info), a broken request line, a body where
 * the parser allows none — get the contract's JSON error instead of a bare 400: a Host that cannot be
 * read is 403 `host_not_allowed`, anything else 400 `invalid_request`.
 * @module
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import { type ErrorBody, type ErrorCode, STATUS_BY_ERROR_CODE } from '#shared/api';

export interface NodeServerOptions {
  fetch: (request: Request, env: unknown) => Response | Promise<Response>;
  /** The listening host name, for the adapter's URLs. */
  hostname: string;
  /** Certificate and key (PEM): serve HTTPS. */
  tls?: { cert: string | Buffer; key: string | Buffer };
}

export function createNodeServer({ fetch, hostname, tls }: NodeServerOptions): Server {
  const listener = getRequestListener(fetch, { hostname, errorHandler: answerUnreadableRequest });
  const server: Server = tls ? createHttpsServer(tls, listener) : createHttpServer(listener);
  server.on('clientError', answerUnparsableRequest);
  return server;
}

/** The adapter could not build a Request (bad Host, bad URL). */
function answerUnreadableRequest(error: unknown): Response {
  const message = error instanceof Error ? error.message : String(error);
  return /host/i.test(message)
    ? errorResponse(
        'host_not_allowed',
        'The Host header is not a host name this companion answers to; send the name and port you connected to.',
      )
    : errorResponse(
        'invalid_request',
        'The request line or its URL is not valid HTTP; send a plain path such as /api/v1/me.',
      );
}

/** Node's parser refused the request before any handler ran; the connection cannot be kept. */
function answerUnparsableRequest(error: NodeJS.ErrnoException, socket: Duplex) {
  if (!socket.writable) return socket.destroy();
  const code: ErrorCode = error.code === 'HPE_HEADER_OVERFLOW' ? 'payload_too_large' : 'invalid_request';
  const text = JSON.stringify({
    error: {
      code,
      message:
        code === 'payload_too_large'
          ? 'The request headers are too large.'
          : 'The request is not valid HTTP/1.1 (for example a body on a method that takes none without a length); nothing was done.',
    },
  } satisfies ErrorBody);
  // An answer to HEAD has no body (its client would read one as garbage); the headers still say what a GET gets.
  const head = (error as { rawPacket?: Buffer }).rawPacket?.toString('latin1', 0, 5) === 'HEAD ';
  socket.end(
    `HTTP/1.1 ${STATUS_BY_ERROR_CODE[code]} ${code === 'payload_too_large' ? 'Payload Too Large' : 'Bad Request'}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${head ? '' : text}`,
  );
}

function errorResponse(code: ErrorCode, message: string): Response {
  const body: ErrorBody = { error: { code, message } };
  return new Response(JSON.stringify(body), {
    status: STATUS_BY_ERROR_CODE[code],
    headers: { 'Content-Type': 'application/json' },
  });
}
