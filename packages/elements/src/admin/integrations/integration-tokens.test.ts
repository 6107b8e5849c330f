import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { $, DEMO, destroyInstances, find, staff, text, type } from '../../testing/fixtures.js';
import './integration-tokens.js';
import type { SightlineAdminIntegrationTokens } from './integration-tokens.component.js';

afterEach(() => destroyInstances());

function check(el: Element, group: string, value: string): void {
  const box = $<HTMLInputElement>(el, `fieldset[data-field="${group}"] input[value="${value}"]`)!;
  box.checked = true;
}

describe('<sightline-admin-integration-tokens>', () => {
  it('shows the server’s problems beside the name and the scopes, then creates a portal-limited token shown once that works until revoked (SI-12)', async () => {
    const manager = await staff(DEMO.managerEmail);
    const el = await fixture<SightlineAdminIntegrationTokens>(
      html`<sightline-admin-integration-tokens .sightline=${manager}></sightline-admin-integration-tokens>`,
    );
    await waitUntil(() => $(el, 'table') || $(el, '.empty'), 'list not loaded');
    $<HTMLButtonElement>(el, '[data-action="new-token"]')!.click();
    await find(el, 'dialog#token-form[open]');
    // Nothing filled in: the 400's errors[].path land beside the name and the scopes.
    $<HTMLButtonElement>(el, '[data-action="create"]')!.click();
    await find(el, '#token-form #name-error');
    await find(el, '#token-form #scopes-error');
    expect($<HTMLInputElement>(el, '#token-name')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();

    const name = `CRM ${Math.random().toString(36).slice(2, 8)}`;
    type($<HTMLInputElement>(el, '#token-name')!, name);
    check(el, 'scopes', 'summaries:read');
    check(el, 'scopes', 'sessions:read');
    const portalBox = $<HTMLInputElement>(el, 'fieldset[data-field="portalIds"] input')!;
    portalBox.checked = true;
    const portalName = portalBox.closest('label')!.textContent!.trim();
    $<HTMLButtonElement>(el, '[data-action="create"]')!.click();

    const secret = await find(el, 'dialog#token-secret[open] [data-field="secret"]');
    const token = secret.textContent!.trim();
    expect(token).to.match(/^sli_/);
    expect(text(el)).to.include('You will not see it again');
    await expect(el).to.be.accessible();
    const me = await fetch(`${manager.baseUrl}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).to.equal(200);
    // Escape closes it, like Done; then the secret is nowhere on the page.
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !$(el, 'dialog#token-secret[open]'), 'secret dialog still open');
    await waitUntil(() => $(el, '[data-field="secret"]')?.textContent?.trim() === '', 'secret still shown');
    expect(el.shadowRoot!.innerHTML.includes(token)).to.equal(false);

    const row = await find(el, `tr[data-name="${name}"]`);
    expect(row.textContent).to.include('summaries:read');
    expect(row.textContent).to.include(`Portals: ${portalName}`);
    expect(row.dataset.status).to.equal('active');

    (row.querySelector('[data-action="revoke"]') as HTMLButtonElement).click();
    await find(el, 'dialog#token-revoke[open]');
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[data-action="confirm-revoke"]')!.click();
    await waitUntil(() => $(el, `tr[data-name="${name}"][data-status="revoked"]`), 'not revoked');
    // The notice follows the reloaded list (the row can show revoked a render before it).
    await waitUntil(() => text(el).includes(`${name} was revoked.`), 'no notice');
    expect($(el, `tr[data-name="${name}"] [data-action="revoke"]`)).to.equal(null);
    const refused = await fetch(`${manager.baseUrl}/v1/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(refused.status).to.equal(401);
  });

  it('speaks German when the page does', async () => {
    const manager = await staff(DEMO.managerEmail);
    const el = await fixture<SightlineAdminIntegrationTokens>(
      html`<sightline-admin-integration-tokens lang="de" .sightline=${manager}></sightline-admin-integration-tokens>`,
    );
    await waitUntil(() => text(el).includes('Integrations-Tokens'), 'not German');
  });
});
