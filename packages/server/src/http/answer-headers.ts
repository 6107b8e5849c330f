import type { Context } from 'hono';

/**
 * Headers an API answer carries whatever the route answers (security headers, CORS), handed over by
 * the middlewares before the route runs, so a route that builds its answer itself (a cached JSON
 * read, {@link jsonTextResponse}) can put them into the answer's own plain header object. A response
 * made that way is marked complete and the middlewares leave it alone after the route: touching a
 * response's headers turns @hono/node-server's lightweight response into a full web Response with
 * web Headers, a cost on every request that a hot read should not pay (issue 13).
 */
const GIVEN = Symbol('answer headers');
const complete = new WeakSet<Response>();

type WithGiven = { [GIVEN]?: Readonly<Record<string, string>>[] };

/**
 * Adds headers every answer to this request must carry (names in lower case; kept by reference,
 * merged only when a route makes its answer itself).
 */
export function giveAnswerHeaders(c: Context, headers: Readonly<Record<string, string>>): void {
  const holder = c as unknown as WithGiven;
  const given = holder[GIVEN];
  if (given) given.push(headers);
  else holder[GIVEN] = [headers];
}

/**
 * A response made with `headers` plus every header the middlewares gave for this request
 * (the route's own win), marked complete — or undefined when no middleware gave any (an app built
 * without them), and the caller answers the usual way.
 */
export function completeResponse(
  c: Context,
  body: Uint8Array,
  status: number,
  headers: Readonly<Record<string, string>>,
): Response | undefined {
  const given = (c as unknown as WithGiven)[GIVEN];
  if (!given) return undefined;
  const all: Record<string, string> = Object.assign({}, ...given);
  // Both may vary the answer (CORS by Origin, a route by what it read): it varies by all of them.
  const vary = all.vary;
  for (const name in headers) all[name.toLowerCase()] = headers[name] as string;
  if (vary && all.vary !== vary) all.vary = `${vary}, ${all.vary}`;
  const response = new Response(body, { status, headers: all });
  complete.add(response);
  return response;
}

/** Whether `response` already carries every header the middlewares give. */
export const isComplete = (response: Response): boolean => complete.has(response);
