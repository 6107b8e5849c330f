import { readableTextPattern } from '@sightline/core/domain';
import { regexes } from 'zod';
import { servesRetainedData } from '../retention/gone.js';
import { typeProblems } from './problem-types.js';

type Json = Record<string, unknown>;

const PROBLEM = { $ref: '#/components/schemas/Problem' };
const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: PROBLEM } },
});

/**
 * What every operation can answer because of the middleware in front of it, added to the document
 * where a route did not name it, so the contract lists every status a route can give:
 * - 400: any operation with parameters or a body — the text guard refuses control characters and
 *   invalid Unicode before the route runs, and validation refuses the rest;
 * - 401 and 403: any operation that needs a token (the integration gate refuses tokens what they
 *   are not granted);
 * - 410: any operation serving session data the retention job deletes (retention/gone.ts);
 * - 413: any operation with a body (the body limit); 415: any with a required body (sent as another type).
 * Email fields of answers state the same address rule as inputs. Every problem response then names
 * its problem types from the catalog (./problem-types.ts).
 * Text inputs (strings of parameters and request bodies without a format, enum or pattern of their
 * own) get the text guard's rule as a `pattern`, and email inputs the address rule the server
 * applies, so generated clients and property-based testers know them.
 */
export function completeDocument<T>(doc: T): T {
  const root = doc as Json;
  const components = ((root.components as Json | undefined)?.schemas ?? {}) as Record<string, Json>;
  const seen = new Set<Json>();
  const readable = (schema: unknown): void => {
    if (!schema || typeof schema !== 'object' || seen.has(schema as Json)) return;
    const s = schema as Json;
    seen.add(s);
    if (typeof s.$ref === 'string') {
      readable(components[s.$ref.replace('#/components/schemas/', '')]);
      return;
    }
    const types = Array.isArray(s.type) ? s.type : [s.type];
    if (types.includes('string') && !s.format && !s.enum && !s.pattern && s.const === undefined) {
      s.pattern = readableTextPattern;
    }
    // An email input follows the server's address rule (zod's), which differs from JSON Schema's
    // `email` format both ways: the pattern states the rule, the format would contradict it.
    if (types.includes('string') && s.format === 'email' && !s.pattern) {
      s.pattern = regexes.email.source;
      delete s.format;
      s.description ??= 'An email address.';
    }
    for (const key of ['items', 'additionalProperties', 'not']) readable(s[key]);
    for (const key of ['allOf', 'anyOf', 'oneOf', 'prefixItems']) {
      if (Array.isArray(s[key])) for (const part of s[key] as unknown[]) readable(part);
    }
    if (s.properties && typeof s.properties === 'object') {
      for (const value of Object.values(s.properties as Json)) readable(value);
    }
  };

  for (const [path, item] of Object.entries((root.paths ?? {}) as Record<string, Json>)) {
    for (const [method, value] of Object.entries(item)) {
      if (!['get', 'put', 'post', 'patch', 'delete'].includes(method) || !value) continue;
      const op = value as Json;
      op.responses ??= {};
      const responses = op.responses as Json;
      const parameters = (op.parameters ?? []) as Json[];
      const body = op.requestBody as Json | undefined;
      if ((parameters.length > 0 || body) && !responses['400']) {
        responses['400'] = problemResponse('Malformed or invalid request');
      }
      if (Array.isArray(op.security) && op.security.length > 0) {
        responses['401'] ??= problemResponse('Missing or invalid credentials');
        // The integration gate refuses integration tokens any operation not granted to them.
        responses['403'] ??= problemResponse(
          'The caller may not do this (an integration token: not granted)',
        );
      }
      if (servesRetainedData(path) && !responses['410'])
        responses['410'] = problemResponse('The session’s data is past its retention period and was deleted');
      if (body && !responses['413']) responses['413'] = problemResponse('Request body too large');
      if (body?.required && !responses['415'])
        responses['415'] = problemResponse('The body is not of a type the operation takes');
      for (const parameter of parameters) readable(parameter.schema);
      const content = (body?.content ?? {}) as Record<string, Json>;
      for (const media of Object.values(content)) readable(media.schema);
    }
  }
  // Answers carry the addresses the server accepted: every email field states the same rule.
  const emails = (schema: unknown, seen = new Set<unknown>()): void => {
    if (!schema || typeof schema !== 'object' || seen.has(schema)) return;
    seen.add(schema);
    const s = schema as Json;
    if (s.format === 'email' && !s.pattern) {
      s.pattern = regexes.email.source;
      delete s.format;
      s.description ??= 'An email address.';
    }
    for (const value of Object.values(s)) emails(value, seen);
  };
  emails(components);
  typeProblems(root);
  return doc;
}
