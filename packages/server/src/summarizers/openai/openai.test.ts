import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SummarizerError } from '../summarizer.js';
import { FIXTURES } from '../testing/fixtures.js';
import { completionsUrl, createOpenAiSummarizer, retryAfterMs } from './openai.js';

type Reply = (
  req: { body: Record<string, unknown>; headers: IncomingMessage['headers'] },
  res: ServerResponse,
) => void;

const answer = {
  title: 'Outlook sync fixed',
  problem: 'Outlook stopped receiving mail.',
  steps: ['Restarted Outlook in safe mode'],
  resolution: 'Mail syncs again.',
  followUps: ['Check calendar sync tomorrow'],
  issueType: 'software',
  applications: ['Outlook'],
  devices: ["Dana's laptop"],
};
const completion = (content: string) =>
  JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] });
const ok =
  (content: string): Reply =>
  (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(completion(content));

// A real HTTP server speaking the chat/completions protocol, answering with a queue of replies.
let replies: Reply[] = [];
const seen: { path: string; body: Record<string, unknown>; auth?: string }[] = [];
const server = createServer((req, res) => {
  let raw = '';
  req.on('data', (c) => (raw += c));
  req.on('end', () => {
    const body = JSON.parse(raw) as Record<string, unknown>;
    seen.push({ path: req.url ?? '', body, auth: req.headers.authorization });
    const reply = replies.shift() ?? ((_r, s) => s.writeHead(500).end());
    reply({ body, headers: req.headers }, res);
  });
});
let base = '';
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  replies = [];
  seen.length = 0;
});

const summarizer = (extra: Partial<Parameters<typeof createOpenAiSummarizer>[0]> = {}) =>
  createOpenAiSummarizer({
    url: base,
    model: 'llama3.1',
    apiKey: 'sk-test',
    timeoutMs: 500,
    backoffMs: 5,
    ...extra,
  });
const failure = async (p: Promise<unknown>) => {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SummarizerError);
  return error as SummarizerError;
};

describe('OpenAI-compatible summarizer against a local fake OpenAI-compatible server', () => {
  it('summarizes: structured output requested, prompt in the summary language, result validated', async () => {
    replies = [ok(JSON.stringify(answer))];
    const result = await summarizer().summarize(FIXTURES.de);
    expect(result).toEqual({ ...answer, language: 'de' });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.path).toBe('/v1/chat/completions');
    expect(seen[0]!.auth).toBe('Bearer sk-test');
    const body = seen[0]!.body as {
      model: string;
      response_format: { type: string };
      messages: { content: string }[];
    };
    expect(body.model).toBe('llama3.1');
    expect(body.response_format.type).toBe('json_schema');
    expect(body.messages[0]!.content).toContain('in German');
    expect(body.messages[1]!.content).toContain('Fehler E42');
  });

  it('reads JSON inside a Markdown code fence', async () => {
    replies = [ok(`Here is the summary:\n\`\`\`json\n${JSON.stringify(answer)}\n\`\`\``)];
    expect((await summarizer().summarize(FIXTURES.en)).title).toBe('Outlook sync fixed');
  });

  it('retries an invalid answer and takes the next valid one', async () => {
    replies = [ok('I am sorry, I cannot do that.'), ok(JSON.stringify(answer))];
    expect((await summarizer().summarize(FIXTURES.en)).issueType).toBe('software');
    expect(seen).toHaveLength(2);
  });

  it('retries a 500 and succeeds; honours Retry-After on 429', async () => {
    replies = [
      (_r, res) => res.writeHead(500).end('boom'),
      (_r, res) => res.writeHead(429, { 'retry-after': '0' }).end(),
      ok(JSON.stringify(answer)),
    ];
    expect((await summarizer().summarize(FIXTURES.en)).title).toBe('Outlook sync fixed');
    expect(seen).toHaveLength(3);
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(new Date(Date.UTC(2026, 0, 1, 0, 0, 5)).toUTCString(), Date.UTC(2026, 0, 1))).toBe(
      5000,
    );
    expect(retryAfterMs('3600')).toBe(60_000);
  });

  it('gives up after three timeouts with a retryable error', async () => {
    const hang: Reply = (_r, res) => setTimeout(() => res.writeHead(200).end(completion('{}')), 400);
    replies = [hang, hang, hang];
    const error = await failure(summarizer({ timeoutMs: 100 }).summarize(FIXTURES.en));
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('did not answer');
    expect(seen).toHaveLength(3);
  });

  it('does not retry 401 and says so', async () => {
    replies = [(_r, res) => res.writeHead(401).end(), ok(JSON.stringify(answer))];
    const error = await failure(summarizer().summarize(FIXTURES.en));
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('401');
    expect(seen).toHaveLength(1);
  });

  it('rejects schema violations (unknown issue type, missing field, extra key) after the retries', async () => {
    replies = [
      ok(JSON.stringify({ ...answer, issueType: 'printer' })),
      ok(JSON.stringify({ ...answer, resolution: undefined })),
      ok(JSON.stringify({ ...answer, mood: 'happy' })),
    ];
    const error = await failure(summarizer().summarize(FIXTURES.en));
    expect(error.message).toContain('does not fit the schema');
    expect(seen).toHaveLength(3);
  });

  it('falls back to JSON mode when the server refuses json_schema', async () => {
    replies = [
      (_r, res) => res.writeHead(400).end('response_format not supported'),
      ok(JSON.stringify(answer)),
    ];
    expect((await summarizer().summarize(FIXTURES.en)).title).toBe('Outlook sync fixed');
    expect((seen[1]!.body.response_format as { type: string }).type).toBe('json_object');
  });

  it('accepts a base URL with or without /v1', () => {
    expect(completionsUrl('http://localhost:11434')).toBe('http://localhost:11434/v1/chat/completions');
    expect(completionsUrl('http://localhost:11434/v1/')).toBe('http://localhost:11434/v1/chat/completions');
    expect(completionsUrl('https://api.example/v1/chat/completions')).toBe(
      'https://api.example/v1/chat/completions',
    );
  });
});
