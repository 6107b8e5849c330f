import { codesOf, PROBLEM_TYPES, type ProblemCode } from '../problems/catalog.js';

type Json = Record<string, unknown>;

const PROBLEM_REF = '#/components/schemas/Problem';
const TYPE_BASE = 'https://sightline.dev/problems/';

/** The problem schema of one status: a `Problem` whose code is one of `codes`. */
function typedProblem(status: number, codes: readonly ProblemCode[]): Json {
  return {
    description: `A problem answered with status ${status}: one of ${codes.map((c) => `\`${c}\``).join(', ')}.`,
    allOf: [
      { $ref: PROBLEM_REF },
      {
        type: 'object',
        required: ['type', 'code'],
        properties: {
          type: { type: 'string', enum: codes.map((c) => `${TYPE_BASE}${c}`) },
          code: { type: 'string', enum: codes },
          status: { type: 'integer', const: status },
        },
      },
    ],
  };
}

const pascal = (tag: string) =>
  tag
    .split(/[^a-z0-9]+/i)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

/**
 * Names the problem types of every problem response in the document: a 409 of a `teams` operation
 * that carries a plain `Problem` becomes a `Problem` whose `code` (and `type`) is one of the
 * catalog's codes for 409 that any operation or a `teams` operation can answer, and its
 * description lists them with what they mean. Generated clients can switch on the code; the
 * conformance check of the test suite (./problem-conformance.ts) and property-based testers hold
 * every answer to it.
 */
export function typeProblems(root: Json): void {
  root.components ??= {};
  const components = root.components as { schemas?: Record<string, Json> };
  components.schemas ??= {};
  for (const item of Object.values((root.paths ?? {}) as Record<string, Json>)) {
    for (const value of Object.values(item)) {
      const op = value as Json | undefined;
      const tags = (op?.tags ?? []) as string[];
      const responses = op?.responses as Record<string, Json> | undefined;
      for (const [status, response] of Object.entries(responses ?? {})) {
        const media = (response.content as Record<string, Json> | undefined)?.['application/problem+json'];
        const codes = codesOf(Number(status), tags);
        if (!media || (media.schema as Json | undefined)?.$ref !== PROBLEM_REF || codes.length === 0)
          continue;
        // One schema per status and set of codes, named by the tags that add codes of their own
        // (`Problem409Teams`), so operations alike share it.
        const own = tags.filter(
          (t) => codesOf(Number(status), [t]).length > codesOf(Number(status), []).length,
        );
        const name = `Problem${status}${own.map(pascal).join('')}`;
        components.schemas[name] ??= typedProblem(Number(status), codes);
        media.schema = { $ref: `#/components/schemas/${name}` };
        const listed = codes.map((c) => `\`${c}\` (${PROBLEM_TYPES[c].summary})`).join('; ');
        response.description = `${response.description ?? ''}. Problem types: ${listed}`.replace(/^\. /, '');
      }
    }
  }
}
