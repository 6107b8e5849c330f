import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { AttemptKind } from '../throttling/store.js';

/** A timestamptz with a database default: optional on insert. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** SI-1/SI-2 switches as stored; the shape of the domain's `SummaryDecisionInput['ai']`. */
export interface AiSettings {
  summariesEnabled: boolean;
  outgoing: { enabled: boolean; scope: 'all' | 'selected-portals' };
  incoming: { enabled: boolean; scope: 'all-devices' | 'policy-devices' };
}

export interface OrganizationsTable {
  id: string;
  name: string;
  plan: string;
  ai_settings: ColumnType<AiSettings, string | undefined, string>;
  /** A calendar date (`YYYY-MM-DD`); pg returns it as a string or a Date depending on the driver. */
  licence_renews_at: ColumnType<string | Date | null, string | null | undefined, string | null>;
  default_language: ColumnType<string, string | undefined, string>;
  time_zone: ColumnType<string, string | undefined, string>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** SI-10: language of the summaries' fixed parts (`en`, `de`, `es`, `pt`). */
  summary_language: ColumnType<string, string | undefined, string>;
  /** SI-5: summary permissions per role, `{ 'team-manager': [...], agent: [...] }`. */
  summary_permissions: ColumnType<Record<string, string[]>, string | undefined, string>;
}

/** A portal's feature modes as stored (MC-6); the domain's `PortalFeatures`. */
export type PortalFeaturesColumn = Record<
  'requests' | 'recording' | 'screenshots' | 'drawing' | 'markers' | 'mirror' | 'chat' | 'summaries',
  'off' | 'on' | 'required'
>;
/** Opening intervals per weekday (`mon` … `sun`), local `HH:MM` in the portal's time zone. */
export type BusinessHoursColumn = Partial<Record<string, { start: string; end: string }[]>>;

export interface PortalsTable {
  id: string;
  organization_id: string;
  name: string;
  /** Globally unique, lowercase kebab case (the portal's URL). */
  slug: string;
  features: JSONColumnType<PortalFeaturesColumn>;
  local_recordings_only: ColumnType<boolean, boolean | undefined, boolean>;
  report_email: ColumnType<string | null, string | null | undefined, string | null>;
  time_zone: ColumnType<string, string | undefined, string>;
  /** `null`: open around the clock. */
  business_hours: ColumnType<BusinessHoursColumn | null, string | null | undefined, string | null>;
  holidays: ColumnType<string[], string | undefined, string>;
  outside_hours: ColumnType<'refuse' | 'queue', 'refuse' | 'queue' | undefined, 'refuse' | 'queue'>;
  version: Generated<number>;
  created_at: Timestamp;
}

export interface SubPortalsTable {
  id: string;
  organization_id: string;
  portal_id: string;
  name: string;
  slug: string;
  position: number;
  created_at: Timestamp;
}

/** Teams a portal routes requests to, in order (the first is the fallback for devices without a team). */
export interface PortalTeamsTable {
  portal_id: string;
  team_id: string;
  organization_id: string;
  position: number;
}

/** Team or agent settings as stored (MC-5, SI-6); a missing key means "inherit from above". */
export interface AgentSettingsColumn {
  features?: Partial<
    Record<'recording' | 'drawing' | 'screenshots' | 'markers' | 'mirror' | 'chat', boolean>
  >;
  logSessions?: boolean;
}

export interface TeamsTable {
  id: string;
  organization_id: string;
  parent_id: string | null;
  name: string;
  /** Defaults for the team's agents, inherited down the tree. */
  settings: ColumnType<AgentSettingsColumn, string | undefined, string>;
  settings_version: Generated<number>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Soft delete: closed sessions keep naming the team; its agents and sub-teams moved on. */
  deleted_at: NullableTimestamp;
}

