/**
 * `--trace` for the call-setup benchmark (run.ts): where a round's time went on each side. An init
 * script, added to both browser contexts before the pages load, notes with the epoch clock (so both
 * pages and the benchmark compare) when each side asked for the camera or microphone and got it, each
 * HTTP request and its answer, each LiveKit signal WebSocket's opening and messages, and each
 * RTCPeerConnection's descriptions, connection states and remote tracks. The page's code is not
 * changed: the script wraps the browser's own functions.
 */
import type { BrowserContext, Page } from 'playwright-core';

/** One noted step: epoch milliseconds and what happened. */
export type TraceEntry = [at: number, what: string];

const INIT = `(() => {
  const entries = (window.__setupTrace = []);
  const note = (what) => entries.push([Math.round(performance.timeOrigin + performance.now()), what]);
  // Clicks as the page gets them (the benchmark's own note comes when Playwright's click returns).
  addEventListener('click', (e) => {
    const target = e.composedPath()[0];
    const action = target && target.closest && target.closest('[data-action]');
    note('click ' + (action ? action.getAttribute('data-action') : (target && target.tagName)));
  }, true);
  // What moved on the page (a button that moves while Playwright aims at it is clicked later).
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const moved = (e.sources || []).map((s) => {
        const n = s.node;
        if (!n || !n.getAttribute) return n ? n.nodeName : '?';
        const part = n.getAttribute('part') || n.getAttribute('data-action') || n.getAttribute('class') || '';
        return n.nodeName.toLowerCase() + (part ? '[' + part + ']' : '') + ' ' + Math.round(s.previousRect.y) + '→' + Math.round(s.currentRect.y);
      });
      note('layout shift ' + e.value.toFixed(3) + ': ' + moved.join(', '));
    }
  }).observe({ type: 'layout-shift', buffered: true });
  // When the call's camera button appears and is enabled, checked on each animation frame.
  const callIn = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.localName === 'sightline-video-call') return el;
      const inner = el.shadowRoot && el.localName.startsWith('sightline-') ? callIn(el.shadowRoot) : null;
      if (inner) return inner;
    }
    return null;
  };
  let cameraButton = '';
  const watchCamera = () => {
    const call = document.body && callIn(document.body);
    const button = call && call.shadowRoot && call.shadowRoot.querySelector('[data-action="camera"]');
    const r = button && button.getBoundingClientRect();
    const c = call && call.getBoundingClientRect();
    const at = r
      ? ' at ' + Math.round(r.x) + ',' + Math.round(r.y) + ' (call at ' + Math.round(c.y) + ', ' + Math.round(c.height) + ' high; scrolled ' + Math.round(scrollY) + ')'
      : '';
    const state = (button ? (button.disabled ? 'disabled' : 'enabled') : call ? 'none' : '') + at;
    if (state !== cameraButton) note('camera button ' + (state || 'no call'));
    cameraButton = state;
    requestAnimationFrame(watchCamera);
  };
  requestAnimationFrame(watchCamera);
  const devices = navigator.mediaDevices;
  if (devices && devices.getUserMedia) {
    const getUserMedia = devices.getUserMedia.bind(devices);
    devices.getUserMedia = async (constraints) => {
      const kinds = ['audio', 'video'].filter((k) => constraints && constraints[k]).join('+');
      note('getUserMedia ' + kinds);
      try {
        const stream = await getUserMedia(constraints);
        note('getUserMedia done ' + kinds);
        return stream;
      } catch (e) {
        note('getUserMedia failed ' + e.name);
        throw e;
      }
    };
  }
  const path = (url) => new URL(url, location.href).pathname.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id');
  const fetch = window.fetch;
  window.fetch = async (input, init) => {
    const url = typeof input === 'string' || input instanceof URL ? String(input) : input.url;
    const method = (init && init.method) || (input && input.method) || 'GET';
    const what = method + ' ' + path(url);
    note(what);
    const response = await fetch(input, init);
    note(response.status + ' ' + what);
    return response;
  };
  const Socket = window.WebSocket;
  window.WebSocket = class extends Socket {
    constructor(...args) {
      super(...args);
      let n = 0;
      note('websocket ' + path(args[0]));
      this.addEventListener('open', () => note('websocket open'));
      this.addEventListener('message', (e) => {
        if (++n <= 40) note('websocket message ' + n + ' (' + (e.data.byteLength ?? e.data.length) + ' B)');
      });
    }
  };
  const ids = new WeakMap();
  const idOf = (pc) => {
    if (!ids.has(pc)) {
      const id = 'pc' + (ids.size ?? 0) + Math.floor(Math.random() * 1000);
      ids.set(pc, id);
      pc.addEventListener('connectionstatechange', () => note(id + ' ' + pc.connectionState));
      pc.addEventListener('track', (e) => note(id + ' track ' + e.track.kind));
    }
    return ids.get(pc);
  };
  const proto = RTCPeerConnection.prototype;
  for (const name of ['setLocalDescription', 'setRemoteDescription', 'createOffer', 'createAnswer']) {
    const original = proto[name];
    proto[name] = async function (...args) {
      const id = idOf(this);
      const type = (args[0] && args[0].type) || '';
      note(id + ' ' + name + ' ' + type);
      const out = await original.apply(this, args);
      note(id + ' ' + name + ' done ' + (type || (out && out.type) || ''));
      return out;
    };
  }
})();`;

/** Adds the tracing script to a browser context (before its pages open). */
export const traceContext = (context: BrowserContext) => context.addInitScript(INIT);

/** What a page noted so far ([] where the script did not run). */
export const traceOf = (page: Page): Promise<TraceEntry[]> =>
  page
    .evaluate(() => (window as unknown as { __setupTrace?: TraceEntry[] }).__setupTrace ?? [])
    .catch(() => []);

/** Both sides' notes as one timeline in ms since `since` (the second Start), each marked with its side. */
export function timeline(since: number, sides: Record<string, TraceEntry[]>): string[] {
  return Object.entries(sides)
    .flatMap(([side, entries]) => entries.map(([at, what]) => [at, `${side}: ${what}`] as const))
    .filter(([at]) => at >= since - 3_000)
    .sort((a, b) => a[0] - b[0])
    .map(([at, what]) => `${String(at - since).padStart(6)} ${what}`);
}
