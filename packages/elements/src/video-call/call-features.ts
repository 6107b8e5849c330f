import type { ReactiveElement } from 'lit';
import type { Me, MediaTransport, Sightline } from '../shared/sdk.js';
import { CallChat } from './chat/call-chat.js';
import { SummaryConsent } from './chat/summary-consent.js';
import { CallClock } from './controls/call-clock.js';
import { CallQuality } from './controls/call-quality.js';
import { RemoteParticipant } from './participants/remote-participant.js';
import { SpeakingMeter } from './participants/speaking.js';
import { CallRecording } from './recording/index.js';

/** What the call's features read from the element, each when needed. */
export interface CallFeaturesContext {
  sdk(): Sightline | undefined;
  sessionId(): string;
  me(): Me | undefined;
  side(): 'staff' | 'customer';
  /** What the server says this side may do. */
  capabilities(): readonly string[];
  callId(): string | undefined;
  /** The video everyone draws on (the customer's camera), recorded with the overlays over it. */
  video(): HTMLVideoElement | null;
  overlays(): HTMLCanvasElement[];
  /** Both sides' sound, recorded. */
  audio(): MediaStream[];
}

/** The live call as the features follow it after each render. */
export interface LiveCall {
  transport: MediaTransport | undefined;
  remote: MediaStream | null;
  connected: boolean;
  mayChat: boolean;
}

/**
 * The features of a call element beside its media, attached while the call is live: chat (VS-15),
 * the clock, the connection's quality, the other side's name, camera, microphone and speech (VS-9),
 * the customer's AI-summary answer (SI-3) and recording with the customer's consent (VS-10).
 */
export class CallFeatures {
  readonly chat: CallChat;
  /** How long the call has been connected. */
  readonly clock: CallClock;
  /** Whether the other side is speaking, from its audio levels. */
  readonly speaking: SpeakingMeter;
  /** The connection's quality, from the call's stats. */
  readonly quality: CallQuality;
  /** Who the other side is, and whether its camera and microphone are on (VS-9). */
  readonly remote: RemoteParticipant;
  /** SI-3: the customer's AI-summary answer for this session, asked at call start when still open. */
  readonly consent: SummaryConsent;
  /** VS-10: recording with the customer's consent, shown on both sides while it runs. */
  readonly recording: CallRecording;

  constructor(
    host: ReactiveElement,
    private readonly c: CallFeaturesContext,
  ) {
    const staffName = () => {
      const me = c.me();
      return me?.kind === 'staff' ? me.displayName : '';
    };
    this.chat = new CallChat(host, {
      sdk: c.sdk,
      sessionId: c.sessionId,
      self: () => ({ displayName: staffName(), participantId: c.me()?.participantId ?? '' }),
    });
    this.clock = new CallClock(host);
    this.speaking = new SpeakingMeter(host);
    this.quality = new CallQuality(host);
    this.remote = new RemoteParticipant(host, staffName);
    this.consent = new SummaryConsent(host, {
      sdk: c.sdk,
      sessionId: c.sessionId,
      deviceId: () => {
        const me = c.me();
        return me?.kind === 'customer' ? me.deviceId : '';
      },
    });
    this.recording = new CallRecording(host, {
      sdk: c.sdk,
      sessionId: c.sessionId,
      side: c.side,
      capabilities: c.capabilities,
      callId: c.callId,
      video: c.video,
      overlays: c.overlays,
      audio: c.audio,
    });
  }

  /** Attaches to the live call, or detaches when there is none (after each render). */
  follow(live: LiveCall): void {
    const { transport } = live;
    this.chat.attach(live.mayChat ? transport : undefined);
    this.remote.attach(transport);
    this.speaking.follow(transport ? live.remote : null);
    this.quality.follow(transport && live.connected ? transport : undefined);
    if (transport && this.c.side() === 'customer') void this.consent.load();
    if (transport && this.c.sessionId()) this.recording.attach();
    else this.recording.detach();
  }

  /** Another session: its consent and recording state start over. */
  reset(): void {
    this.consent.reset();
    this.recording.reset();
  }

  /** The element left the page. */
  detach(): void {
    this.chat.detach();
    this.remote.detach();
    this.recording.dispose();
  }
}
