import { createHash } from 'node:crypto';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { giveAnswerHeaders, isComplete } from './answer-headers.js';
import { inRanges, parseRange, peerAddress, type Range } from './client-ip.js';

/** What the security headers depend on, from the server configuration. */
export interface SecurityHeadersOptions {
  /**
   * Origins allowed to frame the pages (`SIGHTLINE_FRAME_ANCESTORS`). Unset: only the server's own
   * origin, plus `X-Frame-Options: SAMEORIGIN` for browsers without CSP level 2.
   */
  frameAncestors?: readonly string[] | undefined;
  /** Peers whose `X-Forwarded-Proto` is believed (`SIGHTLINE_TRUSTED_PROXIES`, addresses or CIDR ranges). */
  trustedProxies?: readonly string[] | undefined;
  /** The LiveKit server the pages' calls connect to, when calls go through LiveKit. */
  livekitUrl?: string | undefined;
  /** The server's public URL: the API links it hands out (call signaling) use this origin. */
  publicUrl?: string | undefined;
}

/** Paths that serve the example pages and their bundle (http/examples.ts). */
const PAGE_PATH = /^\/(?:$|examples(?:\/|$)|assets\/)/;
/** Only camera and microphone are used, by the pages' own origin; fullscreen for the video. */
const PERMISSIONS = {
  camera: ['self'],
  microphone: ['self'],
  fullscreen: ['self'],
  autoplay: ['self'],
  clipboardWrite: ['self'],
  displayCapture: [],
  geolocation: [],
  payment: [],
  usb: [],
  serial: [],
  hid: [],
  midi: [],
  browsingTopics: [],
};
const HSTS = 'max-age=31536000; includeSubDomains';
/**
 * Trusted Types policies the elements create: Lit's template policy, and `sightline`, which passes
 * only the marker tracker's worker URL (core/src/tracking).
 */
export const TRUSTED_TYPES_POLICIES = ['lit-html', 'sightline'] as const;

/**
 * The Content-Security-Policy of the example pages and their bundle: scripts, styles, workers and
 * fetches from the page's own origin only (and the LiveKit server when configured), screenshots as
 * `blob:`/`data:` images, Trusted Types enforced. `hashes` allow a page's inline `<script>`/`<style>`
 * blocks exactly as served; nothing else inline runs.
 */
