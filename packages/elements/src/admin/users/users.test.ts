import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Sightline } from '../../shared/sdk.js';
import { $, DEMO, destroyInstances, find, staff, text, type } from '../../testing/fixtures.js';
import './users.js';
import './user-import.js';
import type { SightlineAdminUserImport } from './user-import.component.js';
import type { SightlineAdminUsers } from './users.component.js';

const unique = (what: string) => `${what}-${Math.random().toString(36).slice(2, 8)}`;

async function usersOf(sightline: Sightline, lang = 'en'): Promise<SightlineAdminUsers> {
  const el = await fixture<SightlineAdminUsers>(
    html`<sightline-admin-users lang=${lang} .sightline=${sightline}></sightline-admin-users>`,
  );
  await find(el, 'table');
  return el;
}

function field(el: Element, id: string): HTMLInputElement {
  return $<HTMLInputElement>(el, `#user-form #${id}`) as HTMLInputElement;
}

function submit(el: Element): void {
  $<HTMLButtonElement>(el, '#user-form [data-action="save"]')!.click();
}

afterEach(() => destroyInstances());

describe('<sightline-admin-users>', () => {
  it('lists users, creates an agent (per-field errors first), and is axe clean in each state (MC-1, MC-2)', async () => {
    const manager = await staff(DEMO.managerEmail);
    const el = await usersOf(manager);
    expect($(el, `tr[data-email="${DEMO.agentEmail}"]`)).to.not.equal(null);
    await expect(el).to.be.accessible();

    $<HTMLButtonElement>(el, '[data-action="new-user"]')!.click();
    const dialog = await find<HTMLDialogElement>(el, 'dialog#user-form[open]');
    await waitUntil(
      () => el.shadowRoot!.activeElement === field(el, 'firstName'),
      'focus did not move into the dialog',
    );
    await expect(el).to.be.accessible();

    // The server's per-field errors land next to their fields.
    const email = `${unique('ada')}@example.test`;
    type(field(el, 'email'), 'not an email');
    type(field(el, 'password'), 'short');
    submit(el);
    await waitUntil(() => $(el, '#user-form #email-error'), 'no email error');
    expect(field(el, 'email').getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#user-form #password-error')).to.not.equal(null);
    expect($(el, '#user-form .alert')?.getAttribute('data-status')).to.equal('400');
    await expect(el).to.be.accessible();

    type(field(el, 'firstName'), 'Ada');
    type(field(el, 'lastName'), 'Lovelace');
    type(field(el, 'email'), email);
    type(field(el, 'password'), 'a-long-enough-password');
    const team = $<HTMLSelectElement>(el, '#user-form #teamId')!;
    team.value = team.options[1]!.value;
    ($(el, '#user-form input[name="rights"][value="reports.run"]') as HTMLInputElement).checked = true;
    submit(el);
    await waitUntil(() => !dialog.open, 'dialog did not close');
    await waitUntil(() => $(el, `tr[data-email="${email}"]`), 'new user not listed');
    expect(text(el)).to.include('Ada Lovelace was created.');
    expect($(el, `tr[data-email="${email}"]`)?.textContent).to.include('Run reports');
  });

  it('sends If-Match: a change made elsewhere meanwhile is refused (412), reloaded and told (MC-2)', async () => {
    const manager = await staff(DEMO.managerEmail);
    const email = `${unique('grace')}@example.test`;
    const teams = await manager.api.GET('/v1/teams');
    const created = await manager.api.POST('/v1/users', {
      body: {
        email,
        password: 'a-long-enough-password',
        role: 'agent',
        firstName: 'Grace',
        teamId: teams.data!.items[0]!.id,
      },
    });
    const id = created.data!.id;
    const el = await usersOf(manager);
    $<HTMLButtonElement>(el, `tr[data-user="${id}"] [data-action="edit"]`)!.click();
    await find(el, 'dialog#user-form[open]');

    // Someone else renames her in the meantime.
    const fresh = await manager.api.GET('/v1/users/{id}', { params: { path: { id } } });
    await manager.api.PATCH('/v1/users/{id}', {
      params: { path: { id }, header: { 'if-match': fresh.response.headers.get('etag') ?? undefined } },
      body: { lastName: 'Hopper' },
    });

    type(field(el, 'lastName'), 'Brewster');
    submit(el);
    await waitUntil(() => $(el, '#user-form .alert[data-status="412"]'), 'no 412 shown');
    expect(text(el)).to.include('Someone else changed this');
    await waitUntil(() => field(el, 'lastName').value === 'Hopper', 'form not reloaded');
    await expect(el).to.be.accessible();

    // Saving again, on the reloaded version, works.
    type(field(el, 'lastName'), 'Brewster');
    submit(el);
    await waitUntil(() => text(el).includes('was saved'), 'second save failed');

    // Delete, confirmed in an alert dialog.
    $<HTMLButtonElement>(el, `tr[data-user="${id}"] [data-action="delete"]`)!.click();
    await find(el, 'dialog#user-delete[open]');
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[data-action="confirm-delete"]')!.click();
    await waitUntil(() => !$(el, `tr[data-user="${id}"]`), 'deleted user still listed');
  });

  it('speaks German', async () => {
    const manager = await staff(DEMO.managerEmail);
    const el = await usersOf(manager, 'de');
    expect(text(el)).to.include('Benutzer');
    expect(text(el)).to.include('Neuer Benutzer');
  });
});

describe('<sightline-admin-user-import>', () => {
  it('lists every bad row with its line and imports nothing; a dry run then the import (MC-4)', async () => {
    const manager = await staff(DEMO.managerEmail);
    const el = await fixture<SightlineAdminUserImport>(
      html`<sightline-admin-user-import .sightline=${manager}></sightline-admin-user-import>`,
    );
    const textarea = await find<HTMLTextAreaElement>(el, '#csv-text');
    const team = unique('Import team');
    const email = `${unique('lin')}@example.test`;
    const header = 'parent team,team,user id,first name,last name,password,screen name,custom field';
    type(
      textarea,
      `${header}\n,${team},bad-email,Lin,Li,a-long-enough-password,Lin,\n,${team},${email},Lin,Li,short,Lin,\n`,
    );
    $<HTMLButtonElement>(el, '[data-action="import"]')!.click();
    await find(el, '[part="errors"] tr[data-line="3"]');
    expect($(el, '[part="errors"] tr[data-line="2"]')).to.not.equal(null);
    expect(text(el)).to.include('2 rows have problems');
    await expect(el).to.be.accessible();
    const none = await manager.api.GET('/v1/users', { params: { query: { q: email } } });
    expect(none.data!.items).to.have.length(0);

    type(textarea, `${header}\n,${team},${email},Lin,Li,a-long-enough-password,Lin,\n`);
    $<HTMLButtonElement>(el, '[data-action="check"]')!.click();
    await find(el, '[part="result"][data-dry-run="true"]');
    expect(text(el)).to.include('1 user and 1 new team would be created');
    const changes: string[] = [];
    el.addEventListener('sightline-admin-change', (e) => changes.push(e.detail.resource));
    $<HTMLButtonElement>(el, '[data-action="import"]')!.click();
    await find(el, '[part="result"][data-dry-run="false"]');
    expect(changes).to.deep.equal(['users', 'teams']);
    await expect(el).to.be.accessible();
    const one = await manager.api.GET('/v1/users', { params: { query: { q: email } } });
    expect(one.data!.items).to.have.length(1);
  });
});
