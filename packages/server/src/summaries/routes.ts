import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, Services } from '../context.js';

/** Routes of this capability (filled in as it is built). */
export function registerSummaryRoutes(_app: OpenAPIHono<AppEnv>, _services: Services): void {}
