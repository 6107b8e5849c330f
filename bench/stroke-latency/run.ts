/**
 * Stroke latency (VS-12): how long a pen point drawn on one side takes to be painted on the other —
 * over the call's data channel, on loopback, in the demo pages.
 *
 * Starts the reference server in its own process; the customer requests on the widget, staff
 * confirm in the console, both join a peer-to-peer call (Chromium's fake camera). Staff then draw
 * strokes on the customer's video with the real mouse (one point per 16 ms, like a 60 Hz pointer).
 * The staff page notes when each pointer event happened; the customer page notes every paint of the
 * overlay (its `data-points` count of painted points). A point's latency is the time from its pointer
 * event until the first paint on the other side that contains it. Both pages share the machine's
 * clock (`performance.timeOrigin + now`).
 *
 * Run: `npm run bench:stroke-latency` (options: `--strokes 5`, `--points 60`). Writes
 * bench/results/stroke-latency.json.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { chromium, type Page } from 'playwright-core';
import { chromeArgs, chromePath } from '../../scripts/chrome.mjs';
import { startTestServer } from '../../scripts/test-server.mjs';
import {
  confirmRequest,
  fillRequest,
  findIn,
  firstRemoteFrameAt,
  openPage,
  signInStaff,
  startCall,
  submitRequest,
} from '../../tests/e2e/support/pages.js';

const root = new URL('../..', import.meta.url).pathname;
const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const STROKES = arg('--strokes', 5);
const POINTS = arg('--points', 60);
const TARGET_P95_MS = 50;

/** In-page: the call's overlay canvas (in the AR layer, inside the call), searched through shadow roots. */
const overlayOf = `(() => {
  ${findIn}
  return findIn(document, 'canvas[part="overlay"]');
})()`;

/** Customer side: every paint of the overlay as [time, points painted]. */
async function watchPaints(page: Page): Promise<void> {
  // Polled with evaluate: the example pages' CSP (no 'unsafe-eval') refuses waitForFunction's string.
  const deadline = Date.now() + 30_000;
  while (!(await page.evaluate(`${overlayOf} !== null`))) {
    if (Date.now() > deadline) throw new Error('no overlay on the customer side');
    await new Promise((r) => setTimeout(r, 50));
  }
  await page.evaluate(`(() => {
    const canvas = ${overlayOf};
    window.__paints = [];
    new MutationObserver(() => {
      window.__paints.push([performance.timeOrigin + performance.now(), Number(canvas.dataset.points ?? 0)]);
    }).observe(canvas, { attributes: true, attributeFilter: ['data-points'] });
  })()`);
}

