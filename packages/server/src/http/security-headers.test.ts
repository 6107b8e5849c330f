import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createTestServer, FIXTURE, type TestServer } from '../testing/harness.js';
import { serveExamples } from './examples.js';
import { API_POLICY, parseFrameAncestors, parseTrustedProxies } from './security-headers.js';

/** Example pages in a temp folder: one with an inline script and style (hashed), one without. */
function examplesDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-pages-'));
  mkdirSync(join(dir, 'widget'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><title>x</title><link rel="stylesheet" href="/examples/index.css">',
  );
  writeFileSync(
    join(dir, 'widget/index.html'),
    '<!doctype html><title>w</title><style>body{color:red}</style><script type="module">console.log(1)</script><script type="module" src="w.js"></script>',
  );
  writeFileSync(join(dir, 'assets/app.js'), 'export {};');
  return dir;
}

/** The `Content-Security-Policy` as directive → sources. */
function csp(res: Response): Map<string, string[]> {
  const value = res.headers.get('content-security-policy') ?? '';
  return new Map(
    value
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name as string, sources]),
  );
}

/** A request as if from `address` (what @hono/node-server gives the app for a real connection). */
const from = (address: string) => ({
  incoming: { socket: { remoteAddress: address, remotePort: 40000, remoteFamily: 'IPv4' } },
});

