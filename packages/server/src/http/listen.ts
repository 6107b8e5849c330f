import { readFileSync } from 'node:fs';
import { createSecureServer } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';

/** The certificate and key files to serve TLS with (PEM). */
export interface TlsFiles {
  certFile: string;
  keyFile: string;
}

export interface ListenOptions {
  port: number;
  hostname?: string;
  /** With these files: HTTP/2 over TLS, HTTP/1.1 for clients that do not offer h2. */
  tls?: TlsFiles | undefined;
}

type Fetch = Parameters<typeof serve>[0]['fetch'];

/**
 * Serves `fetch`: plain HTTP/1.1, or with `tls` HTTP/2 over TLS (ALPN picks it; HTTP/1.1 clients are
 * still answered). A browser opens at most six HTTP/1.1 connections per origin, shared by all its
 * tabs, and every event or signal stream holds one; over HTTP/2 they are streams of one connection.
 * The certificate and key are read at start: a missing or unreadable file stops the start.
 * @example
 * const server = listen(app.fetch, { port: 8443, tls: { certFile: 'cert.pem', keyFile: 'key.pem' } });
 */
export function listen(
  fetch: Fetch,
  options: ListenOptions,
  onListening?: (info: AddressInfo) => void,
): ServerType {
  const { port, hostname, tls } = options;
  const where = { port, ...(hostname ? { hostname } : {}) };
  if (!tls) return serve({ fetch, ...where }, onListening);
  return serve(
    {
      fetch,
      ...where,
      createServer: createSecureServer,
      serverOptions: { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile), allowHTTP1: true },
    },
    onListening,
  );
}
