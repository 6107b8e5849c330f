import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { $, DEMO, destroyInstances, find, serverUrl, staff, text, type } from '../../testing/fixtures.js';
import './devices.js';
import type { SightlineAdminDevices } from './devices.component.js';

afterEach(() => destroyInstances());

describe('<sightline-admin-devices>', () => {
  it('creates a device, then a code shown once with its QR code; the code works until revoked (VS-1, SI-3)', async () => {
    const manager = await staff(DEMO.managerEmail);
    const el = await fixture<SightlineAdminDevices>(
      html`<sightline-admin-devices .sightline=${manager}></sightline-admin-devices>`,
    );
    await find(el, 'table');
    await expect(el).to.be.accessible();
    const name = `Boiler ${Math.random().toString(36).slice(2, 8)}`;

    $<HTMLButtonElement>(el, '[data-action="new-device"]')!.click();
    await find(el, 'dialog#device-form[open]');
    $<HTMLButtonElement>(el, '#device-form [data-action="save"]')!.click();
    await waitUntil(() => $(el, '#device-form #name-error'), 'no name error');
    await expect(el).to.be.accessible();
    type($<HTMLInputElement>(el, '#device-name')!, name);
    const portal = $<HTMLSelectElement>(el, '#portalId')!;
    portal.value = portal.options[1]!.value;
    $<HTMLButtonElement>(el, '#device-form [data-action="save"]')!.click();

    // Straight to its access codes.
    await find(el, 'dialog#device-codes[open]');
    const codes = await find(el, 'sightline-admin-access-codes');
    // A new device has no codes yet.
    await find(codes, '.empty');
    $<HTMLButtonElement>(codes, '[data-action="create-code"]')!.click();
    const shown = await find(codes, '[data-field="code"]');
    const code = shown.textContent!.trim();
    expect($<HTMLImageElement>(codes, 'img[data-field="qr"]')!.alt).to.include('QR');
    await expect(el).to.be.accessible();
    const ok = await fetch(`${serverUrl()}/v1/auth/access-code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    expect(ok.status).to.equal(200);

    const row = await find(codes, 'tr[data-status="active"]');
    (row.querySelector('[data-action="revoke"]') as HTMLButtonElement).click();
    await waitUntil(() => text(codes).includes('The code was revoked.'), 'not revoked');
    expect($(codes, '[data-field="code"]')).to.equal(null);
    const refused = await fetch(`${serverUrl()}/v1/auth/access-code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    expect(refused.status).to.equal(401);
    await waitUntil(() => $(el, `tr[data-name="${name}"]`), 'device not listed');
  });
});
