import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { dispatchOf, type Outgoing, type RequestHandler } from './http';

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

/** Writes an answer's bytes as they are: no `Response`, no copy. */
function writeOutgoing(res: ServerResponse, out: Outgoing): void {
  const headers: Record<string, string | number> = { ...out.headers };
  if (out.status !== 304) headers['content-length'] = out.body.byteLength;
  res.writeHead(out.status, headers);
  res.end(out.status === 304 ? undefined : out.body);
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, key) => {
    res.setHeader(key, value);
  });
  res.end(Buffer.from(await response.arrayBuffer()));
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
      const url = new URL(req.url ?? '/', origin);
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
        });
        if (answer instanceof Response) await writeResponse(res, answer);
        else writeOutgoing(res, answer);
        return;
      }
      await writeResponse(res, await handler(toRequest(req, url)));
    } catch (error) {
      console.error('[session-links] node adapter', error);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    }
  };
}
