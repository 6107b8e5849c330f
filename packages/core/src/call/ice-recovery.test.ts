import { describe, expect, it } from 'vitest';
import {
  type IceObservation,
  onIceChange,
  onRestartDue,
  onSetupTimeout,
  setupState,
} from './ice-recovery.js';
import { exponentialBackoff } from './reconnect-policy.js';

const policy = exponentialBackoff({ baseMs: 500, maxMs: 4_000, maxAttempts: 3, disconnectedGraceMs: 2_000 });
const seen = (patch: Partial<IceObservation>): IceObservation => ({
  ice: 'new',
  renegotiating: false,
  everConnected: true,
  restartScheduled: false,
  failed: false,
  ...patch,
});

describe('onIceChange', () => {
  it('reports connected on connected/completed, but not mid-renegotiation', () => {
    expect(onIceChange(seen({ ice: 'connected' }), policy)).toEqual({ action: 'connected' });
    expect(onIceChange(seen({ ice: 'completed', everConnected: false }), policy)).toEqual({
      action: 'connected',
    });
    expect(onIceChange(seen({ ice: 'connected', renegotiating: true }), policy)).toEqual({ action: 'none' });
  });

  it('restarts after the grace period on disconnected, at once on failed', () => {
    expect(onIceChange(seen({ ice: 'disconnected' }), policy)).toEqual({ action: 'restart', afterMs: 2_000 });
    expect(onIceChange(seen({ ice: 'failed' }), policy)).toEqual({ action: 'restart', afterMs: 0 });
  });

  it('leaves setup to the watchdog, and never restarts twice or after giving up', () => {
    expect(onIceChange(seen({ ice: 'failed', everConnected: false }), policy)).toEqual({ action: 'none' });
    expect(onIceChange(seen({ ice: 'new', everConnected: false }), policy)).toEqual({ action: 'none' });
    expect(onIceChange(seen({ ice: 'failed', restartScheduled: true }), policy)).toEqual({ action: 'none' });
    expect(onIceChange(seen({ ice: 'failed', failed: true }), policy)).toEqual({ action: 'none' });
    expect(onIceChange(seen({ ice: 'checking' }), policy)).toEqual({ action: 'none' });
  });
});

describe('onRestartDue', () => {
  it('restarts with growing checks, then gives up after maxAttempts', () => {
    expect([0, 1, 2].map((n) => onRestartDue(n, policy))).toEqual([
      { action: 'restart', checkAgainMs: 500 },
      { action: 'restart', checkAgainMs: 1_000 },
      { action: 'restart', checkAgainMs: 2_000 },
    ]);
    expect(onRestartDue(3, policy)).toEqual({ action: 'give-up', attempts: 3 });
  });
});

describe('onSetupTimeout', () => {
  it('lets only the initiator rebuild: at once first, then backing off, then gives up', () => {
    expect(onSetupTimeout({ initiator: false, rebuilds: 0 }, policy)).toEqual({ action: 'wait' });
    expect([0, 1, 2].map((rebuilds) => onSetupTimeout({ initiator: true, rebuilds }, policy))).toEqual([
      { action: 'rebuild', afterMs: 0 },
      { action: 'rebuild', afterMs: 500 },
      { action: 'rebuild', afterMs: 1_000 },
    ]);
    expect(onSetupTimeout({ initiator: true, rebuilds: 3 }, policy)).toEqual({
      action: 'give-up',
      rebuilds: 3,
    });
  });
});

describe('setupState', () => {
  it('shows reconnecting only once media had been up', () => {
    expect(setupState(false)).toBe('connecting');
    expect(setupState(true)).toBe('reconnecting');
  });
});
