import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBootstrapPath } from '../organizations/bootstrap.js';
import { createTestServer, FIXTURE, type TestServer } from '../testing/harness.js';

/** The operator's token: the organization routes are theirs (authorization comes before validation). */
const BOOTSTRAP = 'operator-bootstrap-token-for-text-checks';

/** The slice of JSON Schema the contract uses. */
interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  format?: string;
  minLength?: number;
  minimum?: number;
  minItems?: number;
  example?: unknown;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
}
interface Operation {
  parameters?: Array<{ name: string; in: string; schema?: Schema }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

type Path = Array<string | number>;
const BAD = [
  ['NUL', 'a\u0000b'],
  ['a lone surrogate', 'a\ud800b'],
] as const;

/**
 * A valid-ish value of a schema and the paths of every string in it: enough for each string to be
 * swapped for an unreadable one in turn.
 */
function sample(doc: Document, schema: Schema, path: Path, strings: Path[], depth = 0): unknown {
  if (schema.$ref)
    return sample(doc, doc.components.schemas[schema.$ref.split('/').pop()!]!, path, strings, depth);
  const first = schema.oneOf?.[0] ?? schema.anyOf?.find((s) => s.type !== 'null') ?? schema.anyOf?.[0];
  if (first) return sample(doc, first, path, strings, depth);
  if (schema.allOf) {
    return Object.assign({}, ...schema.allOf.map((s) => sample(doc, s, path, strings, depth)));
  }
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const type = types.find((t) => t !== 'null') ?? (schema.properties ? 'object' : undefined);
  if (depth > 8) return null;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(schema.properties ?? {})) {
        out[key] = sample(doc, child, [...path, key], strings, depth + 1);
      }
      return out;
    }
    case 'array':
      return schema.items ? [sample(doc, schema.items, [...path, 0], strings, depth + 1)] : [];
    case 'string':
      strings.push(path);
      if (schema.enum) return schema.enum[0];
      if (typeof schema.example === 'string') return schema.example;
      if (schema.format === 'email') return 'someone@example.test';
      if (schema.format === 'uri') return 'https://example.test/x';
      if (schema.format === 'date-time') return new Date().toISOString();
      return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    default:
      return schema.enum?.[0] ?? null;
  }
}

function withValue(value: unknown, path: Path, replacement: string): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let at = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path[path.length - 1]!] = replacement;
  return copy;
}

/** The contract's operations with a concrete path (every path parameter filled). */
function operations(doc: Document) {
  const out: Array<{ method: string; template: string; op: Operation; params: string[] }> = [];
  for (const [template, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const params = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      out.push({ method: method.toUpperCase(), template, op, params });
    }
  }
  return out;
}

/**
 * An operation with a body of its own kind (multipart upload, CSV import) gets an empty one of that
 * kind: the media type is checked before the route, parameters by the route.
 */
function bodyEnvelope(op: Operation): { headers?: Record<string, string>; body?: string } {
  const content = op.requestBody?.content ?? {};
  if (content['multipart/form-data'])
    return { headers: { 'content-type': 'multipart/form-data; boundary=b' }, body: '--b--\r\n' };
  if (content['text/csv']) return { headers: { 'content-type': 'text/csv' }, body: 'email\n' };
  return {};
}

/** Ids of the fixture by the collection a path parameter names (`/v1/devices/{id}`). */
const FIXTURE_IDS: Record<string, string> = {
  organizations: FIXTURE.organizationId,
  devices: FIXTURE.deviceId,
  teams: FIXTURE.heatingTeamId,
  users: FIXTURE.agentId,
  portals: FIXTURE.portalId,
};

/**
 * Values for an operation's path parameters: a value of an enum, an id of the fixture, else a
 * placeholder (`id-1`) that names nothing — then the route may answer 404 before it reads the rest,
 * as existence is checked before validation. `placeholder` says whether one was used.
 */
