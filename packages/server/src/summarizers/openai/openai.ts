import { z } from '@hono/zod-openapi';
import { issueTypes } from '@sightline/core/domain';
import type { Summarizer, SummaryInput, SummaryResult } from '../summarizer.js';
import { SummarizerError } from '../summarizer.js';

/** What the model must answer: the summary without its language (that is the organization's). */
export const ModelAnswer = z.strictObject({
  title: z.string().trim().min(1).max(200),
  problem: z.string().trim().min(1).max(4000),
  steps: z.array(z.string().trim().min(1).max(1000)).max(50),
  resolution: z.string().trim().min(1).max(4000),
  followUps: z.array(z.string().trim().min(1).max(1000)).max(50),
  issueType: z.enum(issueTypes as ['other']),
  applications: z.array(z.string().trim().min(1).max(100)).max(30),
  devices: z.array(z.string().trim().min(1).max(100)).max(30),
});

const LANGUAGE_NAMES = { en: 'English', de: 'German', es: 'Spanish', pt: 'Portuguese' } as const;

/** The JSON schema sent as `response_format` (servers that support structured output honour it). */
const JSON_SCHEMA = z.toJSONSchema(ModelAnswer);

export interface OpenAiOptions {
  url: string;
  model: string;
  apiKey?: string | undefined;
  timeoutMs: number;
  /** Attempts in all (first + retries). */
  attempts?: number;
  /** Base of the exponential backoff, ms. */
  backoffMs?: number;
  fetch?: typeof fetch;
}

/** The chat-completions URL from a base with or without `/v1`. */
export function completionsUrl(base: string): string {
  const trimmed = base.replace(/\/+$/, '');
  if (trimmed.endsWith('/chat/completions')) return trimmed;
  return /\/v\d+$/.test(trimmed) ? `${trimmed}/chat/completions` : `${trimmed}/v1/chat/completions`;
}

/** The prompt: instructions, then the session as compact text. */
export function promptOf(input: SummaryInput): { system: string; user: string } {
  const language = LANGUAGE_NAMES[input.language];
  const system = [
    'You summarize remote video support sessions for a support team.',
    `Write title, problem, steps, resolution and follow-ups in ${language}.`,
    'When you quote the customer or the agent, keep the quote in the language it was spoken.',
    `issueType is one of: ${issueTypes.join(', ')}. applications and devices list products named or involved.`,
    'Answer with one JSON object only, with exactly the keys: title, problem, steps, resolution, followUps, issueType, applications, devices.',
  ].join(' ');
  const lines = [
    `Request reason: ${input.reason}`,
    `Device: ${input.device.name}. Portal: ${input.portal.name}.`,
    input.ticketLinks.length ? `Linked tickets: ${input.ticketLinks.join(', ')}` : '',
    'Timeline:',
    ...input.timeline.map((e) => `- ${e.at} ${e.kind}${e.detail ? ` ${JSON.stringify(e.detail)}` : ''}`),
    'Conversation:',
    ...input.messages.map(
      (m) => `[${m.at}] ${m.kind === 'note' ? 'NOTE ' : ''}${m.author} ${m.authorName}: ${m.text}`,
    ),
  ];
  return { system, user: lines.filter(Boolean).join('\n') };
}

/** The JSON object in a model's text: bare, or inside a Markdown code fence. */
export function extractJson(text: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  const body = (fenced?.[1] ?? text).trim();
  const start = body.indexOf('{');
  const end = body.lastIndexOf('}');
  if (start < 0 || end <= start) throw new SyntaxError('no JSON object in the answer');
  return JSON.parse(body.slice(start, end + 1));
}

/** `Retry-After` in seconds or as an HTTP date, capped at a minute; undefined when absent. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isFinite(ms) ? Math.min(60_000, Math.max(0, ms)) : undefined;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(signal.reason);
    });
  });

/**
 * An OpenAI-compatible chat-completions provider (Ollama, llama.cpp's server, vLLM, hosted
 * services): structured output requested with a JSON schema (a server that refuses it is asked for
 * a JSON object instead), the answer validated with zod, a timeout per attempt, and retries with
 * exponential backoff and jitter on 429, 5xx, timeouts and invalid answers (honouring
 * `Retry-After`). Gives up with a {@link SummarizerError}.
 */
export function createOpenAiSummarizer(options: OpenAiOptions): Summarizer {
  const doFetch = options.fetch ?? fetch;
  const attempts = options.attempts ?? 3;
  const backoffMs = options.backoffMs ?? 500;
  const url = completionsUrl(options.url);
  let structured = true;

  async function attempt(input: SummaryInput, signal?: AbortSignal): Promise<SummaryResult> {
    const { system, user } = promptOf(input);
    const body = {
      model: options.model,
      temperature: 0,
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: user },
      ],
      response_format: structured
        ? { type: 'json_schema', json_schema: { name: 'summary', strict: true, schema: JSON_SCHEMA } }
        : { type: 'json_object' },
    };
    const timeout = AbortSignal.timeout(options.timeoutMs);
    let res: Response;
    try {
      res = await doFetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
        },
        body: JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      throw new SummarizerError(`The summary model did not answer: ${(error as Error).message}`, true, {
        cause: error,
      });
    }
    if (res.status === 400 && structured) {
      // Servers without structured output refuse `json_schema`: ask for a JSON object instead.
      structured = false;
      throw new SummarizerError(
        'The summary model refused structured output; retrying with JSON mode.',
        true,
      );
    }
    if (!res.ok) {
      const retryable = res.status === 429 || res.status >= 500;
      const err = new SummarizerError(`The summary model answered ${res.status}.`, retryable);
      (err as SummarizerError & { retryAfterMs?: number }).retryAfterMs = retryAfterMs(
        res.headers.get('retry-after'),
      );
      throw err;
    }
    try {
      const json = (await res.json()) as { choices?: { message?: { content?: string } }[] };
      const content = json.choices?.[0]?.message?.content ?? '';
      const parsed = ModelAnswer.safeParse(extractJson(content));
      if (!parsed.success) {
        throw new SummarizerError(
          `The summary model's answer does not fit the schema: ${parsed.error.message}`,
          true,
        );
      }
      return { ...parsed.data, language: input.language };
    } catch (error) {
      if (error instanceof SummarizerError) throw error;
      throw new SummarizerError(`The summary model's answer is not JSON: ${(error as Error).message}`, true, {
        cause: error,
      });
    }
  }

  return {
    name: `openai:${options.model}`,
    async summarize(input, signal) {
      let last: SummarizerError | undefined;
      for (let i = 0; i < attempts; i++) {
        try {
          return await attempt(input, signal);
        } catch (error) {
          last = error as SummarizerError;
          if (!last.retryable || i === attempts - 1 || signal?.aborted) break;
          const hinted = (last as SummarizerError & { retryAfterMs?: number }).retryAfterMs;
          await sleep(hinted ?? backoffMs * 2 ** i * (0.5 + Math.random()), signal);
        }
      }
      throw last ?? new SummarizerError('The summary model failed.', false);
    },
  };
}
