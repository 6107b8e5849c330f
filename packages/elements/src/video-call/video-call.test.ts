import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { BehaviorSubject, NEVER } from 'rxjs';
import '../request-flow/request-flow.js';
import '../session-inbox/session-inbox.js';
import type { ConnectionState, LocalMediaState, MediaTransport } from '../shared/sdk.js';
import { $, destroyInstances, find } from '../testing/fixtures.js';
import { leaveTransports, transportPair } from '../testing/transports.js';
import { button, framesAdvance, remoteVideo } from './call-test-support.js';
import './video-call.js';
import type { SightlineVideoCall } from './video-call.component.js';

// Real Chromium WebRTC with the fake camera: two transports over in-memory signaling in one page,
// each shown by its own element; and the whole path through the real server with two SDK instances.

async function calls(lang = 'en'): Promise<{ staffEl: SightlineVideoCall; customerEl: SightlineVideoCall }> {
  const { staff: s, customer: c } = transportPair();
  const wrapper = await fixture(html`<div lang=${lang}>
    <sightline-video-call id="staff" role-in-call="staff" .transport=${s}></sightline-video-call>
    <sightline-video-call id="customer" role-in-call="customer" .transport=${c}></sightline-video-call>
  </div>`);
  const staffEl = wrapper.querySelector<SightlineVideoCall>('#staff')!;
  const customerEl = wrapper.querySelector<SightlineVideoCall>('#customer')!;
  await Promise.all([c.join(), s.join()]);
  // The fixture waited for the wrapper only; the calls render on their own update.
  await Promise.all([staffEl.updateComplete, customerEl.updateComplete]);
  return { staffEl, customerEl };
}

const status = (el: Element) => $(el, '[part="status"]')?.textContent ?? '';

afterEach(async () => {
  await leaveTransports();
  destroyInstances();
});

