import { z } from '@hono/zod-openapi';
import type { Services } from '../context.js';

/** How a call started now carries its media: through LiveKit when the deployment has it, else peer to peer. */
export const callTransportOf = (services: Pick<Services, 'livekit'>): 'p2p' | 'livekit' =>
  services.livekit ? 'livekit' : 'p2p';

/** `Me.callTransport`: lets a page load the media code a call needs while the call starts (issue 13). */
export const CallTransportField = z.enum(['p2p', 'livekit']).openapi({
  description:
    'How a call started now carries its media, as this deployment is set up: `livekit` through a LiveKit ' +
    'media server, `p2p` peer to peer. A page may load the matching media code while it starts a call; the ' +
    'answer of `POST /v1/sessions/{id}/calls` stays what decides.',
});
