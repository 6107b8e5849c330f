/**
 * Runs before each node test file (vitest.config.ts). The files of one worker share its process
 * (`isolate: false`), so what one file changes of the process, the next ones see.
 *
 * `serve()` of @hono/node-server replaces the global `Request` and `Response` with its own. Its
 * `RESPONSE_ALREADY_SENT` (how an event stream tells the adapter that it sent its answer itself,
 * http/node-fetch.ts) is made with whichever `Response` is global when its module first loads, and
 * is honoured only when made with node's own: the server's main.ts imports it before it serves.
 * Loaded here, before any test file can call `serve()`, it is made the same way in every worker.
 */
import '@hono/node-server/utils/response';
