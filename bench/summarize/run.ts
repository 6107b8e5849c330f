// Built-in summarizer (SI-7): a generated 2-hour session log — about 700 chat lines from both sides
// in the four languages, staff notes, 4 calls, 30 screenshots with annotations — summarized N times
// in process (no network, no model). Writes p50/p95/max ms and the input size to
// bench/results/summarize.json. Target: p95 under 200 ms.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { summarizeBuiltin } from '../../packages/server/src/summarizers/builtin/builtin.js';
import type { SummaryInput, SummaryTimelineEntry } from '../../packages/server/src/summarizers/summarizer.js';
import { FIXTURES } from '../../packages/server/src/summarizers/testing/fixtures.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const TARGET_P95_MS = 200;
const MESSAGES = 700;
const start = Date.parse('2026-03-02T09:00:00Z');
const at = (ms: number) => new Date(start + ms).toISOString();
const TWO_HOURS = 2 * 3600_000;

// A deterministic generator: lines drawn from realistic conversations, varied by a counter.
let seed = 42;
const next = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

function sessionLog(): SummaryInput {
  const pool = Object.values(FIXTURES).flatMap((f) => f.messages);
  const messages = Array.from({ length: MESSAGES }, (_, i) => {
    const base = pool[Math.floor(next() * pool.length)]!;
    const note = i % 25 === 0;
    return {
      ...base,
      kind: note ? ('note' as const) : ('chat' as const),
      author: note ? ('staff' as const) : i % 2 ? ('staff' as const) : ('customer' as const),
      at: at((i / MESSAGES) * TWO_HOURS),
      text: `${base.text} (${i})`,
    };
  });
  const calls = Array.from({ length: 4 }, (_, i) => ({
    id: `cal_${i}`,
    startedAt: at(i * 30 * 60_000),
    endedAt: at(i * 30 * 60_000 + 20 * 60_000),
    transport: i % 2 ? 'livekit' : 'p2p',
  }));
  const timeline: SummaryTimelineEntry[] = [{ at: at(0), kind: 'requested' }];
  for (const c of calls) {
    timeline.push({
      at: c.startedAt,
      kind: 'call-started',
      detail: { callId: c.id, transport: c.transport },
    });
    timeline.push({ at: c.endedAt, kind: 'call-ended', detail: { callId: c.id, seconds: 1200 } });
  }
  for (let i = 0; i < 30; i++) {
    timeline.push({ at: at(i * 4 * 60_000), kind: 'screenshot' });
    timeline.push({ at: at(i * 4 * 60_000 + 30_000), kind: 'annotation' });
  }
  timeline.push({ at: at(TWO_HOURS), kind: 'completed' });
  timeline.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return { ...FIXTURES.en, calls, timeline, messages, completedAt: at(TWO_HOURS) };
}

const input = sessionLog();
const inputBytes = Buffer.byteLength(JSON.stringify(input));
summarizeBuiltin(input); // warm-up: loads the language model and stopword lists once
const times: number[] = [];
let result = summarizeBuiltin(input);
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  result = summarizeBuiltin(input);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const q = (p: number) =>
  Number(times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!.toFixed(1));
const out = {
  benchmark: 'built-in summarizer over a 2-hour session log',
  runs: RUNS,
  input: {
    messages: input.messages.length,
    notes: input.messages.filter((m) => m.kind === 'note').length,
    calls: input.calls.length,
    screenshots: 30,
    timelineEntries: input.timeline.length,
    bytes: inputBytes,
  },
  ms: { p50: q(0.5), p95: q(0.95), max: Number(times.at(-1)!.toFixed(1)) },
  targetP95Ms: TARGET_P95_MS,
  pass: q(0.95) < TARGET_P95_MS,
  sample: { title: result.title, issueType: result.issueType, steps: result.steps.length },
  machine: { cpus: os.cpus().length, node: process.version, platform: process.platform },
};
writeFileSync(
  fileURLToPath(new URL('../results/summarize.json', import.meta.url)),
  `${JSON.stringify(out, null, 2)}\n`,
);
console.log(JSON.stringify(out, null, 2));
if (!out.pass) process.exitCode = 1;