/** Staff side: the time of every pointer event of a stroke on the overlay, in order. */
async function watchPointer(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const canvas = ${overlayOf};
    window.__pointer = [];
    // Only the stroke's own events: a move with no button down (the pointer brought to the stroke's
    // start) draws nothing, and counted it would shift every point onto the event before its own.
    const note = (e) => {
      if (e.type === 'pointermove' && e.buttons === 0) return;
      window.__pointer.push([performance.timeOrigin + e.timeStamp, e.type]);
    };
    canvas.addEventListener('pointerdown', note, true);
    canvas.addEventListener('pointermove', note, true);
  })()`);
}

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

execFileSync(process.execPath, ['scripts/build-examples.mjs'], { cwd: root, stdio: 'ignore' });
const server = await startTestServer({});
const browser = await chromium.launch({ executablePath: chromePath(), args: chromeArgs });
const latencies: number[] = [];
const perStroke: { points: number; p50: number; p95: number; max: number }[] = [];
try {
  const customerContext = await browser.newContext();
  const staffContext = await browser.newContext();
  const { page: customer } = await openPage(customerContext, `${server.url}/examples/widget/`, {
    quiet: true,
  });
  const { page: staff } = await openPage(staffContext, `${server.url}/examples/console/`, { quiet: true });
  await signInStaff(staff);
  const reason = `Stroke latency ${Date.now()}`;
  await fillRequest(customer, reason);
  await submitRequest(customer);
  await confirmRequest(staff, customer, reason);
  // Staff draw on the customer's camera: the staff side must see it (staff's own camera stays off).
  const seen = firstRemoteFrameAt(staff, 20_000);
  await startCall.customer(customer);
  await startCall.agent(staff);
  if ((await seen) === null) throw new Error('staff never saw the video of the customer');

  await staff.locator('sightline-video-call [data-tool="pen"]').click();
  await watchPaints(customer);
  await watchPointer(staff);
  const canvas = staff.locator('sightline-video-call canvas[part="overlay"]');
  const box = await canvas.boundingBox();
  if (!box) throw new Error('no overlay on the staff side');

  for (let stroke = 0; stroke < STROKES; stroke++) {
    await staff.evaluate('window.__pointer.length = 0');
    await customer.evaluate('window.__paints.length = 0');
    const y = box.y + box.height * (0.2 + (0.6 * stroke) / Math.max(1, STROKES - 1));
    const x0 = box.x + box.width * 0.1;
    await staff.mouse.move(x0, y);
    await staff.mouse.down();
    for (let i = 1; i < POINTS; i++) {
      await staff.mouse.move(x0 + ((box.width * 0.8) / POINTS) * i, y + Math.sin(i / 6) * 10);
      await new Promise((r) => setTimeout(r, 16));
    }
    await staff.mouse.up();
    await new Promise((r) => setTimeout(r, 500));
    const sent = (await staff.evaluate('window.__pointer')) as [number, string][];
    const paints = (await customer.evaluate('window.__paints')) as [number, number][];
    // Earlier strokes still fading count towards the painted points: measure from this stroke's base.
    const base = paints.length ? Math.min(...paints.map(([, n]) => n)) - 1 : 0;
    const mine: number[] = [];
    sent.forEach(([at], k) => {
      const painted = paints.find(([t, n]) => n - base >= k + 1 && t >= at);
      if (painted) mine.push(painted[0] - at);
    });
    if (mine.length < sent.length * 0.9)
      throw new Error(`only ${mine.length} of ${sent.length} points were painted on the other side`);
    latencies.push(...mine);
    perStroke.push({
      points: mine.length,
      p50: Math.round(percentile(mine, 0.5) * 10) / 10,
      p95: Math.round(percentile(mine, 0.95) * 10) / 10,
      max: Math.round(percentile(mine, 1) * 10) / 10,
    });
    console.log(
      `stroke ${stroke + 1}/${STROKES}: ${mine.length} points, p50 ${perStroke.at(-1)!.p50} ms, p95 ${perStroke.at(-1)!.p95} ms`,
    );
    // Let the stroke fade (4 s) so the next one is counted on its own.
    await new Promise((r) => setTimeout(r, 4_500));
  }
  await customerContext.close();
  await staffContext.close();
} finally {
  await browser.close();
  await server.stop();
}

const round = (v: number) => Math.round(v * 10) / 10;
const summary = {
  points: latencies.length,
  p50Ms: round(percentile(latencies, 0.5)),
  p95Ms: round(percentile(latencies, 0.95)),
  maxMs: round(percentile(latencies, 1)),
  targetP95Ms: TARGET_P95_MS,
};
const out = {
  benchmark: 'stroke latency: pointer event on one side → painted on the other (VS-12)',
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model.trim(), node: process.version },
  transport: 'p2p (data channel), loopback',
  summary: { ...summary, withinTarget: summary.p95Ms <= TARGET_P95_MS },
  strokes: perStroke,
};
writeFileSync(`${root}bench/results/stroke-latency.json`, `${JSON.stringify(out, null, 2)}\n`);
console.log(
  `stroke latency: ${summary.points} points, p50 ${summary.p50Ms} ms, p95 ${summary.p95Ms} ms (target ≤ ${TARGET_P95_MS})`,
);
