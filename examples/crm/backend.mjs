// The backend of a fictional CRM ("Helpdesk One") that integrates Sightline (SI-12). It is what an
// integrator writes on their own server, in plain Fetch-API JavaScript so it runs on any runtime:
//   - it holds the long-lived integration token (never sent to a browser);
//   - it finds the video session linked to a ticket and exchanges the token for a short-lived one
//     for that session's summary, which the ticket page hands to <sightline-summary-viewer>;
//   - it registers its webhook receiver, verifies every delivery with the `standardwebhooks`
//     library, and lists what arrived (the receiver page shows them live).
// The demo server mounts it under /examples/crm/api/ (packages/server/src/http/crm-example.ts).
import { Webhook } from 'standardwebhooks';

/** The CRM's tickets: static, as a real CRM would have them in its database. */
const TICKETS = [
  { id: 'T-4711', title: 'Boiler shows error E42 after power cut', customer: 'Maria Keller', status: 'open' },
  { id: 'T-4712', title: 'Heat pump noisy at night', customer: 'Jonas Brandt', status: 'open' },
  { id: 'T-4713', title: 'Thermostat app cannot find the device', customer: 'Ana Souza', status: 'waiting' },
];
/** The events the CRM subscribes to. */
const EVENTS = [
  'session.requested',
  'session.confirmed',
  'session.completed',
  'summary.created',
  'summary.updated',
  'summary.deleted',
];
const MAX_KEPT = 200;

const json = (body, status = 200, headers = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  });
const problem = (status, title, detail) =>
  new Response(JSON.stringify({ type: 'about:blank', title, status, detail }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

/**
 * @param {{ sightlineUrl: string, token: string, crmUrl: string, fetch?: typeof fetch }} options
 *   `sightlineUrl`: the Sightline API origin; `token`: the integration token (`sli_…`) with
 *   `sessions:read`, `summaries:write` and `webhooks:manage`; `crmUrl`: where this CRM's pages live
 *   (ticket links are `<crmUrl>?ticket=<id>`).
 */
export function createCrmBackend({ sightlineUrl, token, crmUrl, fetch: doFetch = globalThis.fetch }) {
  const receiverUrl = new URL('api/webhooks', crmUrl).href;
  const ticketUrl = (id) => `${crmUrl}?ticket=${encodeURIComponent(id)}`;
  /** @type {Webhook | undefined} */
  let verifier;
  /** Verified deliveries, newest first, deduplicated by `webhook-id` (retries send the same id). */
  const received = [];
  const listeners = new Set();

  const sightline = async (method, path, body) => {
    const res = await doFetch(`${sightlineUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    const data = text ? JSON.parse(text) : undefined;
    if (!res.ok)
      throw Object.assign(new Error(`${method} ${path}: ${res.status} ${data?.detail ?? text}`), {
        status: res.status,
      });
    return data;
  };

  /** Registers the receiver (or takes over the one registered before, with a fresh secret). */
  async function provision() {
    const { items } = await sightline('GET', '/v1/webhooks');
    const existing = items.find((e) => e.url === receiverUrl);
    let secret;
    if (existing) {
      ({ secret } = await sightline('POST', `/v1/webhooks/${existing.id}/rotate-secret`, {
        overlapSeconds: 0,
      }));
      if (!existing.enabled) await sightline('PATCH', `/v1/webhooks/${existing.id}`, { enabled: true });
    } else {
      ({ secret } = await sightline('POST', '/v1/webhooks', {
        url: receiverUrl,
        description: 'Helpdesk One (CRM example)',
        events: EVENTS,
      }));
    }
    verifier = new Webhook(secret);
  }

  /** POST /api/webhooks: verify the signature and timestamp, then keep the event once. */
  async function receive(request) {
    const body = await request.text();
    if (!verifier) return problem(503, 'Not ready', 'The receiver is not registered yet.');
    let payload;
    try {
      payload = verifier.verify(body, Object.fromEntries(request.headers));
    } catch (error) {
      return problem(400, 'Signature rejected', String(error?.message ?? error));
    }
    const id = request.headers.get('webhook-id');
    if (!received.some((r) => r.webhookId === id)) {
      const entry = { webhookId: id, type: payload.type, receivedAt: new Date().toISOString(), payload };
      received.unshift(entry);
      received.length = Math.min(received.length, MAX_KEPT);
      for (const listener of listeners) listener(entry);
    }
    return new Response(null, { status: 204 });
  }

  /** GET /api/deliveries/stream: what arrives, as server-sent events (the receiver page). */
  function stream() {
    let listener;
    const body = new ReadableStream({
      start(controller) {
        const send = (entry) =>
          controller.enqueue(new TextEncoder().encode(`event: delivery\ndata: ${JSON.stringify(entry)}\n\n`));
        listener = send;
        listeners.add(send);
        controller.enqueue(new TextEncoder().encode(': connected\n\n'));
      },
      cancel() {
        listeners.delete(listener);
      },
    });
    return new Response(body, {
      headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' },
    });
  }

  /** GET /api/tickets/{id}/panel: a short-lived token for the summary of the ticket's newest session. */
  async function panel(ticket) {
    const sessions = await sightline(
      'GET',
      `/v1/sessions?ticket=${encodeURIComponent(ticketUrl(ticket.id))}&limit=1`,
    );
    const session = sessions.items[0];
    if (!session) return problem(404, 'No video session yet', `No session links ticket ${ticket.id} yet.`);
    const exchanged = await sightline('POST', '/v1/integrations/tokens/exchange', {
      sessionId: session.id,
      scopes: ['summaries:write'],
      ttlSeconds: 900,
    });
    return json({
      baseUrl: sightlineUrl,
      token: exchanged.token,
      sessionId: session.id,
      expiresAt: exchanged.expiresAt,
      scopes: exchanged.scopes,
    });
  }

  /** Answers the CRM's API paths (`/api/…` below `crmUrl`); `undefined` for anything else. */
  async function handle(request) {
    const url = new URL(request.url);
    const base = new URL(crmUrl).pathname;
    if (!url.pathname.startsWith(`${base}api/`)) return undefined;
    const path = url.pathname.slice(base.length + 3);
    const method = request.method;
    try {
      if (method === 'POST' && path === '/webhooks') return await receive(request);
      if (method === 'GET' && path === '/deliveries') return json({ items: received });
      if (method === 'GET' && path === '/deliveries/stream') return stream();
      if (method === 'GET' && path === '/tickets')
        return json({ items: TICKETS.map((t) => ({ ...t, url: ticketUrl(t.id) })) });
      const match = /^\/tickets\/([^/]+)(\/panel)?$/.exec(path);
      const ticket = match && TICKETS.find((t) => t.id === decodeURIComponent(match[1]));
      if (method === 'GET' && match && !ticket)
        return problem(404, 'No such ticket', `No ticket ${match[1]}.`);
      if (method === 'GET' && ticket && match[2]) return await panel(ticket);
      if (method === 'GET' && ticket) return json({ ...ticket, url: ticketUrl(ticket.id) });
      return problem(404, 'Not found', `No CRM route for ${method} ${url.pathname}.`);
    } catch (error) {
      return problem(502, 'Sightline unavailable', String(error?.message ?? error));
    }
  }

  return { handle, provision, receiverUrl, ticketUrl };
}