function pathValues(
  doc: Document,
  template: string,
  op: Operation,
): { values: Record<string, string>; placeholder: boolean } {
  const values: Record<string, string> = {};
  let placeholder = false;
  const segments = template.split('/');
  for (const p of (op.parameters ?? []).filter((x) => x.in === 'path')) {
    const schema = p.schema?.$ref ? doc.components.schemas[p.schema.$ref.split('/').pop()!] : p.schema;
    const known = schema?.enum?.[0] ?? FIXTURE_IDS[segments[segments.indexOf(`{${p.name}}`) - 1] ?? ''];
    if (typeof known === 'string') values[p.name] = known;
    else {
      values[p.name] = `${p.name}-1`;
      placeholder = true;
    }
  }
  return { values, placeholder };
}

/** Operations a company manager may not call: refused (403) before their input is read. */
const NOT_FOR_MANAGERS = new Set(['POST /v1/integrations/tokens/exchange']);

/**
 * Refused before the input was read, as the order of checks wants: 404 for a placeholder id (the
 * route checked existence first), 403 for an operation the caller may not call.
 */
const refusedFirst = (res: Response, placeholder: boolean, label: string) =>
  (placeholder && res.status === 404) ||
  (res.status === 403 && NOT_FOR_MANAGERS.has(label.split(' ').slice(0, 2).join(' ')));

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? 'x');

