// A portal's feature modes and their defaults, apart from the portal's schema: the call reads the
// defaults, and so does not load the schema library the portal form and the server validate with.
import type { PortalFeatures } from './portal.js';

/**
 * How a portal sets one feature (MC-1, MC-6; company managers only): `off` restricts it (nobody
 * below can turn it on), `on` lets team and agent settings decide, `required` turns it on for every
 * agent of the portal (nobody below can turn it off).
 * @example
 * if (portal.features.recording === FeatureMode.required) showAlwaysRecorded();
 */
export const FeatureMode = { off: 'off', on: 'on', required: 'required' } as const;
/** One of {@link FeatureMode}. */
export type FeatureMode = (typeof FeatureMode)[keyof typeof FeatureMode];

/**
 * Features a portal sets (MC-6): whether customers may request sessions at all (VS-2), recording
 * (VS-10), the AR tools (VS-11 … VS-14), chat and AI summaries (SI-2). The AR tools, recording and
 * chat are also switched per team and agent (`Feature`); requests and summaries only here.
 */
export const PortalFeature = {
  requests: 'requests',
  recording: 'recording',
  screenshots: 'screenshots',
  drawing: 'drawing',
  markers: 'markers',
  mirror: 'mirror',
  chat: 'chat',
  summaries: 'summaries',
} as const;
/** One of {@link PortalFeature}. */
export type PortalFeature = (typeof PortalFeature)[keyof typeof PortalFeature];

/**
 * A new portal's features — the one source of these defaults: requests on, recording and summaries
 * off until turned on, every AR tool and chat on (team and agent settings decide).
 */
export const defaultPortalFeatures: Readonly<PortalFeatures> = Object.freeze({
  requests: 'on',
  recording: 'off',
  screenshots: 'on',
  drawing: 'on',
  markers: 'on',
  mirror: 'on',
  chat: 'on',
  summaries: 'off',
});
