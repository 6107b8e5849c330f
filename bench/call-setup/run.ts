/**
 * Call setup reliability benchmark (VS-9): how often a support call gets video both ways, and how
 * fast, when customer and staff press Start at nearly the same time — the timing that used to leave
 * about one peer-to-peer call in seven without video.
 *
 * Starts the reference server (demo seed, embedded PostgreSQL) in its own process and drives the
 * demo pages like people do, in two Chromium contexts with the fake camera: the customer requests
 * on the widget (access code DEMO-0001), staff confirm in the console, then both press Start —
 * customer first and staff 0–500 ms later, the reverse, or one side joining a call the other has
 * been in for 1–3 s. Staff turn their camera on as soon as its button is enabled after Start (it is
 * off by default; `cameraClickedMs`, from their Start, in each round's results). A round
 * succeeds when both sides present a remote video frame within 15 s of the second Start.
 *
 * Run: `npm run bench:call-setup` (options: `--rounds 50`, `--livekit-rounds 20`, `--seed 1`,
 * `--trace`: each round's steps on both sides, see trace.ts; `--livekit-defaults`: livekit-server
 * with its own defaults instead of packages/server/livekit.yaml).
 * LiveKit rounds run when a livekit-server is available (LIVEKIT_SERVER_BIN, a built one in
 * .cache/bin, or Go to build it). Writes bench/results/call-setup.json.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { chromeArgs, chromePath } from '../../scripts/chrome.mjs';
import { startLiveKit } from '../../scripts/livekit.mjs';
import { startTestServer } from '../../scripts/test-server.mjs';
import {
  confirmRequest,
  fillRequest,
  findCall,
  firstRemoteFrameAt,
  openPage,
  shownCall,
  signInStaff,
  startCall,
  submitRequest,
  withTransport,
} from '../../tests/e2e/support/pages.js';
import { type TraceEntry, timeline, traceContext, traceOf } from './trace.js';

const root = new URL('../..', import.meta.url).pathname;
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const ROUNDS = Number(arg('--rounds') ?? 50);
const LIVEKIT_ROUNDS = Number(arg('--livekit-rounds') ?? 20);
/** `--trace`: each round's steps on both sides, printed and kept in the results (trace.ts). */
const TRACE = process.argv.includes('--trace');
/** `--livekit-defaults`: livekit-server without the configuration the product ships. */
const LIVEKIT_DEFAULTS = process.argv.includes('--livekit-defaults');
const TIMEOUT_MS = 15_000;

// A small seeded generator, so a run's delays can be repeated.
let seed = Number(arg('--seed') ?? Date.now() % 2 ** 31);
const firstSeed = seed;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

type Side = 'customer' | 'staff';
type Scenario = 'customer-first' | 'staff-first' | 'customer-joins-running' | 'staff-joins-running';

/** 2 of 5 rounds customer first, 2 staff first, 1 joining a running call (alternating sides). */
function scenarioOf(round: number): Scenario {
  const kind = round % 5;
  if (kind === 0 || kind === 2) return 'customer-first';
  if (kind === 1 || kind === 3) return 'staff-first';
  return Math.floor(round / 5) % 2 ? 'staff-joins-running' : 'customer-joins-running';
}

interface RoundResult {
  round: number;
  scenario: Scenario;
  /** Between the two Start presses. */
  delayMs: number;
  ok: boolean;
  /** From the second Start until both sides presented a remote frame. */
  bothWaysMs?: number;
  /** From the second Start until staff saw the customer's video. */
  staffSeesCustomerMs?: number;
  /** From the second Start until the customer saw staff's video (includes turning the camera on). */
  customerSeesStaffMs?: number;
  /** From staff's Start until their click on the camera button returned. */
  cameraClickedMs?: number;
  diagnostics?: { customer: unknown; staff: unknown };
  error?: string;
  /** With `--trace`: both sides' steps, in ms since the second Start. */
  trace?: string[];
}