describe('security headers (issue 14): every response, by kind', () => {
  let server: TestServer;
  let dir: string;
  let agent: string;
  beforeAll(async () => {
    server = await createTestServer('pglite', {
      trustedProxies: ['10.0.0.0/8'],
      livekit: { url: 'wss://sfu.example.com', apiKey: 'k', apiSecret: 's' },
      publicUrl: 'https://support.example.com',
    });
    dir = examplesDir();
    serveExamples(server.app, relative(process.cwd(), dir));
    // A route that sets its own policy, as the mail outbox does.
    server.app.get('/own-policy', (c) =>
      c.html('<p>x</p>', 200, {
        'content-security-policy': "default-src 'none'",
        'referrer-policy': 'no-referrer',
      }),
    );
    agent = await server.login(FIXTURE.agentEmail);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const common = (res: Response) => {
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const permissions = res.headers.get('permissions-policy') ?? '';
    expect(permissions).toContain('camera=(self)');
    expect(permissions).toContain('microphone=(self)');
    expect(permissions).toContain('fullscreen=(self)');
    expect(permissions).toContain('display-capture=()');
    expect(permissions).toContain('geolocation=()');
    expect(res.headers.get('x-powered-by')).toBeNull();
  };
  const api = (res: Response) => {
    common(res);
    expect(res.headers.get('content-security-policy')).toBe(API_POLICY);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  };

  it('API answers: JSON, problems (401, 400), 404 and 405 carry the restrictive policy', async () => {
    const me = await server.call('GET', '/v1/me', { token: agent });
    expect(me.status).toBe(200);
    api(me);
    const unauthorized = await server.call('GET', '/v1/me');
    expect(unauthorized.status).toBe(401);
    api(unauthorized);
    const invalid = await server.call('POST', '/v1/sessions', { token: agent, body: '{"reason":' });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toContain('application/problem+json');
    api(invalid);
    const missing = await server.call('GET', '/v1/no-such-thing', { token: agent });
    expect(missing.status).toBe(404);
    api(missing);
    const wrongMethod = await server.call('PUT', '/v1/me', { token: agent });
    expect(wrongMethod.status).toBe(405);
    api(wrongMethod);
    const unknownPage = await server.call('GET', '/nothing-here');
    expect(unknownPage.status).toBe(404);
    api(unknownPage);
    api(await server.call('GET', '/openapi.json'));
  });

  it('cached reads, answered with their own header object, carry the same headers as any API answer', async () => {
    const created = await server.call('POST', '/v1/sessions', {
      token: agent,
      body: { deviceId: FIXTURE.deviceId, reason: 'headers' },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const own = new Set(['content-type', 'content-length', 'etag', 'date', 'vary']);
    const shared = (res: Response) => [...res.headers].filter(([name]) => !own.has(name)).sort();
    const reference = shared(await server.call('GET', '/v1/me', { token: agent }));
    expect(reference.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'access-control-allow-origin',
        'access-control-expose-headers',
        'permissions-policy',
      ]),
    );
    // Twice each: the second answer comes from the read cache.
    for (const path of [
      `/v1/sessions/${id}`,
      `/v1/sessions/${id}`,
      '/v1/sessions?limit=5',
      '/v1/sessions?limit=5',
    ]) {
      const res = await server.call('GET', path, { token: agent });
      expect(res.status).toBe(200);
      api(res);
      expect(shared(res)).toEqual(reference);
    }
    const read = await server.call('GET', `/v1/sessions/${id}`, { token: agent });
    expect(read.headers.get('etag')).toMatch(/^(W\/)?"/);
    const overTls = await server.app.request(`https://support.example.com/v1/sessions/${id}`, {
      headers: { authorization: `Bearer ${agent}` },
    });
    expect(overTls.status).toBe(200);
    expect(overTls.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    const head = await server.app.request(`/v1/sessions/${id}`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${agent}` },
    });
    expect(head.status).toBe(200);
    api(head);
  });

  it('CORS preflights keep working and carry the headers', async () => {
    const res = await server.app.request('/v1/me', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://customer.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('example pages: the strict policy, LiveKit and the public origin in connect-src, inline blocks only by hash', async () => {
    const page = await server.call('GET', '/examples/widget/');
    expect(page.status).toBe(200);
    common(page);
    expect(page.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const policy = csp(page);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')?.[0]).toBe("'self'");
    expect(policy.get('script-src')?.slice(1)).toEqual([
      // sha256 of `console.log(1)`, the page's own inline module (not of the external one)
      "'sha256-CihokcEcBW4atb/CW/XWsvWwbTjqwQlE9nj9ii5ww5M='",
    ]);
    expect(policy.get('style-src')).toEqual([
      "'self'",
      "'sha256-FcQqt3aNlV7AZnGV4zkQRVeCeJOxbMPnQSx258L803E='",
    ]);
    expect(policy.get('connect-src')).toEqual([
      "'self'",
      'https://support.example.com',
      'wss://sfu.example.com',
      'https://sfu.example.com',
    ]);
    expect(policy.get('img-src')).toEqual(["'self'", 'blob:', 'data:']);
    expect(policy.get('worker-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'self'"]);
    expect(policy.get('require-trusted-types-for')).toEqual(["'script'"]);
    expect(policy.get('trusted-types')).toEqual(['lit-html', 'sightline']);
    expect(page.headers.get('content-security-policy')).not.toMatch(/unsafe-inline|unsafe-eval/);

    const index = await server.call('GET', '/');
    expect(csp(index).get('script-src')).toEqual(["'self'"]);
    expect(csp(index).get('style-src')).toEqual(["'self'"]);
    // The bundle (a worker's script takes its policy from its own response) has the page policy too.
    const bundle = await server.call('GET', '/assets/app.js');
    expect(bundle.status).toBe(200);
    expect(csp(bundle).get('worker-src')).toEqual(["'self'"]);
    common(bundle);
  });

  it('a page route’s own policy stays (the mail outbox sets one)', async () => {
    const res = await server.call('GET', '/own-policy');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('the API reference page: no scripts, its inline styles by hash', async () => {
    const docs = await server.call('GET', '/docs');
    expect(docs.status).toBe(200);
    const policy = csp(docs);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toBeUndefined();
    expect(policy.get('style-src')?.every((s) => s.startsWith("'sha256-"))).toBe(true);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('HSTS only over TLS: an https URL, or X-Forwarded-Proto https from a trusted proxy', async () => {
    const plain = await server.app.request('/v1/me', {}, from('10.1.2.3'));
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    const direct = await server.app.request('https://support.example.com/v1/me');
    expect(direct.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    const proxied = await server.app.request(
      '/v1/me',
      { headers: { 'x-forwarded-proto': 'https' } },
      from('10.1.2.3'),
    );
    expect(proxied.headers.get('strict-transport-security')).toContain('max-age=31536000');
    // Anyone else claiming TLS is not believed.
    const spoofed = await server.app.request(
      '/v1/me',
      { headers: { 'x-forwarded-proto': 'https' } },
      from('203.0.113.9'),
    );
    expect(spoofed.headers.get('strict-transport-security')).toBeNull();
    const inProcess = await server.call('GET', '/v1/me', { headers: { 'x-forwarded-proto': 'https' } });
    expect(inProcess.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('frame policy for hosts that embed the pages (SIGHTLINE_FRAME_ANCESTORS)', () => {
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    server = await createTestServer('pglite', {
      frameAncestors: ['https://crm.example', 'https://*.intranet.example'],
    });
    dir = examplesDir();
    serveExamples(server.app, relative(process.cwd(), dir));
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pages name the configured origins in frame-ancestors and drop X-Frame-Options; the API stays unframable', async () => {
    const page = await server.call('GET', '/examples/widget/');
    expect(csp(page).get('frame-ancestors')).toEqual([
      "'self'",
      'https://crm.example',
      'https://*.intranet.example',
    ]);
    expect(page.headers.get('x-frame-options')).toBeNull();
    const me = await server.call('GET', '/v1/me');
    expect(csp(me).get('frame-ancestors')).toEqual(["'none'"]);
    expect(me.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('configuration of the security headers', () => {
  it('SIGHTLINE_FRAME_ANCESTORS takes origins, space- or comma-separated, and refuses anything else', () => {
    expect(loadConfig({}).frameAncestors).toBeUndefined();
    expect(parseFrameAncestors('https://a.example, https://b.example:8443 http://localhost:3000')).toEqual([
      'https://a.example',
      'https://b.example:8443',
      'http://localhost:3000',
    ]);
    for (const bad of [
      "'unsafe-inline'",
      '*',
      'https://a.example; script-src *',
      'javascript:x',
      'a.example',
    ]) {
      expect(() => parseFrameAncestors(bad), bad).toThrow(/SIGHTLINE_FRAME_ANCESTORS/);
    }
  });

  it('SIGHTLINE_TRUSTED_PROXIES takes addresses and CIDR ranges and refuses anything else', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(parseTrustedProxies('127.0.0.1, 10.0.0.0/8 ::1')).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    expect(() => parseTrustedProxies('10.0.0.0/99')).toThrow(/SIGHTLINE_TRUSTED_PROXIES/);
    expect(() => parseTrustedProxies('proxy.internal')).toThrow(/SIGHTLINE_TRUSTED_PROXIES/);
  });
});

describe('CORS narrowed to listed origins (SIGHTLINE_CORS_ORIGINS)', () => {
  let server: TestServer;
  let agent: string;
  beforeAll(async () => {
    server = await createTestServer('pglite', { corsOrigins: ['https://crm.example'] });
    agent = await server.login(FIXTURE.agentEmail);
  });
  afterAll(async () => server.close());

  it('a listed origin is named and a foreign one is not, on answers made by hono and on cached reads alike', async () => {
    const created = await server.call('POST', '/v1/sessions', {
      token: agent,
      body: { deviceId: FIXTURE.deviceId, reason: 'cors' },
    });
    const { id } = (await created.json()) as { id: string };
    for (const path of ['/v1/me', `/v1/sessions/${id}`, `/v1/sessions/${id}`, '/v1/sessions?limit=5']) {
      const listed = await server.call('GET', path, {
        token: agent,
        headers: { origin: 'https://crm.example' },
      });
      expect(listed.status).toBe(200);
      expect(listed.headers.get('access-control-allow-origin')).toBe('https://crm.example');
      expect(listed.headers.get('vary')).toContain('Origin');
      expect(listed.headers.get('access-control-expose-headers')).toContain('etag');
      const foreign = await server.call('GET', path, {
        token: agent,
        headers: { origin: 'https://evil.example' },
      });
      expect(foreign.status).toBe(200);
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
      expect(foreign.headers.get('vary')).toContain('Origin');
    }
  });
});
