import { describe, expect, it } from 'vitest';
import { exponentialBackoff } from './reconnect-policy.js';

describe('exponentialBackoff', () => {
  it('doubles from the base delay up to the cap', () => {
    const policy = exponentialBackoff({ baseMs: 500, maxMs: 3_000, maxAttempts: 5 });
    expect([0, 1, 2, 3, 4].map((n) => policy.delayMs(n))).toEqual([500, 1_000, 2_000, 3_000, 3_000]);
    expect(policy.maxAttempts).toBe(5);
  });

  it('has bounded defaults', () => {
    const policy = exponentialBackoff();
    expect(policy.maxAttempts).toBeGreaterThan(0);
    expect(policy.delayMs(100)).toBe(8_000);
    expect(policy.disconnectedGraceMs).toBe(2_000);
    expect(policy.setupTimeoutMs).toBe(6_000);
    expect(exponentialBackoff({ setupTimeoutMs: 1_500 }).setupTimeoutMs).toBe(1_500);
  });
});