/**
 * The side's connection as the round ends; for a round that failed, also what its video path shows:
 * the camera as the side's state has it, the track it sends, and what its receiver got (for a side
 * that never presented the other's frames: no track, a muted one, or frames received but none decoded).
 */
const diagnosticsOf = (page: Page, failed: boolean) =>
  withTransport<unknown>(
    page,
    `async (t) => {
      if (!t || !t.diagnostics) return undefined;
      const pc = t.diagnostics.peerConnection;
      const out = {
        initiator: t.diagnostics.initiator,
        offersSent: t.diagnostics.negotiation?.offersSent,
        collisions: t.diagnostics.negotiation?.collisions,
        rebuilds: t.diagnostics.rebuilds,
        iceRestarts: t.diagnostics.iceRestarts,
        staleSignals: t.diagnostics.staleSignals,
        ice: pc?.iceConnectionState,
      };
      if (!${failed} || !pc) return out;
      let media;
      t.localMedia$.subscribe((m) => { media = m; }).unsubscribe();
      const video = pc.getTransceivers().filter((x) => x.receiver.track.kind === 'video');
      const stats = [...(await pc.getStats()).values()];
      return {
        ...out,
        cameraEnabled: media?.cameraEnabled,
        signaling: pc.signalingState,
        video: video.map((x) => ({
          direction: x.direction,
          current: x.currentDirection,
          sending: x.sender.track ? x.sender.track.readyState : null,
          receiving: x.receiver.track.readyState,
          receivingMuted: x.receiver.track.muted,
        })),
        inbound: stats.filter((r) => r.type === 'inbound-rtp' && r.kind === 'video')
          .map((r) => ({ packets: r.packetsReceived, decoded: r.framesDecoded })),
        outbound: stats.filter((r) => r.type === 'outbound-rtp' && r.kind === 'video')
          .map((r) => ({ packets: r.packetsSent, encoded: r.framesEncoded })),
      };
    }`,
  ).catch((e: Error) => ({ unavailable: e.message }));

