// Test support for the inbox's browser tests: an inbox on the real server, a customer's request.
import { fixture, html } from '@open-wc/testing';
import type { Sightline, WireSession } from '../shared/sdk.js';
import { $, customer, find } from '../testing/fixtures.js';
import './session-inbox.js';
import type { SightlineSessionInbox } from './session-inbox.component.js';

export async function inbox(sightline: Sightline, lang = 'en'): Promise<SightlineSessionInbox> {
  const el = await fixture<SightlineSessionInbox>(
    html`<sightline-session-inbox lang=${lang} .sightline=${sightline}></sightline-session-inbox>`,
  );
  await find(el, '[part="badge"]');
  return el;
}

/** A request made by the demo customer, with a unique reason so tests never share data. */
export async function request(reason: string, ticketLinks: string[] = []): Promise<WireSession> {
  const c = await customer();
  const r = await c.sessions.create({ reason, ticketLinks, recordingConsent: 'denied' });
  if (r.error) throw new Error(r.error.title);
  return r.data;
}

export const unique = (what: string) => `${what} ${Math.random().toString(36).slice(2, 8)}`;
export const badgeCount = (el: Element) => Number($(el, '[part="badge"]')?.getAttribute('data-count'));
export const item = (el: Element, id: string) =>
  $<HTMLButtonElement>(el, `[part="item"][data-session="${id}"]`);

/**
 * The next `sightline-session-change` the inbox reports with `status`. The selected session can be
 * reported again in its old status first: the caller's capabilities arrive with the HTTP answer,
 * after the event that brought the session (seen in a CI run: `requested` before `confirmed`).
 */
export const changeTo = (el: Element, status: WireSession['status']) =>
  new Promise<WireSession & { cancelReason?: string }>((resolve) => {
    const on = (e: Event) => {
      const session = (e as CustomEvent<WireSession>).detail;
      if (session.status !== status) return;
      el.removeEventListener('sightline-session-change', on);
      resolve(session);
    };
    el.addEventListener('sightline-session-change', on);
  });
