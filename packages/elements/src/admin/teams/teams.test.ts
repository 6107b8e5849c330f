import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { $, DEMO, destroyInstances, find, staff, text, type } from '../../testing/fixtures.js';
import './teams.js';
import './team-settings.js';
import type { SightlineAdminTeams } from './teams.component.js';

const unique = (what: string) => `${what} ${Math.random().toString(36).slice(2, 8)}`;
afterEach(() => destroyInstances());

describe('<sightline-admin-teams>', () => {
  it('creates a team and a sub-team, renames, sets team settings with inherit, deletes moving members (MC-3, MC-5)', async () => {
    const manager = await staff(DEMO.managerEmail);
    const el = await fixture<SightlineAdminTeams>(
      html`<sightline-admin-teams .sightline=${manager}></sightline-admin-teams>`,
    );
    await find(el, 'ul.tree');
    await expect(el).to.be.accessible();
    const name = unique('Service');

    $<HTMLButtonElement>(el, '[data-action="new-team"]')!.click();
    await find(el, 'dialog#team-form[open]');
    type($<HTMLInputElement>(el, '#team-name')!, name);
    $<HTMLButtonElement>(el, '#team-form [data-action="save"]')!.click();
    const item = await find(el, `li[data-name="${name}"]`);
    const parentId = item.getAttribute('data-team')!;

    // A sub-team under it, then an agent in the sub-team.
    (item.querySelector('[data-action="add-sub-team"]') as HTMLButtonElement).click();
    await find(el, 'dialog#team-form[open]');
    expect($<HTMLSelectElement>(el, '#team-parent')!.value).to.equal(parentId);
    type($<HTMLInputElement>(el, '#team-name')!, `${name} sub`);
    $<HTMLButtonElement>(el, '#team-form [data-action="save"]')!.click();
    const sub = await find(el, `li[data-name="${name} sub"]`);
    const subId = sub.getAttribute('data-team')!;
    await manager.api.POST('/v1/users', {
      body: {
        email: `${unique('a').replace(' ', '')}@example.test`,
        password: 'a-long-enough-password',
        role: 'agent',
        teamId: subId,
      },
    });

    // Settings: screenshots off for the team, with what is in effect and from where.
    (item.querySelector('[data-action="settings"]') as HTMLButtonElement).click();
    await find(el, 'dialog#team-settings[open]');
    const settings = await find(el, 'sightline-admin-team-settings');
    await find(settings, 'tr[data-setting="screenshots"]');
    await expect(el).to.be.accessible();
    ($(settings, 'tr[data-setting="screenshots"] input[value="off"]') as HTMLInputElement).click();
    $<HTMLButtonElement>(settings, '[data-action="save-settings"]')!.click();
    await waitUntil(() => text(settings).includes('Settings saved.'), 'settings not saved');
    expect($(settings, 'tr[data-setting="screenshots"] td.effective')?.textContent).to.include(
      `Off — from team ${name}`,
    );
    expect($(settings, 'tr[data-setting="chat"] td.effective')?.textContent).to.include(
      'On — from the default',
    );
    const stored = await manager.api.GET('/v1/teams/{id}/settings', { params: { path: { id: parentId } } });
    expect(stored.data!.settings.screenshots).to.equal(false);
    expect(stored.data!.settings.chat).to.equal(null);
    ($(el, 'dialog#team-settings') as HTMLDialogElement).close();

    // Delete the sub-team: its agent moves to the parent.
    (sub.querySelector('[data-action="delete"]') as HTMLButtonElement).click();
    await find(el, 'dialog#team-delete[open]');
    expect($<HTMLSelectElement>(el, '#move-to')!.value).to.equal(parentId);
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[data-action="confirm-delete"]')!.click();
    await waitUntil(() => text(el).includes('1 agent and 0 sub-teams moved to'), 'no delete notice');
    expect($(el, `li[data-team="${subId}"]`)).to.equal(null);
  });
});