export function pagePolicy(
  options: SecurityHeadersOptions,
  hashes: { script: readonly string[]; style: readonly string[] } = { script: [], style: [] },
): string {
  const livekit = livekitSources(options.livekitUrl);
  const api = originOf(options.publicUrl);
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", ...hashes.script],
    ['style-src', "'self'", ...hashes.style],
    ['img-src', "'self'", 'blob:', 'data:'],
    ['media-src', "'self'", 'blob:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'", ...api, ...livekit],
    ['worker-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'self'"],
    ['frame-ancestors', ...frameAncestors(options)],
  ];
  directives.push(['require-trusted-types-for', "'script'"], ['trusted-types', ...TRUSTED_TYPES_POLICIES]);
  return directives.map((d) => d.join(' ')).join('; ');
}

/** The policy of API answers (JSON, problems, events, files): nothing may load, nothing may frame. */
export const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * Security headers on every response (Hono's `secureHeaders`): `nosniff`, a referrer policy, a
 * permissions policy (camera, microphone and fullscreen for the page's own origin only), a frame
 * policy, HSTS when the request came over TLS, and a Content-Security-Policy by kind — the strict
 * page policy (`pagePolicy`) for the example pages and their bundle, `default-src 'none'` for the API
 * and any other HTML the server renders itself only with hashes of its inline styles. Headers a route
 * sets itself (the mail outbox's own policy) are kept.
 */
export function securityHeaders(options: SecurityHeadersOptions): MiddlewareHandler {
  const framed = !!options.frameAncestors?.length;
  const common = {
    crossOriginEmbedderPolicy: false,
    // The API is called cross-origin by host pages (CORS); CORP only limits no-cors embedding.
    crossOriginResourcePolicy: 'same-origin',
    crossOriginOpenerPolicy: 'same-origin',
    xContentTypeOptions: true,
    xDnsPrefetchControl: true,
    xDownloadOptions: true,
    xPermittedCrossDomainPolicies: true,
    xXssProtection: true,
    originAgentCluster: true,
    permissionsPolicy: PERMISSIONS,
    removePoweredBy: true,
    overwrite: false,
  } as const;
  const withTls = (tls: boolean) => ({ strictTransportSecurity: tls ? HSTS : false });
  const api = (tls: boolean) =>
    secureHeaders({
      ...common,
      ...withTls(tls),
      referrerPolicy: 'no-referrer',
      xFrameOptions: 'DENY',
    });
  const page = (tls: boolean) =>
    secureHeaders({
      ...common,
      ...withTls(tls),
      referrerPolicy: 'strict-origin-when-cross-origin',
      xFrameOptions: framed ? false : 'SAMEORIGIN',
    });
  const trusted = (options.trustedProxies ?? []).map(parseRange);
  // What hono's secureHeaders sets, read once per kind and transport from a probe answer: the same
  // headers every time, so each answer gets them from a list (and a cached read in its own header
  // object, before the route — http/answer-headers.ts).
  let lists: HeaderLists | undefined;
  const loading: Promise<HeaderLists> = Promise.all(
    [api(false), api(true), page(false), page(true)].map(headersOf),
  ).then(([apiPlain, apiTls, pagePlain, pageTls]) => {
    const apiAnswer = (list: [string, string][] = []) =>
      Object.fromEntries([...list, ['content-security-policy', API_POLICY]]);
    lists = {
      api: [apiPlain ?? [], apiTls ?? []],
      page: [pagePlain ?? [], pageTls ?? []],
      apiAnswer: [apiAnswer(apiPlain), apiAnswer(apiTls)],
    };
    return lists;
  });

  return async (c, next) => {
    const tls = overTls(c, trusted) ? 1 : 0;
    const { api: apiLists, page: pageLists, apiAnswer } = lists ?? (await loading);
    if (c.req.path.startsWith('/v1/')) giveAnswerHeaders(c, apiAnswer[tls]!);
    await next();
    if (isComplete(c.res)) return;
    const type = c.res.headers.get('content-type') ?? '';
    const isHtml = /^text\/html/i.test(type);
    const isPage = PAGE_PATH.test(c.req.path) && !/json/i.test(type);
    if (!c.res.headers.has('content-security-policy')) {
      const hashes = isHtml ? await inlineHashes(c) : { script: [], style: [] };
      c.res.headers.set(
        'content-security-policy',
        isPage ? pagePolicy(options, hashes) : isHtml ? serverPagePolicy(hashes.style) : API_POLICY,
      );
    }
    // Taken after the hashes: reading the body (a clone) can leave the response with new headers.
    const headers = c.res.headers;
    // overwrite: false — a header the route set itself is kept.
    for (const [name, value] of (isPage ? pageLists : apiLists)[tls]!)
      if (!headers.has(name)) headers.set(name, value);
    headers.delete('x-powered-by');
  };
}

/** Security headers by kind of answer, each without and with TLS (index 0 and 1). */
interface HeaderLists {
  api: [string, string][][];
  page: [string, string][][];
  /** An API answer's, with its Content-Security-Policy, as one header object. */
  apiAnswer: Record<string, string>[];
}

/** The headers `middleware` puts on an answer that has none of its own. */
async function headersOf(middleware: MiddlewareHandler): Promise<[string, string][]> {
  const probe = new Hono();
  probe.use(middleware);
  probe.get('/', (c) => c.body(null, 204));
  return [...(await probe.request('/')).headers];
}

/** HTML the server renders itself (the API reference): no scripts, its own inline styles by hash. */
function serverPagePolicy(styleHashes: readonly string[]): string {
  const style = styleHashes.length ? ` style-src ${styleHashes.join(' ')};` : '';
  return `default-src 'none';${style} img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}

/**
 * Hashes of the inline `<script>` and `<style>` blocks of an HTML response, read once here so a
 * page's own blocks run while any other inline code stays refused.
 */
async function inlineHashes(c: Context): Promise<{ script: string[]; style: string[] }> {
  const html = await c.res.clone().text();
  const collect = (tag: 'script' | 'style') =>
    [...html.matchAll(new RegExp(`<${tag}\\b(?![^>]*\\bsrc=)[^>]*>([\\s\\S]*?)</${tag}>`, 'gi'))].map(
      (m) =>
        `'sha256-${createHash('sha256')
          .update(m[1] ?? '')
          .digest('base64')}'`,
    );
  return { script: [...new Set(collect('script'))], style: [...new Set(collect('style'))] };
}

/** `frame-ancestors` sources: the configured origins, else the pages' own origin. */
function frameAncestors(options: SecurityHeadersOptions): string[] {
  return options.frameAncestors?.length ? ["'self'", ...options.frameAncestors] : ["'self'"];
}

/** The origin of an http(s) URL, as a one-item list (none for anything else). */
function originOf(url: string | undefined): string[] {
  try {
    const u = new URL(url ?? '');
    return u.protocol === 'https:' || u.protocol === 'http:' ? [u.origin] : [];
  } catch {
    return [];
  }
}

/** `ws(s)://host` of the LiveKit URL plus its `http(s)://` form (the client checks the server over HTTP too). */
function livekitSources(url: string | undefined): string[] {
  if (!url) return [];
  try {
    const u = new URL(url);
    const secure = u.protocol === 'wss:' || u.protocol === 'https:';
    return [`${secure ? 'wss' : 'ws'}://${u.host}`, `${secure ? 'https' : 'http'}://${u.host}`];
  } catch {
    return [];
  }
}

/**
 * Whether the request reached us over TLS: an `https:` URL (the server listens with TLS), or
 * `X-Forwarded-Proto: https` from a trusted proxy that terminated TLS in front of us.
 */
function overTls(c: Context, trusted: readonly Range[]): boolean {
  if (c.req.url.startsWith('https:')) return true;
  const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https' && trusted.length > 0 && inRanges(peerAddress(c), trusted);
}

/**
 * Parses `SIGHTLINE_FRAME_ANCESTORS`: origins separated by spaces or commas (`https://crm.example`,
 * `https://*.example.com`). Anything else is refused at start, so a typo never weakens the policy.
 */
export function parseFrameAncestors(value: string | undefined): string[] | undefined {
  if (!value?.trim()) return undefined;
  const origins = value.split(/[\s,]+/).filter(Boolean);
  for (const origin of origins) {
    if (!/^https?:\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/i.test(origin))
      throw new Error(`SIGHTLINE_FRAME_ANCESTORS: ${origin} is not an origin such as https://crm.example`);
  }
  return origins;
}

/** Parses `SIGHTLINE_TRUSTED_PROXIES` (addresses or CIDR ranges, comma-separated); refuses bad ones at start. */
export function parseTrustedProxies(value: string | undefined): string[] {
  const items = (value ?? '')
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  for (const item of items) {
    try {
      parseRange(item);
    } catch {
      throw new Error(`SIGHTLINE_TRUSTED_PROXIES: ${item} is not an address or CIDR range`);
    }
  }
  return items;
}
