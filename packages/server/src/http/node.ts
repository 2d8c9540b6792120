import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { dispatchOf, type Outgoing, type RequestHandler } from './handler';

const headerValue = (value: string | string[] | undefined): string | null =>
  value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;

/** The Web `Request` of a Node request: built only when the handler asks for it (authenticate, bodies). */
function toRequest(req: IncomingMessage, url: URL): Request {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers as IncomingHttpHeaders)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.set(key, value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(url, {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    // Node's fetch needs this for a streamed body.
    duplex: 'half',
  } as RequestInit);
}

/**
 * An answer sent before the request's body was read to its end (a 413, a refusal before the
 * body): the unread rest would be taken for the next request on a keep-alive connection, and
 * the parser waits for it forever. Such a connection is closed after the answer, and says so.
 */
function closeIfBodyUnread(req: IncomingMessage, res: ServerResponse): void {
  if (req.complete) return;
  res.setHeader('connection', 'close');
  // Null when the connection is already gone (a body stream cancelled mid-way ends it).
  const socket = req.socket as IncomingMessage['socket'] | null;
  res.once('finish', () => socket?.destroySoon());
}

/** Writes an answer's bytes as they are: no `Response`, no copy. */
function writeOutgoing(req: IncomingMessage, res: ServerResponse, out: Outgoing): void {
  const headers: Record<string, string | number> = { ...out.headers };
  if (out.status !== 304) headers['content-length'] = out.body.byteLength;
  closeIfBodyUnread(req, res);
  res.writeHead(out.status, headers);
  res.end(out.status === 304 ? undefined : out.body);
}

async function writeResponse(req: IncomingMessage, res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, key) => {
    res.setHeader(key, value);
  });
  const body = Buffer.from(await response.arrayBuffer());
  closeIfBodyUnread(req, res);
  res.end(body);
}

/** A request the URL parser refuses (a `Host` like `[bad`): 400 with a code, never a 500 (R26). */
function badRequest(res: ServerResponse): void {
  const body = JSON.stringify({ error: { code: 'VALIDATION', message: 'The request line or Host header is not a valid URL' } });
  res.writeHead(400, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-length': Buffer.byteLength(body),
    connection: 'close',
  });
  res.end(body);
}

/**
 * Adapts the Web-standard handler to Node's `http` (and Express, Connect, Fastify's raw
 * mode): `http.createServer(toNodeListener(handler)).listen(3000)`. A handler made by
 * `createHandler` is driven through its core: reads are written from the cached bytes, and
 * the Web `Request` is built only for what needs one (`authenticate`, bodies). Any other
 * handler goes through `Request` and `Response`.
 */
export function toNodeListener(handler: RequestHandler, options: { origin?: string } = {}) {
  const dispatch = dispatchOf(handler);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const origin = options.origin ?? `http://${req.headers.host ?? 'localhost'}`;
      let url: URL;
      try {
        url = new URL(req.url ?? '/', origin);
      } catch {
        return badRequest(res);
      }
      if (dispatch) {
        let request: Request | undefined;
        const answer = await dispatch({
          method: req.method ?? 'GET',
          url,
          header: (name) => headerValue(req.headers[name]),
          request: () => {
            request ??= toRequest(req, url);
            return request;
          },
          clientAddress: req.socket.remoteAddress ?? null,
        });
        if (answer instanceof Response) await writeResponse(req, res, answer);
        else writeOutgoing(req, res, answer);
        return;
      }
      await writeResponse(req, res, await handler(toRequest(req, url)));
    } catch (error) {
      console.error('[session-links] node adapter', error);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    }
  };
}
