import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { openApiDocument } from '../openapi/docs.js';
import type { DeferredTarget } from './deferred-input.js';

/** What an operation of the contract reads (which inputs its route validates) and answers. */
export interface OperationInputs {
  /** Inputs the route validates, whose problems it raises itself (http/deferred-input.ts). */
  validated: ReadonlySet<DeferredTarget>;
  /** The contract requires a JSON body. */
  jsonRequired: boolean;
  /** The operation's tags (which problem types it can answer besides everyone's). */
  tags: readonly string[];
  /** Statuses the contract documents a problem document for. */
  problemStatuses: ReadonlySet<number>;
}

interface Entry extends OperationInputs {
  method: string;
  path: RegExp;
}

interface OperationObject {
  tags?: string[];
  responses?: Record<string, { content?: Record<string, unknown> }>;
  parameters?: Array<{ in?: string }>;
  requestBody?: { required?: boolean; content?: Record<string, unknown> };
}

/**
 * The contract's operations as path patterns with the inputs each validates, read from the
 * OpenAPI document when first asked (after every route is registered).
 */
export class ContractInputs {
  #entries: Entry[] | undefined;
  constructor(private readonly app: OpenAPIHono<AppEnv>) {}

  #table(): Entry[] {
    if (this.#entries) return this.#entries;
    const doc = openApiDocument(this.app) as { paths?: Record<string, Record<string, unknown>> };
    const out: Entry[] = [];
    for (const [template, item] of Object.entries(doc.paths ?? {})) {
      const pattern = template
        .split('/')
        .map((s) => (s.startsWith('{') ? '[^/]+' : s.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
        .join('/');
      for (const [method, value] of Object.entries(item)) {
        const op = value as OperationObject;
        const validated = new Set<DeferredTarget>();
        for (const p of op.parameters ?? []) {
          if (p.in === 'path') validated.add('param');
          if (p.in === 'query') validated.add('query');
        }
        const json = op.requestBody?.content?.['application/json'] !== undefined;
        if (json) validated.add('json');
        if (op.requestBody?.content?.['multipart/form-data'] !== undefined) validated.add('form');
        out.push({
          method: method.toUpperCase(),
          path: new RegExp(`^${pattern}$`),
          validated,
          jsonRequired: json && op.requestBody?.required === true,
          tags: op.tags ?? [],
          problemStatuses: new Set(
            Object.entries(op.responses ?? {})
              .filter(([, r]) => r.content?.['application/problem+json'] !== undefined)
              .map(([status]) => Number(status)),
          ),
        });
      }
    }
    // A literal segment wins over a parameter, as in the router (`/v1/reports/saved` before `{kind}`).
    const params = (e: Entry) => (e.path.source.match(/\[\^\/\]\+/g) ?? []).length;
    out.sort((a, b) => params(a) - params(b));
    this.#entries = out;
    return out;
  }

  /** The operation answering `method` on `path`, if the contract has one. */
  of(method: string, path: string): OperationInputs | undefined {
    const upper = method.toUpperCase();
    return this.#table().find((e) => e.method === upper && e.path.test(path));
  }
}