async function runRound(browser: Browser, url: string, round: number, label: string): Promise<RoundResult> {
  const scenario = scenarioOf(round);
  const joinsRunning = scenario.endsWith('joins-running');
  const first: Side =
    scenario === 'customer-first' || scenario === 'staff-joins-running' ? 'customer' : 'staff';
  const delayMs = Math.round(joinsRunning ? 1_000 + random() * 2_000 : random() * 500);
  const customerContext = await browser.newContext();
  const staffContext = await browser.newContext();
  if (TRACE) await Promise.all([traceContext(customerContext), traceContext(staffContext)]);
  const result: RoundResult = { round, scenario, delayMs, ok: false };
  const bench: TraceEntry[] = [];
  try {
    const { page: customer } = await openPage(customerContext, `${url}/examples/widget/`, { quiet: true });
    const { page: staff } = await openPage(staffContext, `${url}/examples/console/`, { quiet: true });
    await signInStaff(staff);
    const reason = `Setup bench ${label} round ${round} ${Date.now()}`;
    await fillRequest(customer, reason);
    await submitRequest(customer);
    await confirmRequest(staff, customer, reason);

    const watchMs = delayMs + TIMEOUT_MS + 2_000;
    const customerFrame = firstRemoteFrameAt(customer, watchMs);
    const staffFrame = firstRemoteFrameAt(staff, watchMs);
    let cameraOn: Promise<void> = Promise.resolve();
    const press = async (side: Side) => {
      bench.push([Date.now(), `${side} presses Start`]);
      if (side === 'customer') return startCall.customer(customer);
      const pressedAt = Date.now();
      await startCall.agent(staff);
      // As soon as the button is enabled (the call has its transport), checked on each animation
      // frame: Playwright's own wait for an enabled button checks with a back-off (up to 0.5 s
      // between checks), which is not the product's time.
      cameraOn = staff
        .evaluate(`(async () => {
          ${findCall}
          for (const until = Date.now() + ${TIMEOUT_MS}; Date.now() < until; ) {
            const b = find(document)?.shadowRoot?.querySelector('[data-action="camera"]');
            if (b && !b.disabled) return;
            await new Promise((r) => requestAnimationFrame(r));
          }
          throw new Error('the camera button was never enabled');
        })()`)
        .then(() =>
          staff.locator('sightline-video-call [data-action="camera"]').click({ timeout: TIMEOUT_MS }),
        )
        .then(() => {
          result.cameraClickedMs = Date.now() - pressedAt;
          bench.push([Date.now(), 'staff camera clicked']);
        });
      // Read after the round (`cameraError`, with what each call shows): a button never enabled
      // fails the round instead of ending the run as an unhandled rejection.
      cameraOn.catch(() => undefined);
    };
    const firstAt = Date.now();
    await press(first);
    await new Promise((r) => setTimeout(r, Math.max(0, delayMs - (Date.now() - firstAt))));
    const secondAt = Date.now();
    await press(first === 'customer' ? 'staff' : 'customer');
    result.delayMs = secondAt - firstAt;
    const [atCustomer, atStaff] = await Promise.all([customerFrame, staffFrame]);
    const cameraError = await cameraOn.then(
      () => undefined,
      (e: Error) => e.message.split('\n')[0],
    );
    const since = (at: number | null) => (at === null ? undefined : Math.max(0, at - secondAt));
    const staffSeesCustomerMs = since(atStaff);
    const customerSeesStaffMs = since(atCustomer);
    if (staffSeesCustomerMs !== undefined) result.staffSeesCustomerMs = staffSeesCustomerMs;
    if (customerSeesStaffMs !== undefined) result.customerSeesStaffMs = customerSeesStaffMs;
    result.ok =
      staffSeesCustomerMs !== undefined &&
      customerSeesStaffMs !== undefined &&
      Math.max(staffSeesCustomerMs, customerSeesStaffMs) <= TIMEOUT_MS;
    if (result.ok) result.bothWaysMs = Math.max(staffSeesCustomerMs ?? 0, customerSeesStaffMs ?? 0);
    result.diagnostics = {
      customer: await diagnosticsOf(customer, !result.ok),
      staff: await diagnosticsOf(staff, !result.ok),
    };
    // A failed round: what each call element shows as failed (a camera that would not open, …).
    if (!result.ok)
      for (const [side, page] of [
        ['customer', customer],
        ['staff', staff],
      ] as const)
        result.diagnostics[side] = {
          ...(result.diagnostics[side] as object | undefined),
          shown: await shownCall(page),
        };
    if (cameraError) result.error = `staff camera: ${cameraError}`;
    if (TRACE) {
      if (atCustomer !== null) bench.push([atCustomer, 'customer presents staff video']);
      if (atStaff !== null) bench.push([atStaff, 'staff presents customer video']);
      result.trace = timeline(secondAt, {
        bench,
        customer: await traceOf(customer),
        staff: await traceOf(staff),
      });
      console.log(result.trace.join('\n'));
    }
  } catch (error) {
    result.error = (error as Error).message.split('\n')[0] ?? String(error);
  } finally {
    await customerContext.close();
    await staffContext.close();
  }
  return result;
}