export interface UsersTable {
  id: string;
  organization_id: string;
  email: string;
  password_hash: string | null;
  /** A large import's password sealed with a server key until its hash is stored (MC-4). */
  pending_password: ColumnType<string | null, string | null | undefined, string | null>;
  role: 'company-manager' | 'team-manager' | 'api-manager' | 'agent';
  team_id: string | null;
  display_name: string;
  log_sessions: ColumnType<boolean, boolean | undefined, boolean>;
  first_name: ColumnType<string, string | undefined, string>;
  last_name: ColumnType<string, string | undefined, string>;
  custom_field: ColumnType<string | null, string | null | undefined, string | null>;
  /** en | de | es | pt */
  language: ColumnType<string, string | undefined, string>;
  /** IANA time zone. */
  time_zone: ColumnType<string, string | undefined, string>;
  /** Management rights granted (MC-1), see the domain's `ManagementRight`. */
  rights: ColumnType<string[], string | undefined, string>;
  /** Soft delete: past sessions keep the id, tokens stop working, the email is free again. */
  deleted_at: NullableTimestamp;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The agent's own setting overrides (MC-5); see `AgentSettingsColumn`. */
  settings: ColumnType<AgentSettingsColumn, string | undefined, string>;
  settings_version: Generated<number>;
}

export interface TeamManagersTable {
  user_id: string;
  team_id: string;
}

