import { readableTextPattern } from '@sightline/core/domain';
import { describe, expect, it } from 'vitest';
import { completeDocument } from './complete.js';

/** What the edge can answer, added to the contract where routes did not name it (issue "Hardening"). */
describe('completeDocument', () => {
  const doc = () => ({
    openapi: '3.1.0',
    paths: {
      '/v1/things/{id}': {
        parameters: [],
        patch: {
          security: [{ bearerAuth: [] }],
          parameters: [{ name: 'id', in: 'path', schema: { type: 'string', maxLength: 200 } }],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Patch' } } },
          },
          responses: { 200: { description: 'ok' } },
        },
        get: { responses: { 200: { description: 'ok' } } },
      },
    },
    components: {
      schemas: {
        Patch: {
          type: 'object',
          properties: {
            name: { type: ['string', 'null'] },
            email: { type: 'string', format: 'email' },
            kind: { type: 'string', enum: ['a', 'b'] },
            tags: { type: 'array', items: { type: 'string' } },
            at: { type: 'string', format: 'date-time' },
          },
        },
      },
    },
  });

  it('documents 400, 401, 403, 413 and 415 where the edge answers them, and nothing where it cannot', () => {
    const out = completeDocument(doc());
    const patch = out.paths['/v1/things/{id}'].patch.responses as Record<string, unknown>;
    expect(Object.keys(patch).sort()).toEqual(['200', '400', '401', '403', '413', '415']);
    const get = out.paths['/v1/things/{id}'].get.responses as Record<string, unknown>;
    expect(Object.keys(get)).toEqual(['200']);
  });

  it('puts the text rule on text inputs, the address rule on emails, and leaves enums and formats alone', () => {
    const out = completeDocument(doc());
    const param = out.paths['/v1/things/{id}'].patch.parameters[0]!.schema as Record<string, unknown>;
    expect(param.pattern).toBe(readableTextPattern);
    const props = out.components.schemas.Patch.properties as Record<string, Record<string, unknown>>;
    expect(props.name!.pattern).toBe(readableTextPattern);
    expect((props.tags!.items as Record<string, unknown>).pattern).toBe(readableTextPattern);
    expect(props.email!.format).toBeUndefined();
    expect(new RegExp(props.email!.pattern as string).test('ada@example.com')).toBe(true);
    expect(new RegExp(props.email!.pattern as string).test('not an address')).toBe(false);
    expect(props.kind!.pattern).toBeUndefined();
    expect(props.at!.pattern).toBeUndefined();
    expect(new RegExp(readableTextPattern).test('line 1\nline 2\ttab')).toBe(true);
    expect(new RegExp(readableTextPattern).test('bell \u0007')).toBe(false);
  });
});
