import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { $, DEMO, destroyInstances, find, staff, text, type } from '../../testing/fixtures.js';
import './api-keys.js';
import type { SightlineAdminApiKeys } from './api-keys.component.js';

afterEach(() => destroyInstances());

describe('<sightline-admin-api-keys>', () => {
  it('creates a key shown once (it works, then revoked it does not) (MC-1)', async () => {
    const manager = await staff(DEMO.managerEmail);
    const el = await fixture<SightlineAdminApiKeys>(
      html`<sightline-admin-api-keys .sightline=${manager}></sightline-admin-api-keys>`,
    );
    await find(el, 'table');
    $<HTMLButtonElement>(el, '[data-action="new-key"]')!.click();
    await find(el, 'dialog#key-form[open]');
    const name = `HR ${Math.random().toString(36).slice(2, 8)}`;
    type($<HTMLInputElement>(el, '#key-name')!, name);
    $<HTMLButtonElement>(el, '[data-action="create"]')!.click();
    const secret = await find(el, 'dialog#key-secret[open] [data-field="secret"]');
    const key = secret.textContent!.trim();
    expect(key).to.match(/^slk_/);
    await expect(el).to.be.accessible();
    const works = await fetch(`${manager.baseUrl}/v1/teams`, { headers: { authorization: `Bearer ${key}` } });
    expect(works.status).to.equal(200);
    $<HTMLButtonElement>(el, 'dialog#key-secret .primary')!.click();
    // Once its dialog closes, the secret is gone from the page.
    await waitUntil(() => $(el, '[data-field="secret"]')?.textContent?.trim() === '', 'secret still shown');

    const row = await find(el, `tr[data-name="${name}"]`);
    (row.querySelector('[data-action="revoke"]') as HTMLButtonElement).click();
    await find(el, 'dialog#key-revoke[open]');
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[data-action="confirm-revoke"]')!.click();
    await waitUntil(() => $(el, `tr[data-name="${name}"][data-status="revoked"]`), 'not revoked');
    expect(text(el)).to.include(`${name} was revoked.`);
    const refused = await fetch(`${manager.baseUrl}/v1/teams`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(refused.status).to.equal(401);
  });
});
