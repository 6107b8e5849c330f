// The runtime of the typed client: what openapi-fetch does for the calls this API has, in a
// fraction of its size (issue 13: every page that talks to the server loads it). Its types stay
// openapi-fetch's, so `GET`/`POST`/… are checked against the generated `paths` as before.

/** What a call may pass (the typed `init` of openapi-fetch, as the runtime sees it). */
interface CallInit extends Omit<RequestInit, 'body' | 'headers' | 'method'> {
  params?: {
    path?: Record<string, unknown>;
    query?: Record<string, unknown>;
    header?: Record<string, unknown>;
  };
  body?: unknown;
  headers?: HeadersInit | Record<string, unknown>;
  parseAs?: 'json' | 'text' | 'blob' | 'arrayBuffer' | 'stream';
  bodySerializer?: (body: unknown) => BodyInit;
}

/** How a request is sent and its answer made a value (auth and problems live in index.ts). */
export interface Transport {
  baseUrl: string;
  headers?: Record<string, string> | undefined;
  /** Last changes to the request (the bearer token) before it is sent. */
  prepare(headers: Headers): Promise<void>;
  send(request: Request): Promise<Response>;
}

export const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;

/** `name=value` pairs, encoded as openapi-fetch does (form style, arrays exploded, objects deep). */
function searchOf(query: Record<string, unknown> | undefined): string {
  const pairs: string[] = [];
  const add = (name: string, value: unknown) => {
    if (value !== undefined && value !== null) pairs.push(`${name}=${encodeURIComponent(String(value))}`);
  };
  for (const [name, value] of Object.entries(query ?? {})) {
    if (Array.isArray(value)) for (const v of value) add(name, v);
    else if (value && typeof value === 'object')
      for (const [key, v] of Object.entries(value)) add(`${name}[${key}]`, v);
    else add(name, value);
  }
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

/** Headers in order of precedence; `null` removes one set before. */
function mergeHeaders(...all: (HeadersInit | Record<string, unknown> | undefined)[]): Headers {
  const out = new Headers();
  for (const h of all) {
    if (!h) continue;
    const entries = h instanceof Headers ? h.entries() : Object.entries(h);
    for (const [name, value] of entries as Iterable<[string, unknown]>) {
      if (value === null) out.delete(name);
      else if (Array.isArray(value)) for (const v of value) out.append(name, String(v));
      else if (value !== undefined) out.set(name, String(value));
    }
  }
  return out;
}

/**
 * Sends one call: `path` with its `{name}` parameters filled in and the query appended, a JSON body
 * (or a FormData one as it is), and returns `{ data, response }` or `{ error, response }`.
 */
export async function call(
  transport: Transport,
  method: string,
  path: string,
  init: CallInit = {},
): Promise<{ data?: unknown; error?: unknown; response: Response }> {
  const { params = {}, body, headers, parseAs = 'json', bodySerializer, ...rest } = init;
  const filled = path.replace(/\{([^{}]+)\}/g, (match, name: string) => {
    const value = params.path?.[name];
    return value === undefined || value === null ? match : encodeURIComponent(String(value));
  });
  const serialized =
    body === undefined
      ? undefined
      : (bodySerializer ?? ((b) => (b instanceof FormData ? b : JSON.stringify(b))))(body);
  const merged = mergeHeaders(
    serialized === undefined || serialized instanceof FormData
      ? undefined
      : { 'Content-Type': 'application/json' },
    transport.headers,
    headers,
    params.header,
  );
  await transport.prepare(merged);
  const request = new Request(`${transport.baseUrl}${filled}${searchOf(params.query)}`, {
    redirect: 'follow',
    ...rest,
    method,
    headers: merged,
    ...(serialized === undefined ? {} : { body: serialized }),
  });
  const response = await transport.send(request);
  const length = response.headers.get('Content-Length');
  if (
    response.status === 204 ||
    method === 'HEAD' ||
    (length === '0' && !response.headers.get('Transfer-Encoding')?.includes('chunked'))
  )
    return response.ok ? { data: undefined, response } : { error: undefined, response };
  if (response.ok) {
    if (parseAs === 'stream') return { data: response.body, response };
    if (parseAs === 'json' && !length) {
      const raw = await response.text();
      return { data: raw ? JSON.parse(raw) : undefined, response };
    }
    return { data: await response[parseAs](), response };
  }
  let error: unknown = await response.text();
  try {
    error = JSON.parse(error as string);
  } catch {
    // Not JSON: the text as it came.
  }
  return { error, response };
}
