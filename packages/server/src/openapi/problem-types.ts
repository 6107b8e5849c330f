import { codesOf, PROBLEM_TYPES, type ProblemCode } from '../problems/catalog.js';

type Json = Record<string, unknown>;

const PROBLEM_REF = '#/components/schemas/Problem';
const TYPE_BASE = 'https://sightline.dev/problems/';

/** The problem schema of one status of one operation: a `Problem` whose code is one of `codes`. */
function typedProblem(status: number, codes: readonly ProblemCode[]): Json {
  return {
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

/**
 * Names the problem types of every problem response in the document: a 409 of a `teams` operation
 * that carries a plain `Problem` becomes a `Problem` whose `code` (and `type`) is one of the
 * catalog's codes for 409 that any operation or a `teams` operation can answer, and its
 * description lists them with what they mean. Generated clients can switch on the code; the
 * conformance check of the test suite (./problem-conformance.ts) and property-based testers hold
 * every answer to it.
 */
export function typeProblems(root: Json): void {
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
        media.schema = typedProblem(Number(status), codes);
        const listed = codes.map((c) => `\`${c}\` (${PROBLEM_TYPES[c].summary})`).join('; ');
        response.description = `${response.description ?? ''}. Problem types: ${listed}`.replace(/^\. /, '');
      }
    }
  }
}
