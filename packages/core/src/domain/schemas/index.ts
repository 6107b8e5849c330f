export { isWebUrl, WEB_URL_PATTERN, WEB_URL_PROTOCOLS } from '../shared/web-url.js';
export { FeatureSettings, Id, IsoDateTime, WebUrl } from './common.js';
export { ConsentRecord } from './consent.js';
export { CreditLedgerEntry } from './credits.js';
export { Device, DevicePolicy } from './device.js';
export {
  CallTransport,
  ConsentDecision,
  ConsentKind,
  Feature,
  IncomingScope,
  OutgoingScope,
  PlanTier,
  Role,
  SessionStatus,
  SummaryAccess,
} from './enums.js';
export { AiSettings, Organization } from './organization.js';
export {
  BusinessHours,
  LocalDate,
  minutesOf,
  OpeningInterval,
  OutsideHours,
  Portal,
  PortalFeatures,
  Slug,
  SubPortal,
  Weekday,
} from './portal.js';
export { defaultPortalFeatures, FeatureMode, PortalFeature } from './portal-features.js';
export { Team, User } from './user.js';
