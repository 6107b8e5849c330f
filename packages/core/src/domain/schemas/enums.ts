/**
 * Closed sets of values shared by the schemas and the rules. Each is a const object plus a type of
 * the same name, so callers write `SessionStatus.running` and get the literal type `'running'`.
 * @module
 */

/**
 * Licence plan of an organization; decides the free monthly AI credits (SI-11).
 * @example
 * if (org.plan === PlanTier.tensor) showBigBadge();
 */
export const PlanTier = {
  business: 'business',
  premium: 'premium',
  corporate: 'corporate',
  tensor: 'tensor',
} as const;
/** One of {@link PlanTier}. */
export type PlanTier = (typeof PlanTier)[keyof typeof PlanTier];

/**
 * Staff roles (MC-1). Customers are not users; they act through an access-code token.
 * @example
 * const isManager = user.role === Role.companyManager || user.role === Role.teamManager;
 */
export const Role = {
  companyManager: 'company-manager',
  teamManager: 'team-manager',
  apiManager: 'api-manager',
  agent: 'agent',
} as const;
/** One of {@link Role}. */
export type Role = (typeof Role)[keyof typeof Role];

/**
 * Session lifecycle statuses (VS-6): `requested → confirmed → running → completed → closed`,
 * `cancelled` from `requested` or `confirmed`.
 * @example
 * if (session.status === SessionStatus.running) showCallButton();
 */
export const SessionStatus = {
  requested: 'requested',
  confirmed: 'confirmed',
  running: 'running',
  completed: 'completed',
  closed: 'closed',
  cancelled: 'cancelled',
} as const;
/** One of {@link SessionStatus}. */
export type SessionStatus = (typeof SessionStatus)[keyof typeof SessionStatus];

/** Media transport of a call: embedded peer-to-peer WebRTC or a LiveKit SFU room. */
export const CallTransport = { p2p: 'p2p', livekit: 'livekit' } as const;
/** One of {@link CallTransport}. */
export type CallTransport = (typeof CallTransport)[keyof typeof CallTransport];

/** What a consent record is about: a recording (VS-10) or an AI summary (SI-3). */
export const ConsentKind = { recording: 'recording', summary: 'summary' } as const;
/** One of {@link ConsentKind}. */
export type ConsentKind = (typeof ConsentKind)[keyof typeof ConsentKind];

/** The customer's answer recorded in a consent record. */
export const ConsentDecision = { granted: 'granted', denied: 'denied', revoked: 'revoked' } as const;
/** One of {@link ConsentDecision}. */
export type ConsentDecision = (typeof ConsentDecision)[keyof typeof ConsentDecision];

/**
 * Per-device access-control setting for AI summaries (SI-3; seed 000 "Erlaubt / Verweigert /
 * Nach Bestätigung"). `after-confirmation` is the default: the customer is asked every session.
 */
export const SummaryAccess = {
  allowed: 'allowed',
  denied: 'denied',
  afterConfirmation: 'after-confirmation',
} as const;
/** One of {@link SummaryAccess}. */
export type SummaryAccess = (typeof SummaryAccess)[keyof typeof SummaryAccess];

/** Outgoing summary scope (SI-2): every staff-started session, or only portals that enable summaries. */
export const OutgoingScope = { all: 'all', selectedPortals: 'selected-portals' } as const;
/** One of {@link OutgoingScope}. */
export type OutgoingScope = (typeof OutgoingScope)[keyof typeof OutgoingScope];

/** Incoming summary scope (SI-4): all devices of the organization, or only managed devices with a policy. */
export const IncomingScope = { allDevices: 'all-devices', policyDevices: 'policy-devices' } as const;
/** One of {@link IncomingScope}. */
export type IncomingScope = (typeof IncomingScope)[keyof typeof IncomingScope];

/**
 * Features that can be switched per portal, per team (inherited down the tree) and per agent (MC-5).
 * A portal sets each of them (and more, see `PortalFeature`) to off, on or required (MC-1).
 */
export const Feature = {
  recording: 'recording',
  drawing: 'drawing',
  screenshots: 'screenshots',
  markers: 'markers',
  mirror: 'mirror',
  chat: 'chat',
} as const;
/** One of {@link Feature}. */
export type Feature = (typeof Feature)[keyof typeof Feature];
