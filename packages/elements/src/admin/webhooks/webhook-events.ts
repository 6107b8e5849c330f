import type { Schema } from '../shared/api.js';

/** A kind of webhook event, as the contract names it. */
export type WebhookEventType = Schema<'WebhookEventType'>;

/**
 * The event kinds offered as checkboxes, in the contract's order. Typed against the contract's enum
 * both ways: a name the contract lacks does not compile, and neither does this list once the
 * contract gains an event it does not offer.
 */
export const webhookEvents = [
  'session.requested',
  'session.confirmed',
  'session.completed',
  'summary.created',
  'summary.updated',
  'summary.deleted',
  'recording.available',
] as const satisfies readonly WebhookEventType[];

type Unoffered = Exclude<WebhookEventType, (typeof webhookEvents)[number]>;
/** Fails to compile while the contract has an event kind missing above. */
export const everyEventOffered: [Unoffered] extends [never] ? true : Unoffered = true;

/** The `events` value that subscribes to every event, also those added later. */
export const ALL_EVENTS = '*';
