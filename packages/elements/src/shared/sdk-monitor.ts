// Silent monitoring's SDK function (MC-8), apart from ./sdk.ts: every element imports that one, and
// a value import there would put the monitoring code into chunks the customer's page shares.
export type { CallMonitor, MonitoredParticipant } from '@sightline/core/sdk';
export { monitorCall } from '@sightline/core/sdk';
