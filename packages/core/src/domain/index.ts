/**
 * `@sightline/core/domain`: the pure rules shared by the browser and the server — schemas,
 * the session lifecycle, consent and summary decisions, permissions and AI-credit accounting.
 * No I/O, no clocks (pass `now`), no DOM, Node or rxjs imports.
 * @module
 */

// The wire schemas of AR data (strokes, screenshot annotation ops, markers): the browser's small
// validator (`schema.safeParse(value)`, `schema.json` for the API contract), shared by the browser
// (data channel) and the server (stored screenshot annotations). The other schemas are zod/mini.
export type { AnnotationOp, Marker, NormalizedBox, Screenshot } from '../ar/schemas.js';
export { annotationOpSchema, markerSchema, normalizedBoxSchema, screenshotSchema } from '../ar/schemas.js';
export type { RecordingEffect, RecordingEvent, RecordingState } from './consent/recording.js';
export {
  initialRecordingState,
  RecordingStatus,
  recordingMachine,
  transitionRecording,
} from './consent/recording.js';
export type {
  ConsentEffect,
  ConsentEvent,
} from './consent/recording-consent.js';
export {
  consentEventParty,
  mayRecord,
  RecordingConsentStatus,
  recordingConsentMachine,
  recordingConsentTransitions,
  transitionRecordingConsent,
} from './consent/recording-consent.js';
export type {
  CustomerSummaryAnswer,
  SummaryDecisionExplained,
  SummaryDecisionInput,
  SummaryDecisionReason,
  SummaryDirection,
} from './consent/summary-decision.js';
export {
  customerSummaryAnswer,
  explainSummaryDecision,
  resolveSummaryDecision,
  SummaryDecision,
} from './consent/summary-decision.js';
export type { CreditBalance, DebitFailure, MonthlyCreditsView } from './credits/ledger.js';
export {
  addonParts,
  creditBalance,
  debitForSession,
  dueAddonReset,
  dueMonthlyGrants,
  hasDebited,
  monthBounds,
  monthKey,
  purchaseAddon,
  startOfDateIn,
} from './credits/ledger.js';
export { monthlyCreditsByPlan, monthlyGrantFor } from './credits/plans.js';
export type {
  DashboardAccess,
  DashboardAudience,
  ServiceLevel,
  ServiceLevelRequest,
} from './dashboards/dashboards.js';
export {
  DASHBOARD_MAX_MONITORS,
  DASHBOARD_MAX_SHARES,
  DASHBOARD_STREAM_MS,
  dashboardAccess,
  MonitorType,
  mayKeepDashboards,
  monitorTypes,
  ServiceLevelPeriod,
  serviceLevel,
  serviceLevelPeriods,
  serviceLevelStart,
} from './dashboards/dashboards.js';
export type { CapabilityInput } from './permissions/capabilities.js';
export {
  Capability,
  capabilitiesFor,
  customerCapabilities,
  defaultRoleCapabilities,
  mayExportRecording,
} from './permissions/capabilities.js';
export type { DeviceScope } from './permissions/devices.js';
export { mayAdministerDevices, mayEditDevice } from './permissions/devices.js';
export type {
  AgentSettingSources,
  AgentSettingValues,
  SettingSource,
  SourcedSetting,
  TeamWithSettings,
} from './permissions/feature-sources.js';
export {
  AgentSetting,
  agentSettingDefaults,
  agentSettingSources,
  allAgentSettings,
  settingValuesOf,
  storedSettingsOf,
} from './permissions/feature-sources.js';
export type { FeatureMap, TeamWithFeatures } from './permissions/features.js';
export {
  agentFeatures,
  allFeatures,
  customerFeatures,
  effectiveFeatures,
  portalFeatureEnabled,
} from './permissions/features.js';
export type { IntegrationActor } from './permissions/integrations.js';
export {
  exchangeableScopes,
  hasIntegrationScope,
  IntegrationScope,
  integrationReaches,
  integrationScopes,
} from './permissions/integrations.js';
export {
  agentGrantableRights,
  allManagementRights,
  apiManagerRights,
  grantableRights,
  hasRight,
  ManagementRight,
} from './permissions/management.js';
export { mayMonitorCall } from './permissions/monitoring.js';
export { canMoveAgent } from './permissions/move-agent.js';
export { mayDeleteRecording, mayManageReplayPassphrase, mayRecordAs } from './permissions/recordings.js';
export type { SummaryPermissionRole, SummaryRolePermissions } from './permissions/summaries.js';
export {
  allSummaryPermissions,
  defaultSummaryPermissions,
  maySummary,
  SummaryPermission,
} from './permissions/summaries.js';
export type { ChosenPresence, PresenceInput, PresenceSubject } from './presence/presence.js';
export {
  chosenPresences,
  hasPresence,
  mayViewPresence,
  PRESENCE_TIMEOUT_MS,
  PresenceStatus,
  presenceOf,
  presenceStatuses,
} from './presence/presence.js';
export type { ReportPeriodProblem, ReportScope } from './reports/reports.js';
export {
  REPORT_RETENTION_DAYS,
  ReportKind,
  reportKinds,
  reportPeriodProblem,
  reportScope,
} from './reports/reports.js';
export {
  monthStart,
  nextScheduledRun,
  ReportPeriod,
  ReportSchedule,
  reportPeriodAt,
  reportPeriods,
  reportSchedules,
} from './reports/schedule.js';
export * from './schemas/index.js';
export {
  IssueType,
  issueTypes,
  SummaryJobReason,
  SummaryLanguage,
  summaryLanguages,
} from './schemas/summary.js';
export type { Actor, SessionScope } from './session/access.js';
export { canActAsStaff, canViewSession } from './session/access.js';
export type {
  AssignableSession,
  AssignmentCandidate,
  AssignmentRejection,
  AssignmentResult,
} from './session/assignment.js';
export { isEligibleAssignee, isResponsibleTeam, mayAssign, mayClaim } from './session/assignment.js';
export type { CallAttendance, CallPresenceTiming, Presence } from './session/call-presence.js';
export { abandonedAt, CALL_PRESENCE, presenceAt } from './session/call-presence.js';
export { INVITATION_ENDS, INVITE_MINUTES, invitable, mayInvite } from './session/invites.js';
export type {
  OpenSessionInput,
  SessionContext,
  SessionEffect,
  SessionEvent,
  SessionEventType,
  SessionState,
  TransitionResult,
} from './session/machine.js';
export {
  allowedEvents,
  openSession,
  sessionEventActors,
  sessionEventTypes,
  sessionMachine,
  sessionTransitions,
  transitionSession,
} from './session/machine.js';
export type { RateableSession, Rater, RatingRefusal } from './session/rating.js';
export {
  callHasEnded,
  mayRate,
  RATING_MAX_COMMENT,
  RATING_MAX_SCORE,
  RATING_MIN_SCORE,
} from './session/rating.js';
export { isPastRetention, retentionCutoff, SESSION_RETENTION_DAYS } from './session/retention.js';
export type { TeamNode } from './session/teams.js';
export { isWithinManagedTeams, teamLineage } from './session/teams.js';
export type { SessionVisibility } from './session/visibility.js';
export { matchesVisibility, sessionVisibility } from './session/visibility.js';
export type { Machine, MachineResult, Rejection } from './shared/result.js';
export type { UnreadableReason } from './shared/text.js';
export { readableTextPattern, unreadableMessage, unreadableReason, unreadableText } from './shared/text.js';