describe('<sightline-video-call>', () => {
  it('shows the other side large with frames advancing, announces connecting and connected (VS-8)', async () => {
    const { staff: s, customer: c } = transportPair();
    const el = await fixture<SightlineVideoCall>(
      html`<sightline-video-call lang="en" role-in-call="staff" .transport=${s}></sightline-video-call>`,
    );
    const live = $(el, '[part="status"]')!;
    expect(live.getAttribute('role')).to.equal('status');
    expect(live.getAttribute('aria-live')).to.equal('polite');
    const started = oneEvent(el, 'sightline-call-start');
    await c.join();
    await s.join();
    await waitUntil(() => /Connecting|Waiting/.test(status(el)) || status(el) === 'Connected');
    await started;
    await waitUntil(() => status(el) === 'Connected', 'never connected');
    await waitUntil(() => remoteVideo(el).srcObject, 'no remote stream on the video');
    expect(await framesAdvance(remoteVideo(el))).to.be.greaterThan(0);
  });

  it('shows reconnecting and failed states in its live region (VS-9)', async () => {
    // A scripted transport: the connection state is driven by the test.
    const state = new BehaviorSubject<ConnectionState>('connecting');
    const media = new BehaviorSubject<LocalMediaState>({ cameraEnabled: false, microphoneEnabled: true });
    const ok = async () => ({ ok: true as const, value: undefined });
    const scripted = {
      join: ok,
      leave: async () => state.next('disconnected'),
      connectionState$: state,
      localStream$: new BehaviorSubject<MediaStream | null>(null),
      remoteStream$: new BehaviorSubject<MediaStream | null>(null),
      localMedia$: media,
      setMicrophoneEnabled: ok,
      setCameraEnabled: ok,
      switchDevice: ok,
      send: () => ({ ok: true as const, value: undefined }),
      messages$: NEVER,
      errors$: NEVER,
      stats: async () => ({}),
    } satisfies MediaTransport;
    const el = await fixture<SightlineVideoCall>(
      html`<sightline-video-call lang="en" .transport=${scripted}></sightline-video-call>`,
    );
    expect(status(el)).to.equal('Connecting…');
    const started = oneEvent(el, 'sightline-call-start');
    state.next('connected');
    await started;
    state.next('reconnecting');
    await el.updateComplete;
    expect(status(el)).to.equal('Connection lost. Reconnecting…');
    expect($(el, '[part="stage"]')?.getAttribute('data-connection')).to.equal('reconnecting');
    el.lang = 'pt';
    await el.updateComplete;
    expect(status(el)).to.equal('Ligação perdida. A restabelecer…');
    el.lang = 'en';
    state.next('failed');
    await el.updateComplete;
    expect(status(el)).to.equal('The connection failed.');
    const ended = oneEvent(el, 'sightline-call-end');
    state.next('disconnected');
    await ended;
  });

  it('keeps the staff camera off by default and toggles camera and microphone (VS-9)', async () => {
    const { staffEl, customerEl } = await calls();
    await waitUntil(() => status(staffEl) === 'Connected');
    expect(button(staffEl, 'camera').getAttribute('aria-pressed')).to.equal('false');
    expect($(staffEl, '[part="local-video"]')!.hidden).to.equal(true);
    expect(button(customerEl, 'camera').getAttribute('aria-pressed')).to.equal('true');
    // The customer sees a name card where the staff camera would be, not an empty box.
    const card = await find(customerEl, '[part="name-card"]', 'no name card');
    expect(card.textContent).to.include('Support').and.include('Camera off');
    // Staff see the customer's name tag over the running camera.
    await find(staffEl, '[part="name-tag"]', 'no name tag');

    button(staffEl, 'camera').click();
    await waitUntil(
      () => button(staffEl, 'camera').getAttribute('aria-pressed') === 'true',
      'camera did not turn on',
    );
    expect($(staffEl, '[part="local-video"]')!.hidden).to.equal(false);
    // The customer now receives the staff camera.
    await waitUntil(() => (remoteVideo(customerEl).srcObject as MediaStream | null)?.getVideoTracks().length);
    expect(await framesAdvance(remoteVideo(customerEl))).to.be.greaterThan(0);
    await waitUntil(() => !$(customerEl, '[part="name-card"]'), 'name card stayed', { timeout: 10_000 });

    // Pressed means on, for every toggle: the microphone is on, and pressing it mutes.
    expect(button(staffEl, 'microphone').getAttribute('aria-pressed')).to.equal('true');
    button(staffEl, 'microphone').click();
    await waitUntil(
      () => button(staffEl, 'microphone').getAttribute('aria-pressed') === 'false',
      'not muted',
    );
    // …and the other side sees it muted.
    await find(customerEl, '[data-remote="muted"]', 'muted not shown');
    button(staffEl, 'microphone').click();
    await waitUntil(
      () => button(staffEl, 'microphone').getAttribute('aria-pressed') === 'true',
      'not unmuted',
    );
  });

  it('mirrors the view for staff only (VS-14)', async () => {
    const { staffEl, customerEl } = await calls();
    expect($(customerEl, '[data-action="mirror"]')).to.equal(null);
    const mirror = button(staffEl, 'mirror');
    expect(mirror.getAttribute('aria-pressed')).to.equal('false');
    mirror.click();
    await staffEl.updateComplete;
    expect(staffEl.mirrored).to.equal(true);
    expect(staffEl.hasAttribute('mirrored')).to.equal(true);
    expect(remoteVideo(staffEl).classList.contains('mirrored')).to.equal(true);
    expect(getComputedStyle(remoteVideo(staffEl)).transform).to.equal('matrix(-1, 0, 0, 1, 0, 0)');
    mirror.click();
    await staffEl.updateComplete;
    expect(getComputedStyle(remoteVideo(staffEl)).transform).to.equal('none');
  });

  it('shows the other side speaking from its audio levels (the fake microphone’s beeps), and not while it is muted', async () => {
    const { staffEl, customerEl } = await calls();
    await waitUntil(() => status(customerEl) === 'Connected');
    // A key press: the page has had a user gesture, so its audio may run.
    customerEl.focus();
    await sendKeys({ press: 'Shift' });
    await waitUntil(() => $(customerEl, '[part="name-card"][data-speaking]'), 'never shown speaking', {
      timeout: 15_000,
    });
    button(staffEl, 'microphone').click();
    await find(customerEl, '[data-remote="muted"]', 'muted not shown');
    await waitUntil(() => !$(customerEl, '[data-speaking]'), 'still shown speaking while muted');
  });

  it('switches to the next camera with one press (a phone’s front and back: two fake cameras)', async () => {
    const { staffEl, customerEl } = await calls();
    await waitUntil(() => status(customerEl) === 'Connected');
    const flip = await find<HTMLButtonElement>(customerEl, '[data-action="flip"]');
    const before = customerEl.activeTransport!;
    let device = '';
    before.localMedia$.subscribe((m) => (device = m.videoDeviceId ?? '')).unsubscribe();
    flip.click();
    await waitUntil(() => {
      let now = '';
      before.localMedia$.subscribe((m) => (now = m.videoDeviceId ?? '')).unsubscribe();
      return now !== '' && now !== device;
    }, 'camera not switched');
    // The other side keeps seeing a moving picture.
    expect(await framesAdvance(remoteVideo(staffEl))).to.be.greaterThan(0);
  });

  it('offers the cameras and microphones to pick from', async () => {
    const { customerEl } = await calls();
    const picker = await find<HTMLSelectElement>(
      customerEl,
      '[data-picker="videoinput"]',
      'no camera picker',
    );
    expect(picker.options.length).to.be.greaterThan(0);
    expect(picker.closest('label')?.textContent).to.include('Camera');
    await find(customerEl, '[data-picker="audioinput"]', 'no microphone picker');
  });

  it('ends the call and tells the host', async () => {
    const { staffEl, customerEl } = await calls();
    await waitUntil(() => status(staffEl) === 'Connected' && status(customerEl) === 'Connected');
    const ended = oneEvent(staffEl, 'sightline-call-end');
    button(staffEl, 'end').click();
    await ended;
    await waitUntil(() => status(staffEl) === 'The call has ended.');
    expect(button(staffEl, 'camera').disabled).to.equal(true);
  });

  for (const [lang, end, camera] of [
    ['de', 'Anruf beenden', 'Kamera'],
    ['es', 'Finalizar llamada', 'Cámara'],
    ['pt', 'Terminar chamada', 'Câmara'],
  ] as const) {
    it(`speaks ${lang}`, async () => {
      const { staffEl } = await calls(lang);
      expect(button(staffEl, 'end').textContent?.trim()).to.equal(end);
      expect(button(staffEl, 'camera').textContent?.trim()).to.equal(camera);
      expect(remoteVideo(staffEl).getAttribute('aria-label')).to.not.include('other participant');
    });
  }

  it('has no accessibility violations', async () => {
    const { staffEl, customerEl } = await calls();
    await waitUntil(() => status(staffEl) === 'Connected');
    await find(staffEl, '[data-picker="videoinput"]');
    await expect(staffEl).to.be.accessible();
    await expect(customerEl).to.be.accessible();
  });

  it('shows how long the call runs; full screen is a toggle that means on when pressed', async () => {
    const { staffEl } = await calls();
    await waitUntil(() => status(staffEl) === 'Connected');
    const timer = await find(staffEl, '[part="timer"]');
    expect(timer.textContent).to.match(/^0:0\d$/);
    expect(timer.getAttribute('aria-label')).to.match(/^In call · 0:0\d$/);
    // The connection's quality from the stats, in words for assistive technology.
    const quality = await find(staffEl, '[part="quality"]');
    expect(quality.getAttribute('aria-label')).to.match(/^Connection: (good|fair)$/);
    // Real key presses (a user gesture): full screen takes the call's frame, controls included.
    button(staffEl, 'fullscreen').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () => button(staffEl, 'fullscreen').getAttribute('aria-pressed') === 'true',
      'no full screen',
    );
    expect(staffEl.shadowRoot!.fullscreenElement).to.equal($(staffEl, '[part="base"]'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () => button(staffEl, 'fullscreen').getAttribute('aria-pressed') === 'false',
      'still full',
    );
    // Picture-in-picture is offered where the browser has it (headless Chromium refuses to open
    // the window, so only the offer is checked here).
    expect(button(staffEl, 'pip').getAttribute('aria-pressed')).to.equal('false');
  });

  it('on a 390 × 844 phone: the video spans the width; one bar of at most 6 icon controls with End call in view, the rest in a More menu; targets ≥ 44 px', async () => {
    await setViewport({ width: 390, height: 844 });
    try {
      const { staffEl } = await calls();
      await waitUntil(() => status(staffEl) === 'Connected');
      const stage = $(staffEl, '[part="stage"]')!.getBoundingClientRect();
      expect(stage.width).to.be.greaterThan(340);
      expect(stage.bottom).to.be.lessThan(844);
      const end = button(staffEl, 'end').getBoundingClientRect();
      expect(end.right).to.be.at.most(390);
      expect(end.bottom).to.be.lessThan(844);
      const visible = () =>
        [
          ...staffEl.shadowRoot!.querySelectorAll<HTMLElement>(
            '[part="controls"] button, [part="controls"] select',
          ),
        ].filter((c) => c.getClientRects().length > 0);
      const bar = visible();
      expect(bar.map((b) => b.dataset.action)).to.deep.equal(['camera', 'microphone', 'flip', 'more', 'end']);
      // One row: a horizontal line runs through every control.
      const boxes = bar.map((c) => c.getBoundingClientRect());
      expect(Math.max(...boxes.map((b) => b.top))).to.be.lessThan(Math.min(...boxes.map((b) => b.bottom)));
      // Icons, with their names kept for assistive technology.
      expect(button(staffEl, 'end').textContent?.trim()).to.equal('End call');
      // More opens the rest, focus moves into it; Escape closes it and gives focus back.
      const more = button(staffEl, 'more');
      more.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => more.getAttribute('aria-expanded') === 'true', 'menu not open');
      await waitUntil(() => visible().some((b) => b.dataset.action === 'fullscreen'), 'menu items not shown');
      await waitUntil(
        () => $(staffEl, '#more-controls')!.contains(staffEl.shadowRoot!.activeElement),
        'focus not in the menu',
      );
      for (const b of visible()) {
        const box = b.getBoundingClientRect();
        expect(box.height, b.dataset.action ?? b.id).to.be.at.least(44);
        if (b.tagName === 'BUTTON') expect(box.width, b.dataset.action).to.be.at.least(44);
      }
      await expect(staffEl).to.be.accessible();
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => more.getAttribute('aria-expanded') === 'false', 'menu not closed');
      await waitUntil(() => staffEl.shadowRoot!.activeElement === more, 'focus not back on More');
      await expect(staffEl).to.be.accessible();
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('is operable with the keyboard', async () => {
    const { staffEl } = await calls();
    await waitUntil(() => status(staffEl) === 'Connected');
    button(staffEl, 'camera').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () => button(staffEl, 'camera').getAttribute('aria-pressed') === 'true',
      'Enter did not turn the camera on',
    );
    await sendKeys({ press: 'Tab' }); // microphone
    await sendKeys({ press: 'Tab' }); // switch camera
    await sendKeys({ press: 'Tab' }); // mirror
    expect(staffEl.shadowRoot!.activeElement).to.equal(button(staffEl, 'mirror'));
    await sendKeys({ press: 'Space' });
    await staffEl.updateComplete;
    expect(staffEl.mirrored).to.equal(true);
    // The focus ring is visible (focus-visible outline from the shared styles).
    expect(getComputedStyle(button(staffEl, 'mirror')).outlineStyle).to.equal('solid');
  });
});
