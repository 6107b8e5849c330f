import type { CallError } from './call-error.js';
import {
  attachPerfectNegotiation,
  type NegotiationPayload,
  type PerfectNegotiation,
} from './perfect-negotiation.js';

/** One RTCPeerConnection to one incarnation of the peer, with its data channel and senders. */
export interface PeerLink {
  readonly pc: RTCPeerConnection;
  readonly channel: RTCDataChannel;
  readonly negotiation: PerfectNegotiation;
  /** Whether this side made the connection's first offer. */
  readonly initiator: boolean;
  /** Our senders; on the non-initiator they exist once the first offer has been applied. */
  sender(kind: 'audio' | 'video'): RTCRtpSender | undefined;
  /** Stop handling events and close the connection. */
  close(): void;
}

/** What {@link openPeerLink} needs. */
export interface PeerLinkOptions {
  readonly createPeerConnection: (configuration: RTCConfiguration) => RTCPeerConnection;
  readonly configuration: RTCConfiguration;
  readonly polite: boolean;
  readonly initiator: boolean;
  /** The local tracks to send, read when the senders are created. */
  readonly tracks: () => { audio: MediaStreamTrack | undefined; video: MediaStreamTrack | undefined };
  readonly signal: (payload: NegotiationPayload) => void;
  readonly onError: (error: CallError) => void;
  readonly onTrack: (track: MediaStreamTrack) => void;
  /** ICE connection or signaling state changed. */
  readonly onStateChange: () => void;
}

/**
 * Open a peer connection the way a call sets it up without glare (VS-9). The initiator creates the
 * audio and video transceivers (`sendrecv`, with its tracks) and so makes the only first offer; the
 * other side adds none of its own and, when that offer is applied, adopts the transceivers it created
 * (direction `sendrecv`, its own tracks) before answering. Either way each side sends on one
 * transceiver per kind created up front, so a camera toggle is a `replaceTrack()` and never
 * renegotiates. Both sides create the same pre-negotiated, ordered, reliable data channel (id 0).
 * @example
 * const link = openPeerLink({ createPeerConnection: (c) => new RTCPeerConnection(c), configuration: {}, polite, initiator: !polite, tracks, signal, onError, onTrack, onStateChange });
 * await link.sender('video')?.replaceTrack(cameraTrack);
 */
export function openPeerLink(options: PeerLinkOptions): PeerLink {
  const { initiator } = options;
  const pc = options.createPeerConnection(options.configuration);
  const sendStream = new MediaStream();
  const senders: { audio?: RTCRtpSender; video?: RTCRtpSender } = {};
  if (initiator) {
    const { audio, video } = options.tracks();
    const init: RTCRtpTransceiverInit = { direction: 'sendrecv', streams: [sendStream] };
    senders.audio = pc.addTransceiver(audio ?? 'audio', init).sender;
    senders.video = pc.addTransceiver(video ?? 'video', init).sender;
  }
  const channel = pc.createDataChannel('sightline', { negotiated: true, id: 0, ordered: true });

  /** On the non-initiator, before its first answer: send on the transceivers the offer created. */
  async function adoptTransceivers(): Promise<void> {
    if (senders.audio && senders.video) return;
    const tracks = options.tracks();
    const adopting: Promise<void>[] = [];
    for (const transceiver of pc.getTransceivers()) {
      const kind = transceiver.receiver.track.kind;
      if ((kind !== 'audio' && kind !== 'video') || senders[kind] || transceiver.direction === 'stopped') {
        continue;
      }
      transceiver.direction = 'sendrecv';
      senders[kind] = transceiver.sender;
      transceiver.sender.setStreams?.(sendStream);
      adopting.push(transceiver.sender.replaceTrack(tracks[kind] ?? null));
    }
    await Promise.all(adopting);
  }

  const listening = new AbortController();
  const on = { signal: listening.signal };
  pc.addEventListener('track', ({ track }) => options.onTrack(track), on);
  pc.addEventListener('iceconnectionstatechange', options.onStateChange, on);
  pc.addEventListener('signalingstatechange', options.onStateChange, on);
  const negotiation = attachPerfectNegotiation(pc, {
    polite: options.polite,
    initiator,
    signal: options.signal,
    onError: options.onError,
    beforeAnswer: adoptTransceivers,
  });

  return {
    pc,
    channel,
    negotiation,
    initiator,
    sender: (kind) => senders[kind],
    close() {
      negotiation.dispose();
      listening.abort();
      channel.close();
      pc.close();
    },
  };
}
