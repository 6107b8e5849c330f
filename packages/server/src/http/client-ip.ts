import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** The connecting peer's address, the key of per-client throttles ('local' for in-process requests). */
export function clientIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'local';
  }
}
