import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../request-flow/request-flow.js';
import '../session-inbox/session-inbox.js';
import { $, DEMO, destroyInstances, find, serverUrl, staff, text } from '../testing/fixtures.js';
import './provider.js';
import type { SightlineProvider } from './provider.component.js';

afterEach(() => destroyInstances());

describe('<sightline-provider>', () => {
  it('gives its instance to the elements inside it (access code)', async () => {
    const provider = await fixture<SightlineProvider>(html`<sightline-provider
      base-url=${serverUrl()}
      access-code=${DEMO.accessCode}
      lang="en"
      ><sightline-request-flow></sightline-request-flow
    ></sightline-provider>`);
    expect(provider.sightline).to.not.equal(undefined);
    const flow = provider.querySelector('sightline-request-flow')!;
    await find(flow, 'form', 'the flow never got the provider instance');
  });

  it('starts signed out with base-url alone; elements follow a later sign-in (staff console)', async () => {
    const provider =
      await fixture<SightlineProvider>(html`<sightline-provider base-url=${serverUrl()} lang="en"
      ><sightline-session-inbox></sightline-session-inbox
    ></sightline-provider>`);
    const inbox = provider.querySelector('sightline-session-inbox')!;
    await waitUntil(() => text(inbox).includes('staff account'));
    const r = await provider.sightline!.signIn(DEMO.agentEmail, DEMO.password);
    expect(r.error).to.equal(undefined);
    await find(inbox, '[part="badge"]', 'the inbox did not follow the sign-in');
    provider.sightline!.signOut();
    await waitUntil(() => text(inbox).includes('staff account'), 'the inbox did not follow the sign-out');
  });

  it('passes on an instance set as a property, replacing its own', async () => {
    const provider = await fixture<SightlineProvider>(html`<sightline-provider lang="en"
      ><sightline-session-inbox></sightline-session-inbox
    ></sightline-provider>`);
    const inbox = provider.querySelector('sightline-session-inbox')!;
    expect(text(inbox)).to.include('Not connected');
    const agent = await staff();
    provider.sightline = agent;
    expect(provider.sightline).to.equal(agent);
    await find(inbox, '[part="badge"]');
    expect($(inbox, '[data-action="new"]')).to.not.equal(null);
  });

  it('reaches elements inside another component’s shadow root', async () => {
    const host = document.createElement('div');
    const provider = await fixture<SightlineProvider>(
      html`<sightline-provider base-url=${serverUrl()} access-code=${DEMO.accessCode} lang="en"></sightline-provider>`,
    );
    provider.append(host);
    host.attachShadow({ mode: 'open' }).innerHTML = '<sightline-request-flow></sightline-request-flow>';
    const flow = host.shadowRoot!.querySelector('sightline-request-flow')!;
    await find(flow, 'form', 'the flow did not find the provider across the shadow boundary');
  });
});