function percentile(values: number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function summarize(results: RoundResult[]) {
  const ok = results.filter((r) => r.ok);
  const times = (pick: (r: RoundResult) => number | undefined) =>
    ok.map(pick).filter((v): v is number => v !== undefined);
  const stats = (values: number[]) => ({
    p50: percentile(values, 0.5),
    p95: percentile(values, 0.95),
    max: percentile(values, 1),
  });
  const byScenario: Record<string, { ok: number; rounds: number }> = {};
  for (const r of results) {
    byScenario[r.scenario] ??= { ok: 0, rounds: 0 };
    byScenario[r.scenario]!.rounds += 1;
    byScenario[r.scenario]!.ok += r.ok ? 1 : 0;
  }
  const sum = (key: string) =>
    results.reduce((total, r) => {
      for (const side of [r.diagnostics?.customer, r.diagnostics?.staff]) {
        const value = (side as Record<string, unknown> | undefined)?.[key];
        if (typeof value === 'number') total += value;
      }
      return total;
    }, 0);
  return {
    rounds: results.length,
    ok: ok.length,
    byScenario,
    bothWaysMs: stats(times((r) => r.bothWaysMs)),
    staffSeesCustomerMs: stats(times((r) => r.staffSeesCustomerMs)),
    customerSeesStaffMs: stats(times((r) => r.customerSeesStaffMs)),
    cameraClickedMs: stats(times((r) => r.cameraClickedMs)),
    collisions: sum('collisions'),
    rebuilds: sum('rebuilds'),
    iceRestarts: sum('iceRestarts'),
  };
}

async function runSeries(browser: Browser, label: string, rounds: number, env: Record<string, string>) {
  const server = await startTestServer(env);
  const results: RoundResult[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      const r = await runRound(browser, server.url, round, label);
      results.push(r);
      const times = r.ok ? `both ways ${r.bothWaysMs} ms` : `FAILED ${r.error ?? ''}`;
      console.log(
        `[${label}] ${String(round + 1).padStart(2)}/${rounds} ${r.scenario} +${r.delayMs} ms: ${times}`,
      );
    }
  } finally {
    await server.stop();
  }
  return { summary: summarize(results), rounds: results };
}

function liveKitAvailable(): boolean {
  if (process.env.LIVEKIT_SERVER_BIN || existsSync(`${root}.cache/bin/livekit-server`)) return true;
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

execFileSync(process.execPath, ['scripts/build-examples.mjs'], { cwd: root, stdio: 'inherit' });
const browser = await chromium.launch({ executablePath: chromePath(), args: chromeArgs });
const started = Date.now();
try {
  const p2p = await runSeries(browser, 'p2p', ROUNDS, {});
  let livekit: Awaited<ReturnType<typeof runSeries>> | { skipped: string };
  if (LIVEKIT_ROUNDS > 0 && liveKitAvailable()) {
    const sfu = await startLiveKit({ defaults: LIVEKIT_DEFAULTS });
    try {
      livekit = await runSeries(browser, 'livekit', LIVEKIT_ROUNDS, sfu.env);
    } finally {
      await sfu.stop();
    }
  } else {
    livekit = { skipped: 'no livekit-server (LIVEKIT_SERVER_BIN, .cache/bin or Go) or --livekit-rounds 0' };
  }
  const report = {
    benchmark: 'call-setup (VS-9)',
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      node: process.version,
      chromium: browser.version(),
    },
    seed: firstSeed,
    livekitServer: LIVEKIT_DEFAULTS ? "livekit-server's defaults" : 'packages/server/livekit.yaml',
    successCriterion: `remote video frames presented on both sides within ${TIMEOUT_MS} ms of the second Start`,
    durationS: Math.round((Date.now() - started) / 1000),
    p2p,
    livekit,
  };
  // BENCH_OUT: elsewhere than the recorded results (a trial run).
  const file = process.env.BENCH_OUT ?? `${root}bench/results/call-setup.json`;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log('\nCall setup (ms from the second Start until remote frames on both sides):');
  for (const [label, series] of Object.entries({ p2p, livekit })) {
    if ('skipped' in series) {
      console.log(`  ${label}: skipped (${series.skipped})`);
      continue;
    }
    const s = series.summary;
    console.log(
      `  ${label}: ${s.ok}/${s.rounds} OK; both ways p50 ${s.bothWaysMs.p50} p95 ${s.bothWaysMs.p95} max ${s.bothWaysMs.max}; ` +
        `staff sees customer p50 ${s.staffSeesCustomerMs.p50} p95 ${s.staffSeesCustomerMs.p95}; ` +
        `staff camera clicked p50 ${s.cameraClickedMs.p50} p95 ${s.cameraClickedMs.p95} after their Start; ` +
        `collisions ${s.collisions}, rebuilds ${s.rebuilds}, ICE restarts ${s.iceRestarts}`,
    );
    console.log(`    ${JSON.stringify(s.byScenario)}`);
  }
  console.log(`wrote ${file}`);
} finally {
  await browser.close();
}
