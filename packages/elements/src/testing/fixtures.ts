// Test support for the element tests (not exported by the package): the real reference server that
// web-test-runner starts, SDK instances signed in as the demo users, and shadow-DOM helpers.
import { waitUntil } from '@open-wc/testing';
import { createSightline, type Sightline } from '../shared/sdk.js';

declare global {
  interface Window {
    /** The reference server's origin, set by web-test-runner.config.mjs. */
    SIGHTLINE_TEST_SERVER: string;
  }
}

export const DEMO = {
  accessCode: 'DEMO-0001',
  agentEmail: 'agent@demo.test',
  managerEmail: 'manager@demo.test',
  password: 'demo-password',
  deviceName: 'Boiler 12',
} as const;

export function serverUrl(): string {
  return window.SIGHTLINE_TEST_SERVER;
}

const instances: Sightline[] = [];

/** An SDK signed in as the demo agent (or another demo staff user). */
export async function staff(
  email: string = DEMO.agentEmail,
  options: { fetch?: typeof fetch } = {},
): Promise<Sightline> {
  const s = createSightline({ baseUrl: serverUrl(), ...options });
  instances.push(s);
  const r = await s.signIn(email, DEMO.password);
  if (r.error) throw new Error(`sign-in failed: ${r.error.title}`);
  return s;
}

/** An SDK signed in with the demo device's access code. */
export async function customer(options: { fetch?: typeof fetch } = {}): Promise<Sightline> {
  const s = createSightline({ baseUrl: serverUrl(), accessCode: DEMO.accessCode, ...options });
  instances.push(s);
  const r = await s.ready;
  if (r.error) throw new Error(`access code failed: ${r.error.title}`);
  return s;
}

/**
 * Forgets what the request flow and the inbox remember across reloads (the customer's request, the
 * session a tab had open), so a test starts without it. Call before each test too: an element of
 * the previous test may still write while it is being removed.
 */
export function forgetRemembered(): void {
  for (const key of Object.keys(localStorage))
    if (key.startsWith('sightline:request:')) localStorage.removeItem(key);
  for (const key of Object.keys(sessionStorage))
    if (key.startsWith('sightline:inbox:')) sessionStorage.removeItem(key);
}

/** Destroys every SDK instance made by the helpers (call in afterEach). */
export function destroyInstances(): void {
  for (const s of instances.splice(0)) s.destroy();
  forgetRemembered();
}

/** The first element matching `selector` in `host`'s shadow root. */
export function $<E extends Element = HTMLElement>(host: Element, selector: string): E | null {
  return host.shadowRoot?.querySelector<E>(selector) ?? null;
}

/** Waits until `selector` matches in `host`'s shadow root and returns the element. */
export async function find<E extends Element = HTMLElement>(
  host: Element,
  selector: string,
  message?: string,
): Promise<E> {
  await waitUntil(() => $(host, selector), message ?? `no ${selector}`, { timeout: 10_000 });
  return $<E>(host, selector) as E;
}

/**
 * The next `name` event on `target`, like `oneEvent`, but failing after `ms` with what was awaited
 * and, from `context()`, what the page shows then — an event that never comes fails the test
 * quickly and says where, instead of running into the test's timeout.
 */
export function eventWithin<T = unknown>(
  target: EventTarget,
  name: string,
  ms = 20_000,
  context: () => string = () => '',
): Promise<CustomEvent<T>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      target.removeEventListener(name, on);
      reject(new Error(`no ${name} within ${ms} ms ${context()}`.trim()));
    }, ms);
    const on = (e: Event) => {
      clearTimeout(timer);
      target.removeEventListener(name, on);
      resolve(e as CustomEvent<T>);
    };
    target.addEventListener(name, on);
  });
}

/** The visible text of `host`'s shadow root, whitespace collapsed. */
export function text(host: Element): string {
  return (host.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Sets a form control's value as typing would (fires `input`). */
export function type(control: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}