describe('unreadable text in every string of every operation of the contract (issue 14)', () => {
  let server: TestServer;
  let manager: string;
  let doc: Document;
  beforeAll(async () => {
    server = await createTestServer('pglite', { bootstrapToken: BOOTSTRAP });
    manager = await server.login(FIXTURE.managerEmail);
    doc = (await (await server.call('GET', '/openapi.json')).json()) as Document;
  });
  afterAll(async () => server.close());

  const tokenFor = (path: string) => (isBootstrapPath(path) ? BOOTSTRAP : manager);

  /** Every answer is a problem of an expected kind, never a 500; returns the problem. */
  async function expectRefused(res: Response, label: string) {
    expect({ label, status: res.status }).toEqual({
      label,
      status: expect.toSatisfy((s: number) => [400, 403, 404, 422].includes(s)),
    });
    expect(res.headers.get('content-type'), label).toContain('application/problem+json');
    return (await res.json()) as { code?: string; errors?: Array<{ path: string }> };
  }

  it('the contract is walked in full', () => {
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(80);
    expect(ops.filter((o) => o.op.requestBody?.content['application/json']).length).toBeGreaterThan(30);
  });

  it('JSON bodies: each string field in turn → 400 invalid-text naming it', async () => {
    let sent = 0;
    for (const { method, template, op } of operations(doc)) {
      const schema = op.requestBody?.content['application/json']?.schema;
      if (!schema) continue;
      const strings: Path[] = [];
      const body = sample(doc, schema, [], strings);
      const { values, placeholder } = pathValues(doc, template, op);
      const path = fill(template, values);
      for (const field of strings) {
        for (const [what, bad] of BAD) {
          const label = `${method} ${template} json.${field.join('.')} (${what})`;
          const sentBody = field.length === 0 ? bad : withValue(body, field, bad);
          const res = await server.call(method, path, {
            token: tokenFor(path),
            body: sentBody,
            headers: { 'if-match': '*' },
          });
          if (refusedFirst(res, placeholder, label)) continue;
          const problem = await expectRefused(res, label);
          expect({ label, code: problem.code }).toEqual({ label, code: 'invalid-text' });
          expect({ label, paths: problem.errors?.map((e) => e.path) }).toEqual({
            label,
            paths: [['json', ...field].join('.')],
          });
          sent++;
        }
      }
    }
    expect(sent).toBeGreaterThan(200);
  });

  it('path parameters: each in turn → 400 invalid-text naming it', async () => {
    let sent = 0;
    for (const { method, template, op, params } of operations(doc)) {
      const envelope = bodyEnvelope(op);
      for (const name of params) {
        for (const bad of ['a%00b', 'a%ED%A0%80b', 'a%07b']) {
          const path = fill(template, { ...pathValues(doc, template, op).values, [name]: bad });
          const label = `${method} ${template} param.${name} = ${bad}`;
          const res = await server.call(method, path, { token: tokenFor(path), ...envelope });
          const problem = await expectRefused(res, label);
          expect({ label, code: problem.code, paths: problem.errors?.map((e) => e.path) }).toEqual({
            label,
            code: 'invalid-text',
            paths: [`param.${name}`],
          });
          sent++;
        }
      }
    }
    expect(sent).toBeGreaterThan(100);
  });

  it('query parameters: each in turn → 400 invalid-text naming it', async () => {
    let sent = 0;
    for (const { method, template, op } of operations(doc)) {
      const { values, placeholder } = pathValues(doc, template, op);
      const path = fill(template, values);
      for (const q of (op.parameters ?? []).filter((p) => p.in === 'query')) {
        const label = `${method} ${template} query.${q.name}`;
        const res = await server.call(method, `${path}?${encodeURIComponent(q.name)}=a%00b`, {
          token: tokenFor(path),
          ...bodyEnvelope(op),
        });
        if (refusedFirst(res, placeholder, label)) continue;
        const problem = await expectRefused(res, label);
        expect({ label, code: problem.code, paths: problem.errors?.map((e) => e.path) }).toEqual({
          label,
          code: 'invalid-text',
          paths: [`query.${q.name}`],
        });
        sent++;
      }
    }
    expect(sent).toBeGreaterThan(10);
  });

  it('the CSV user import: a NUL or control character in a cell → 400 naming the line, nothing imported', async () => {
    for (const bad of ['\u0000', '\u0007']) {
      const csv = `team,user id,password\nField,ok@example.test,long-enough-1\nField,bad${bad}@example.test,long-enough-1\n`;
      const res = await server.call('POST', '/v1/users/import', {
        token: manager,
        body: csv,
        headers: { 'content-type': 'text/csv' },
      });
      const problem = await expectRefused(res, 'csv');
      expect(problem).toMatchObject({ code: 'invalid-text', errors: [{ path: 'csv.line.3' }] });
    }
    const users = await server.handle.db
      .selectFrom('users')
      .select('email')
      .where('email', '=', 'ok@example.test')
      .execute();
    expect(users).toEqual([]);
  });

  it('the multipart screenshot upload: each string of its JSON part in turn → 400 naming it', async () => {
    const customer = await server.customer(FIXTURE.accessCode);
    const sessionId = randomUUID();
    await server.handle.db
      .insertInto('sessions')
      .values({
        id: sessionId,
        organization_id: FIXTURE.organizationId,
        device_id: FIXTURE.deviceId,
        portal_id: FIXTURE.portalId,
        team_id: FIXTURE.heatingTeamId,
        assignee_ids: JSON.stringify([FIXTURE.agentId]),
        status: 'confirmed',
        reason: 'screenshots',
        ticket_links: '[]',
        recording_consent: null,
        cancel_reason: null,
        created_by_kind: 'customer',
        created_by_id: FIXTURE.deviceId,
      })
      .execute();
    const upload = doc.paths['/v1/sessions/{id}/screenshots']!.post!;
    const form = upload.requestBody!.content['multipart/form-data']!.schema;
    const metaSchema = { $ref: '#/components/schemas/ScreenshotUploadMeta' };
    expect(form).toBeDefined();
    const strings: Path[] = [];
    const meta = sample(doc, metaSchema, [], strings);
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    expect(strings.length).toBeGreaterThan(2);
    for (const field of strings) {
      const body = new FormData();
      body.append('image', new Blob([png], { type: 'image/png' }), 'shot.png');
      body.append('meta', JSON.stringify(withValue(meta, field, 'a\u0000b')));
      const label = `form.meta.${field.join('.')}`;
      const res = await server.app.request(`/v1/sessions/${sessionId}/screenshots`, {
        method: 'POST',
        headers: { authorization: `Bearer ${customer}` },
        body,
      });
      const problem = await expectRefused(res, label);
      expect({ label, code: problem.code, paths: problem.errors?.map((e) => e.path) }).toEqual({
        label,
        code: 'invalid-text',
        paths: [['form.meta', ...field].join('.')],
      });
    }
    const stored = await server.handle.db.selectFrom('screenshots').select('id').execute();
    expect(stored).toEqual([]);
  });
});
