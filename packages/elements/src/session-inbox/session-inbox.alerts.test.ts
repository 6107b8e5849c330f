import { expect, waitUntil } from '@open-wc/testing';
import { destroyInstances, find, forgetRemembered, staff, text } from '../testing/fixtures.js';
import './session-inbox.js';

import { inbox, item, request, unique } from './inbox-test-support.js';

// New-request alerts in the inbox (VS-3): a tone and a browser notification, only when asked to.

beforeEach(() => forgetRemembered());
afterEach(() => destroyInstances());

describe('<sightline-session-inbox> alerts', () => {
  it('alerts of new requests only when asked to: a tone and a browser notification — the OS notification replaced by a recording stand-in — remembered per staff member (VS-3)', async () => {
    const shown: { title: string; body?: string }[] = [];
    const original = window.Notification;
    class StandIn {
      static permission: NotificationPermission = 'default';
      static requestPermission = async () => {
        StandIn.permission = 'granted';
        return StandIn.permission;
      };
      constructor(title: string, options?: NotificationOptions) {
        shown.push({ title, ...(options?.body ? { body: options.body } : {}) });
      }
    }
    (window as unknown as { Notification: unknown }).Notification = StandIn;
    try {
      await request(unique('Already there'));
      const agent = await staff();
      const el = await inbox(agent);
      await waitUntil(() => !text(el).includes('Loading'), 'list never loaded');
      const toggle = await find<HTMLButtonElement>(el, '[data-action="alerts"]');
      expect(toggle.getAttribute('aria-pressed')).to.equal('false');
      // Off: a new request alerts nobody.
      const quiet = await request(unique('Quiet one'));
      await waitUntil(() => item(el, quiet.id), 'not listed', { timeout: 10_000 });
      expect(shown).to.deep.equal([]);
      toggle.click();
      await waitUntil(() => toggle.getAttribute('aria-pressed') === 'true', 'not turned on');
      expect(StandIn.permission).to.equal('granted');
      const reason = unique('Boiler beeps');
      const loud = await request(reason);
      await waitUntil(() => item(el, loud.id), 'not listed', { timeout: 10_000 });
      await waitUntil(() => shown.length === 1, 'no notification', { timeout: 10_000 });
      expect(shown[0]).to.deep.equal({ title: 'New support request', body: reason });
      // Remembered for this staff member: a new inbox starts with alerts on, and the requests
      // already listed do not alert again.
      el.remove();
      const again = await inbox(agent);
      await waitUntil(() => !text(again).includes('Loading'), 'list never loaded');
      expect((await find(again, '[data-action="alerts"]')).getAttribute('aria-pressed')).to.equal('true');
      await new Promise((r) => setTimeout(r, 500));
      expect(shown).to.have.length(1);
      await expect(again).to.be.accessible();
    } finally {
      (window as unknown as { Notification: unknown }).Notification = original;
      for (const key of Object.keys(localStorage))
        if (key.startsWith('sightline-request-alerts:')) localStorage.removeItem(key);
    }
  });
});
