/**
 * The tracking Web Worker entry: wires {@link createTrackingHost} to the worker's message port. Start
 * it with `createTrackingWorker()`, or point a bundler at this module.
 */
import { createTrackingHost } from './tracking-host.js';

// Typed locally: core compiles against the DOM lib, where `self` is a Window.
interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

const scope = globalThis as unknown as WorkerScope;
const host = createTrackingHost((message) => scope.postMessage(message));
scope.addEventListener('message', (event) => host.handle(event.data));
