import type { Client } from 'openapi-fetch';
import { call, METHODS } from './fetch-client';
import type { components, operations, paths } from './schema';

export type { components, operations, paths };

/** An RFC 9457 problem document: the body of every failed response of the Sightline API. */
export type Problem = components['schemas']['Problem'];

/** The `type` of problems made on this side, when no response (or no problem document) came back. */
export const ClientProblemType = {
  network: 'https://sightline.dev/problems/network-error',
  unexpected: 'https://sightline.dev/problems/unexpected-response',
} as const;

export interface ClientOptions {
  /** The server's origin, e.g. `https://support.example.com` (no trailing `/v1`). */
  baseUrl: string;
  /** A fixed bearer token … */
  token?: string;
  /** … or a function asked before every request, so a refreshed token is used. */
  getToken?: () => string | undefined | Promise<string | undefined>;
  /** Custom fetch (tests, instrumentation). Defaults to the global fetch. */
  fetch?: (input: Request) => Promise<Response>;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
}

/**
 * The typed client: `client.GET('/v1/sessions/{id}', { params: { path: { id } } })` → `{ data, error, response }`
 * (openapi-fetch's types over the generated `paths`; no middleware: auth and problems are built in).
 */
export type SightlineClient = Omit<Client<paths>, 'use' | 'eject'>;

function problemResponse(status: number, problem: Problem): Response {
  return new Response(JSON.stringify(problem), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
}

/**
 * Creates a typed client for the Sightline API. Results are values, never exceptions: `{ data }` on
 * success, `{ error }` with a {@link Problem} on failure — including a network failure (status 503,
 * type {@link ClientProblemType.network}) and a non-problem error body (type
 * {@link ClientProblemType.unexpected}).
 *
 * @example
 * const api = createClient({ baseUrl: 'http://localhost:8080', token });
 * const { data, error } = await api.POST('/v1/sessions/{id}/confirm', { params: { path: { id } } });
 * if (error) console.warn(error.title, error.detail);
 */
export function createClient(options: ClientOptions): SightlineClient {
  const transport = {
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: options.headers,
    async prepare(headers: Headers) {
      const token = options.getToken ? await options.getToken() : options.token;
      if (token && !headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
    },
    send: (request: Request) => send(options, request),
  };
  const client: Record<string, unknown> = {
    request: (method: string, path: string, init?: object) =>
      call(transport, method.toUpperCase(), path, init),
  };
  for (const method of METHODS)
    client[method] = (path: string, init?: object) => call(transport, method, path, init);
  return client as unknown as SightlineClient;
}

async function send(options: ClientOptions, request: Request): Promise<Response> {
  let response: Response;
  try {
    response = await (options.fetch ? options.fetch(request) : fetch(request));
  } catch (error) {
    // fetch rejected: offline, DNS, CORS, aborted. An expected failure, so a value, not a throw.
    const detail = error instanceof Error ? error.message : String(error);
    return problemResponse(503, {
      type: ClientProblemType.network,
      title: 'Network error',
      status: 503,
      detail,
    });
  }
  if (response.ok) return response;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) return response;
  // A proxy's HTML error page or an empty body still becomes a problem the caller can show.
  const text = await response.text().catch(() => '');
  return problemResponse(response.status, {
    type: ClientProblemType.unexpected,
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    ...(text ? { detail: text.slice(0, 500) } : {}),
  });
}

/** True when a value looks like a problem document. */
export function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).title === 'string' &&
    typeof (value as Problem).status === 'number'
  );
}
