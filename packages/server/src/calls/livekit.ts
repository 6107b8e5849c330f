import type { LiveKitConfig } from '../config.js';

let sdk: Promise<typeof import('livekit-server-sdk')> | undefined;
/**
 * livekit-server-sdk, loaded once: at start when LiveKit is configured (so no call waits for it),
 * never on a server without LiveKit (0.2 s of every start, issue 13).
 */
export const liveKitSdk = () => {
  sdk ??= import('livekit-server-sdk');
  return sdk;
};

export interface LiveKitGrantOptions {
  /** Reserved for silent monitoring (MC-8): subscribe only, invisible to the others. */
  hidden?: boolean;
}

/**
 * Mints a LiveKit access token for one participant of one call. The room is the call id and the
 * identity the opaque participant id: no names or emails reach the media server. A hidden monitor may
 * only subscribe; regular participants publish media and data (AR messages, chat).
 */
export async function liveKitToken(
  config: LiveKitConfig,
  callId: string,
  participantId: string,
  options: LiveKitGrantOptions = {},
): Promise<string> {
  const { AccessToken } = await liveKitSdk();
  const token = new AccessToken(config.apiKey, config.apiSecret, { identity: participantId, ttl: '2h' });
  const hidden = options.hidden === true;
  token.addGrant({
    room: callId,
    roomJoin: true,
    canSubscribe: true,
    canPublish: !hidden,
    canPublishData: !hidden,
    hidden,
  });
  return token.toJwt();
}
