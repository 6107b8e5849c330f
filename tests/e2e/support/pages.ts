// Driving the demo pages (the customer widget and the staff console) with playwright-core: shared by
// the end-to-end test and the call setup benchmark (bench/call-setup).
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';

/** JavaScript a page has loaded so far: url → gzip size. */
export type Loaded = Map<string, number>;

/** Opens `url` in a new page of `context`, logging page errors, failed requests and console errors. */
export async function openPage(
  context: BrowserContext,
  url: string,
  options: { quiet?: boolean } = {},
): Promise<{ page: Page; js: Loaded }> {
  const page = await context.newPage();
  const js: Loaded = new Map();
  page.on('request', (req) => {
    if (process.env.E2E_TRACE && req.method() === 'POST') console.error(`[post] ${url} ${req.url()}`);
  });
  page.on('response', async (res) => {
    if (!res.url().endsWith('.js')) return;
    try {
      js.set(res.url(), gzipSync(await res.body(), { level: 9 }).length);
    } catch {
      // body gone (navigation); not counted
    }
  });
  page.on('pageerror', (e) => console.error(`[page error] ${url} ${e.message}`));
  if (!options.quiet) {
    page.on('response', async (res) => {
      if (res.status() >= 400 && !res.url().endsWith('favicon.ico')) {
        console.error(
          `[http ${res.status()}] ${res.request().method()} ${res.url()} ${await res.text().catch(() => '')}`,
        );
      }
    });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning')
        console.error(`[console ${m.type()}] ${url} ${m.text()}`);
    });
  }
  await page.goto(url);
  return { page, js };
}

/** In-page source of `findIn(root, selector)`: the first match, searched through every shadow root. */
export const findIn = `const findIn = (root, selector) => {
  const hit = root.querySelector(selector);
  if (hit) return hit;
  for (const el of root.querySelectorAll('*')) {
    const inner = el.shadowRoot && findIn(el.shadowRoot, selector);
    if (inner) return inner;
  }
  return null;
};`;

/** In-page source of `find(root)`: the page's `sightline-video-call`, searched through shadow roots. */
export const findCall = `${findIn}
const find = (root) => findIn(root, 'sightline-video-call');`;

/**
 * Waits until the page's call exists (it loads on demand) and its remote <video> presents frames,
 * and returns how many advanced.
 */
export function remoteFramesAdvance(page: Page): Promise<number> {
  return page.evaluate(`(async () => {
    ${findCall}
    let video;
    for (const until = Date.now() + 20000; !video && Date.now() < until; ) {
      video = find(document)?.shadowRoot?.querySelector('[part="remote-video"]');
      if (!video) await new Promise((r) => setTimeout(r, 50));
    }
    if (!video) throw new Error('no remote video element');
    const frames = [];
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('remote frames did not advance: ' + frames)), 20000);
      const tick = (_, meta) => {
        frames.push(meta.presentedFrames);
        if (frames.length >= 5) {
          clearTimeout(timer);
          resolve();
        } else video.requestVideoFrameCallback(tick);
      };
      video.requestVideoFrameCallback(tick);
    });
    return frames[frames.length - 1] - frames[0];
  })()`) as Promise<number>;
}

/**
 * Resolves with the time (`Date.now()`, the same clock as Node's on this machine) at which the
 * page's call first presents a remote video frame, or `null` after `timeoutMs`. Starts watching
 * before the call exists; follows the remote stream when it is replaced.
 */
export function firstRemoteFrameAt(page: Page, timeoutMs: number): Promise<number | null> {
  return page.evaluate(`(async () => {
    ${findCall}
    const deadline = Date.now() + ${timeoutMs};
    while (Date.now() < deadline) {
      const video = find(document)?.shadowRoot?.querySelector('[part="remote-video"]');
      if (video?.srcObject?.getVideoTracks().length) {
        const at = await new Promise((resolve) => {
          const timer = setTimeout(() => resolve(null), 250);
          video.requestVideoFrameCallback(() => {
            clearTimeout(timer);
            resolve(Date.now());
          });
        });
        if (at !== null) return at;
      } else {
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    return null;
  })()`) as Promise<number | null>;
}

/** Runs a function with the page's active call transport (`sightline-video-call.activeTransport`). */
export function withTransport<T>(page: Page, fn: string): Promise<T> {
  return page.evaluate(`(async () => {
    ${findCall}
    const transport = find(document).activeTransport;
    return (${fn})(transport);
  })()`) as Promise<T>;
}

/** Staff sign in on the console page (demo credentials prefilled) and see the inbox. */
export async function signInStaff(agent: Page): Promise<void> {
  await agent.locator('#sign-in button[type="submit"]').click();
  await agent
    .locator('sightline-session-inbox nav[part="list"], sightline-session-inbox [role="status"]')
    .first()
    .waitFor();
}

/** The customer fills in a request on the widget (declining recording, VS-10); submit separately. */
export async function fillRequest(customer: Page, reason: string): Promise<void> {
  await customer.locator('sightline-request-flow #reason').fill(reason);
  await customer.locator('sightline-request-flow input[name="consent"][value="denied"]').check();
}

/** The customer submits the filled-in request and sees it requested. */
export async function submitRequest(customer: Page): Promise<void> {
  await customer.locator('sightline-request-flow [part="submit"]').click();
  await customer.locator('sightline-request-flow [data-status="requested"]').waitFor();
}

/** Staff open the request (by its reason) in the inbox and confirm it; the customer sees it. */
export async function confirmRequest(
  agent: Page,
  customer: Page,
  reason: string,
  options: { appearWithinMs?: number } = {},
): Promise<void> {
  const item = agent.locator('sightline-session-inbox [part="item"]', { hasText: reason });
  await item.waitFor(options.appearWithinMs ? { timeout: options.appearWithinMs } : {});
  await item.click();
  await agent.locator('sightline-session-inbox [part="details"] [data-action="confirm"]').click();
  await agent.locator('sightline-session-inbox [part="details"][data-status="confirmed"]').waitFor();
  await customer.locator('sightline-request-flow [data-status="confirmed"]').waitFor();
}

/** Press Start on the console (staff) or the widget (customer). */
export const startCall = {
  agent: (page: Page) =>
    page.locator('sightline-session-inbox [part="details"] [data-action="start-call"]').click(),
  customer: (page: Page) => page.locator('sightline-request-flow [data-action="start-call"]').click(),
};

/** What the page's call element shows: its connection, failure, problem and the start of its text. */
export function shownCall(page: Page): Promise<Record<string, unknown>> {
  return page
    .locator('sightline-video-call')
    .first()
    .evaluate((el) => {
      const call = el as HTMLElement & { failure?: string; problem?: { title?: string; detail?: string } };
      return {
        connection: el.getAttribute('connection'),
        failure: call.failure,
        problem: call.problem?.detail ?? call.problem?.title,
        text: (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 300),
      };
    })
    .catch((e: Error) => ({ unavailable: e.message.split('\n')[0] }));
}

/**
 * Waits for the page's call to connect; on a timeout the error says what the call element shows
 * instead ({@link shownCall}), so a failed run names where the call stopped.
 */
export async function callConnected(page: Page, timeout = 20_000): Promise<void> {
  try {
    await page.locator('sightline-video-call[connection="connected"]').waitFor({ timeout });
  } catch (error) {
    const shown = await shownCall(page);
    throw new Error(`the call did not connect within ${timeout} ms: ${JSON.stringify(shown)}`, {
      cause: error,
    });
  }
}