export interface DevicesTable {
  id: string;
  organization_id: string;
  portal_id: string;
  team_id: string | null;
  name: string;
  /** SI-3: allowed | denied | after-confirmation */
  summary_access: string;
  /** The agent the device is assigned to (VS-3); `null`: its team's agents. */
  assignee_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The organization manages the device (SI-4); only then may it carry a policy. */
  managed: ColumnType<boolean, boolean | undefined, boolean>;
  /** SI-4: the domain's `DevicePolicy`, `{ summaries, enforced }`. */
  policy: ColumnType<
    { summaries: boolean; enforced: boolean } | null,
    string | null | undefined,
    string | null
  >;
  /** Soft delete: sessions keep their device, its access codes stop working. */
  deleted_at: NullableTimestamp;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AccessCodesTable {
  id: Generated<string>;
  /** sha256 of the normalized code; the code itself is shown once and never stored. */
  code_hash: string;
  organization_id: string;
  device_id: string;
  /** The code's last four characters, to tell codes apart in a list. */
  hint: ColumnType<string, string | undefined, string>;
  created_at: Timestamp;
  created_by: ColumnType<string | null, string | null | undefined, string | null>;
  expires_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  /** Set for an invitation to one session (VS-5): its token reaches only that session. */
  session_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ApiKeysTable {
  id: string;
  organization_id: string;
  user_id: string;
  key_hash: string;
  name: ColumnType<string, string | undefined, string>;
  expires_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
  created_by: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
}

/** Integration tokens of host apps (SI-12); `scopes` are the domain's `IntegrationScope`s. */
export interface IntegrationTokensTable {
  id: string;
  organization_id: string;
  name: string;
  token_hash: string;
  scopes: JSONColumnType<string[]>;
  portal_ids: JSONColumnType<string[] | null, string | null, string | null>;
  team_ids: JSONColumnType<string[] | null, string | null, string | null>;
  created_by: string | null;
  created_at: Timestamp;
  expires_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
}

export interface SessionsTable {
  id: string;
  seq: Generated<string>;
  organization_id: string;
  device_id: string;
  portal_id: string;
  team_id: string | null;
  assignee_ids: JSONColumnType<string[]>;
  status: string;
  reason: string;
  ticket_links: JSONColumnType<string[]>;
  recording_consent: string | null;
  cancel_reason: string | null;
  /** A request accepted outside the portal's business hours waits until then (MC-6). */
  queued_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** When staff confirmed it (MC-9 time to confirm); null before, and for sessions confirmed before this was kept. */
  confirmed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** When the retention job removed the session's data (MC-14); the row keeps what reports need. */
  purged_at: NullableTimestamp;
  created_by_kind: string;
  created_by_id: string;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CallsTable {
  id: string;
  organization_id: string;
  session_id: string;
  transport: string;
  started_by_participant: string;
  started_at: Timestamp;
  ended_at: NullableTimestamp;
  end_reason: ColumnType<'hung-up' | 'abandoned' | null, 'hung-up' | 'abandoned' | null | undefined>;
}

export interface CallPresenceTable {
  call_id: string;
  participant_id: string;
  organization_id: string;
  role: 'customer' | 'staff';
  joined_at: Timestamp;
  last_seen_at: Timestamp;
  left_at: NullableTimestamp;
}

export interface ConsentsTable {
  id: Generated<string>;
  organization_id: string;
  session_id: string;
  kind: string;
  decision: string;
  outcome: string;
  actor_kind: string;
  actor_participant: string;
  created_at: Timestamp;
}

export interface OutboxTable {
  id: Generated<string>;
  organization_id: string;
  type: string;
  session_id: string | null;
  /** Who may see the event: a snapshot of the session's device, team, assignees (and portal, newer rows). */
  scope: JSONColumnType<{
    deviceId: string;
    teamId: string | null;
    assigneeIds: string[];
    portalId?: string;
  }>;
  data: JSONColumnType<Record<string, unknown>>;
  created_at: Timestamp;
}

export interface SignalsTable {
  id: Generated<string>;
  organization_id: string;
  call_id: string;
  from_participant: string;
  to_participant: string | null;
  payload: JSONColumnType<object | null>;
  created_at: Timestamp;
  /** Sent by a silent monitor (MC-8): answered by the participant's SDK apart from the call. */
  monitor: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface IdempotencyKeysTable {
  organization_id: string;
  actor_key: string;
  key: string;
  request_hash: string;
  status: number | null;
  response: JSONColumnType<object | null> | null;
  headers: JSONColumnType<Record<string, string>> | null;
  created_at: Timestamp;
}

export interface ScreenshotsTable {
  session_id: string;
  id: string;
  organization_id: string;
  /** Epoch ms as the capturing device saw it (a bigint: read back as a string). */
  captured_at: ColumnType<string, number, number>;
  captured_by: string;
  width: number;
  height: number;
  content_type: string;
  bytes: number;
  sha256: string;
  blob_key: string;
  created_at: Timestamp;
}

export interface ScreenshotOpsTable {
  session_id: string;
  screenshot_id: string;
  op_id: string;
  lamport: ColumnType<string, number, number>;
  author: string;
  op: JSONColumnType<Record<string, unknown>>;
  created_at: Timestamp;
}

/** Every outgoing mail (MC-2): `kept` without SMTP; with SMTP `pending` → `sent` | `failed`. */
export interface MailOutboxTable {
  id: Generated<string>;
  organization_id: string | null;
  /** What the mail is about: `password-reset`, `password-changed`, … */
  kind: string;
  recipient: string;
  subject: string;
  /** Dropped once delivered or given up on: the bodies may carry single-use links. */
  text_body: string | null;
  html_body: string | null;
  status: 'kept' | 'pending' | 'sent' | 'failed';
  attempts: Generated<number>;
  next_attempt_at: NullableTimestamp;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  message_id: ColumnType<string | null, string | null | undefined, string | null>;
  sent_at: NullableTimestamp;
  created_at: Timestamp;
  /** Files sent along (a report's CSV), dropped with the bodies once delivered. */
  attachments: ColumnType<MailAttachment[] | null, string | null | undefined, string | null>;
}

/** A file a mail carries: its name, media type and text content. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

/** Password-reset links (MC-2): only the SHA-256 of the token is stored; single use, expiring. */
export interface PasswordResetsTable {
  token_hash: string;
  user_id: string;
  organization_id: string;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  used_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface SettingsTable {
  key: string;
  value: string;
}

/** In-call chat and staff notes (VS-15); `id` is the sender's, unique per session. */
export interface SessionMessagesTable {
  session_id: string;
  id: string;
  seq: Generated<string>;
  organization_id: string;
  kind: 'chat' | 'note';
  author_kind: 'customer' | 'staff';
  /** The user id, or the device id for a customer. */
  author_id: string;
  author_participant: string;
  text: string;
  created_at: Timestamp;
}

/** A rating of a session by its customer or a staff member holding it (MC-15); once per rater. */
export interface SessionRatingsTable {
  id: string;
  session_id: string;
  organization_id: string;
  rater_kind: 'customer' | 'staff';
  /** The user id, or the device id for a customer. */
  rater_id: string;
  rater_participant: string;
  score: number;
  comment: string | null;
  created_at: Timestamp;
}

/** The AI-credit ledger (SI-11), the rows behind the domain's `CreditLedgerEntry`. */
export interface CreditLedgerTable {
  id: Generated<string>;
  organization_id: string;
  type: 'grant-monthly' | 'grant-addon' | 'debit' | 'reset';
  amount: number;
  at: ColumnType<Date, Date | string, Date | string>;
  /** `YYYY-MM` of a monthly grant, in the organization's time zone. */
  period: ColumnType<string | null, string | null | undefined, string | null>;
  expires_at: NullableTimestamp;
  purchase_id: ColumnType<string | null, string | null | undefined, string | null>;
  session_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
}

/** One AI summary per session (SI-7…SI-10); `skipped`/`failed` rows carry the reason. */
export interface SummariesTable {
  id: string;
  organization_id: string;
  session_id: string;
  status: 'generating' | 'ready' | 'skipped' | 'failed';
  reason: ColumnType<string | null, string | null | undefined, string | null>;
  title: ColumnType<string | null, string | null | undefined, string | null>;
  problem: ColumnType<string | null, string | null | undefined, string | null>;
  steps: ColumnType<string[], string | undefined, string>;
  resolution: ColumnType<string | null, string | null | undefined, string | null>;
  follow_ups: ColumnType<string[], string | undefined, string>;
  issue_type: ColumnType<string | null, string | null | undefined, string | null>;
  applications: ColumnType<string[], string | undefined, string>;
  devices: ColumnType<string[], string | undefined, string>;
  language: ColumnType<string | null, string | null | undefined, string | null>;
  summarizer: ColumnType<string | null, string | null | undefined, string | null>;
  edited_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** The integration token that made the last edit, when a host app made it (SI-12). */
  edited_by_integration: ColumnType<string | null, string | null | undefined, string | null>;
  edited_at: NullableTimestamp;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
  deleted_by: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Durable "summarize this session" work (SI-7): claimed with a lease, survives a restart. */
export interface SummaryJobsTable {
  session_id: string;
  organization_id: string;
  status: 'pending' | 'running' | 'done';
  attempts: Generated<number>;
  run_after: Timestamp;
  locked_until: NullableTimestamp;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A receiver of an organization's webhooks (SI-12); see migration 0013. */
export interface WebhookEndpointsTable {
  id: string;
  organization_id: string;
  url: string;
  description: ColumnType<string, string | undefined, string>;
  events: ColumnType<string[], string, string>;
  portal_ids: ColumnType<string[] | null, string | null, string | null>;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  disabled_reason: ColumnType<string | null, string | null | undefined, string | null>;
  disabled_at: NullableTimestamp;
  /** `whsec_…`, readable: the server signs with it. */
  secret: string;
  previous_secret: ColumnType<string | null, string | null | undefined, string | null>;
  previous_secret_expires_at: NullableTimestamp;
  after_outbox_id: ColumnType<string, string | number, string | number>;
  failing_since: NullableTimestamp;
  last_success_at: NullableTimestamp;
  created_by: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One event on its way to one endpoint; `id` is the `webhook-id`. */
export interface WebhookDeliveriesTable {
  id: string;
  organization_id: string;
  endpoint_id: string;
  outbox_id: ColumnType<string | null, string | number | null, string | number | null>;
  event_type: string;
  payload: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: ColumnType<number, number | undefined, number>;
  give_up_after: number;
  next_attempt_at: NullableTimestamp;
  last_status_code: ColumnType<number | null, number | null | undefined, number | null>;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  delivered_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  seq: Generated<string>;
}

/** One HTTP attempt of a delivery. */
export interface WebhookAttemptsTable {
  id: Generated<string>;
  delivery_id: string;
  at: Timestamp;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
  response_excerpt: string | null;
}

/** A sign-in throttle counter (see migration 0014). */
export interface AuthThrottlesTable {
  key: string;
  window_start: Timestamp;
  window_seconds: number;
  max_attempts: number;
  attempts: number;
  strikes: ColumnType<number, number | undefined, number>;
  blocked_until: NullableTimestamp;
  blocked_seconds: ColumnType<number, number | undefined, number>;
  tripped_at: NullableTimestamp;
  outcome: 'admitted' | 'penalty' | 'tripped' | 'blocked';
  expires_at: Timestamp;
}

/** One tripped sign-in limit: the audit trail of throttling, never the secret tried. */
export interface AuthThrottleTripsTable {
  id: Generated<string>;
  at: Timestamp;
  kind: AttemptKind;
  scope: 'client' | 'identifier' | 'organization';
  client: string;
  organization_id: string | null;
  subject: string | null;
  attempts: number;
  strike: number;
  blocked_seconds: number;
}

/** A participant's quality summary of one call (MC-10), the wire's `CallDiagnosticsSummary`. */
export interface CallDiagnosticsTable {
  call_id: string;
  participant_id: string;
  session_id: string;
  organization_id: string;
  role: 'customer' | 'staff';
  /** The user id, or the device id for a customer. */
  author_id: string;
  summary: JSONColumnType<Record<string, unknown>>;
  reports: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A blob the retention job still has to delete (written in the purge's transaction). */
export interface RetentionBlobDeletionsTable {
  blob_key: string;
  created_at: Timestamp;
}

/** Who runs a scheduled job now, until when (one process of several). */
export interface JobLeasesTable {
  name: string;
  holder: string;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

/** The database as Kysely sees it; one interface per table, snake_case columns as in SQL. */
export interface Database {
  organizations: OrganizationsTable;
  portals: PortalsTable;
  sub_portals: SubPortalsTable;
  portal_teams: PortalTeamsTable;
  teams: TeamsTable;
  users: UsersTable;
  team_managers: TeamManagersTable;
  devices: DevicesTable;
  access_codes: AccessCodesTable;
  api_keys: ApiKeysTable;
  integration_tokens: IntegrationTokensTable;
  sessions: SessionsTable;
  calls: CallsTable;
  call_presence: CallPresenceTable;
  consents: ConsentsTable;
  outbox: OutboxTable;
  signals: SignalsTable;
  idempotency_keys: IdempotencyKeysTable;
  settings: SettingsTable;
  screenshots: ScreenshotsTable;
  screenshot_ops: ScreenshotOpsTable;
  mail_outbox: MailOutboxTable;
  password_resets: PasswordResetsTable;
  session_messages: SessionMessagesTable;
  credit_ledger: CreditLedgerTable;
  summaries: SummariesTable;
  summary_jobs: SummaryJobsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  auth_throttles: AuthThrottlesTable;
  auth_throttle_trips: AuthThrottleTripsTable;
  session_ratings: SessionRatingsTable;
  call_diagnostics: CallDiagnosticsTable;
  retention_blob_deletions: RetentionBlobDeletionsTable;
  job_leases: JobLeasesTable;
  presence_consoles: PresenceConsolesTable;
  presence: PresenceTable;
  dashboards: DashboardsTable;
  saved_reports: SavedReportsTable;
  call_monitors: CallMonitorsTable;
  replay_keys: ReplayKeysTable;
  recordings: RecordingsTable;
  monthly_reports: MonthlyReportsTable;
}

/** An open console of a staff member (MC-7): its event stream refreshes `last_seen_at`. */
export interface PresenceConsolesTable {
  id: string;
  organization_id: string;
  user_id: string;
  opened_at: Timestamp;
  last_seen_at: Timestamp;
}
/** A staff member's presence choice and the status last announced (MC-7). */
export interface PresenceTable {
  user_id: string;
  organization_id: string;
  chosen: ColumnType<'available' | 'away', 'available' | 'away' | undefined, 'available' | 'away'>;
  announced: ColumnType<string, string | undefined, string>;
  changed_at: Timestamp;
}
/** A manager's dashboard (MC-7): monitors and whom it is shared with. */
export interface DashboardsTable {
  id: string;
  organization_id: string;
  owner_id: string;
  name: string;
  monitors: JSONColumnType<Record<string, unknown>[]>;
  shared_with: JSONColumnType<string[]>;
  shared_with_organization: boolean;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A manager's saved report (MC-9): what to run, over which period, and whom to email it when. */
export interface SavedReportsTable {
  id: string;
  organization_id: string;
  owner_id: string;
  name: string;
  kind: string;
  filters: JSONColumnType<{ portal?: string; team?: string; agent?: string }>;
  period: string;
  period_from: NullableTimestamp;
  period_to: NullableTimestamp;
  format: string;
  schedule: string;
  recipients: JSONColumnType<string[]>;
  next_run_at: NullableTimestamp;
  last_sent_at: NullableTimestamp;
  created_at: Timestamp;
}

/** A report computed on the first of a month for the month before (MC-9), kept a year. */
export interface MonthlyReportsTable {
  id: string;
  organization_id: string;
  month: string;
  kind: string;
  period_from: Timestamp;
  period_to: Timestamp;
  rows: JSONColumnType<Record<string, string | number | null>[]>;
  created_at: Timestamp;
}

/** One silent monitoring of a call (MC-8): the audit log of who watched which call when. */
export interface CallMonitorsTable {
  id: string;
  organization_id: string;
  session_id: string;
  call_id: string;
  user_id: string;
  participant_id: string;
  transport: string;
  started_at: Timestamp;
  ended_at: NullableTimestamp;
}

/** A portal's replay key pair (MC-13): the private half sealed under the passphrase's derived key. */
export interface ReplayKeysTable {
  id: string;
  organization_id: string;
  portal_id: string;
  /** SPKI, base64. */
  public_key: string;
  /** PKCS#8 sealed with AES-256-GCM: base64 of nonce ‖ ciphertext ‖ tag. */
  sealed_private_key: string;
  kdf: JSONColumnType<{ name: 'scrypt'; logN: number; r: number; p: number; salt: string }>;
  created_by: string;
  created_at: Timestamp;
  changed_at: NullableTimestamp;
  retired_at: NullableTimestamp;
}

/** One recording of a session's call (VS-10, VS-15, MC-12…MC-14). */
export interface RecordingsTable {
  id: string;
  organization_id: string;
  session_id: string;
  call_id: string;
  portal_id: string;
  team_id: string | null;
  started_by: string;
  started_at: Timestamp;
  stopped_at: NullableTimestamp;
  status: 'recording' | 'stopped' | 'available' | 'local' | 'purged';
  storage: 'server' | 'local';
  mime_type: string;
  cipher: string;
  duration_ms: number | null;
  bytes: number | null;
  sha256: string | null;
  stop_reason: string | null;
  replay_key_id: string | null;
  wrapped_data_key: string | null;
  data_key: string | null;
  blob_key: string | null;
  uploaded_bytes: Generated<number>;
  available_at: NullableTimestamp;
}
