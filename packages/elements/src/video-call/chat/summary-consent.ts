import type { components } from '@sightline/api-client';
import type { Sightline } from '../../shared/sdk.js';
import { recordConsent } from '../consent-log.js';

/** The customer's answer for this session, as the consent log holds it. */
export type SummaryAnswer = 'granted' | 'denied' | 'revoked';
/** The device-level choice: always allow, never, ask each time (SI-3). */
export type DeviceAccess = components['schemas']['DeviceAiConsent']['access'];

interface Host {
  requestUpdate(): void;
}

/**
 * The customer's AI-summary consent in the call (SI-3). On joining it reads the device (does the
 * question apply? — the server decides with the shared decision table), the session's consent log
 * (answered already, e.g. in the request flow?) and the device's own setting. Unanswered → the
 * question is shown at call start; answered → a control changes the answer (granted / revoked),
 * each change a new record in the session's consent log. Managed devices under a policy are never
 * asked and cannot change the device setting (`editable` false).
 */
export class SummaryConsent {
  /** Whether the question applies to this session's customer. */
  applies = false;
  /** The latest answer in the session's consent log. */
  answer: SummaryAnswer | undefined;
  /** The device's setting, when the customer may change it. */
  device: { access: DeviceAccess; version: number } | undefined;
  busy = false;
  /** The last request failed (shown next to the control). */
  failed = false;
  #loadedFor = '';

  constructor(
    private readonly host: Host,
    private readonly ctx: {
      sdk: () => Sightline | undefined;
      sessionId: () => string;
      deviceId: () => string;
    },
  ) {}

  /** Whether the question is still open: it applies and there is no answer yet. */
  get asking(): boolean {
    return this.applies && this.answer === undefined;
  }

  /** Loads what the control needs, once per session (again after {@link reset}). */
  async load(): Promise<void> {
    const sdk = this.ctx.sdk();
    const sessionId = this.ctx.sessionId();
    const deviceId = this.ctx.deviceId();
    const key = `${sessionId}/${deviceId}`;
    if (!sdk || !sessionId || !deviceId || this.#loadedFor === key) return;
    this.#loadedFor = key;
    try {
      const [device, consents, setting] = await Promise.all([
        sdk.api.GET('/v1/devices/{id}', { params: { path: { id: deviceId } } }),
        sdk.api.GET('/v1/sessions/{id}/consents', { params: { path: { id: sessionId } } }),
        sdk.api.GET('/v1/devices/{id}/ai-consent', { params: { path: { id: deviceId } } }),
      ]);
      this.applies = device.data?.summaryQuestion === true;
      this.answer = consents.data?.items.filter((c) => c.kind === 'summary').at(-1)?.decision;
      this.device = setting.data?.editable
        ? { access: setting.data.access, version: setting.data.version }
        : undefined;
      this.failed = !device.data || !consents.data;
    } catch {
      this.#loadedFor = '';
      this.failed = true;
    }
    this.host.requestUpdate();
  }

  /** Forgets what was loaded (another session or device). */
  reset(): void {
    this.#loadedFor = '';
    this.applies = false;
    this.answer = undefined;
    this.device = undefined;
    this.failed = false;
  }

  /** Records an answer in the session's consent log. */
  async decide(decision: SummaryAnswer): Promise<void> {
    const sdk = this.ctx.sdk();
    if (!sdk || this.busy) return;
    this.busy = true;
    this.host.requestUpdate();
    try {
      const kept = await recordConsent(sdk, this.ctx.sessionId(), 'summary', decision);
      this.failed = !kept;
      if (kept) this.answer = kept;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** Changes the device's setting; the question applies again as the server now says. */
  async setDeviceAccess(access: DeviceAccess): Promise<void> {
    const sdk = this.ctx.sdk();
    const current = this.device;
    if (!sdk || !current || this.busy || access === current.access) return;
    this.busy = true;
    this.host.requestUpdate();
    const id = this.ctx.deviceId();
    try {
      const { data } = await sdk.api.PUT('/v1/devices/{id}/ai-consent', {
        params: { path: { id }, header: { 'if-match': `"${current.version}"` } },
        body: { access },
      });
      this.failed = !data;
      if (!data) {
        // Changed elsewhere meanwhile (412) or refused: show what holds now.
        this.#loadedFor = '';
        void this.load();
      } else {
        this.device = data.editable ? { access: data.access, version: data.version } : undefined;
        const device = await sdk.api.GET('/v1/devices/{id}', { params: { path: { id } } });
        this.applies = device.data?.summaryQuestion === true;
      }
    } catch {
      this.failed = true;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }
}
