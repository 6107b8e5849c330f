import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll } from 'vitest';
import { type Backend, createTestServer, type TestServer } from '../testing/harness.js';

/** A real SMTP server on an ephemeral loopback port that parses what it receives. For tests. */
export interface SmtpReceiver {
  /** `smtp://127.0.0.1:<port>`, for `SMTP_URL`. */
  url: string;
  /** Every mail accepted so far, in order. */
  readonly received: ParsedMail[];
  /** The next mail not yet taken (waits for it; fails after `timeoutMs`). */
  next(timeoutMs?: number): Promise<ParsedMail>;
  /** Mails accepted but not yet taken with {@link SmtpReceiver.next}. */
  pending(): number;
  /** Refuses the next `count` recipients with `code` (4xx: try again later, 5xx: for good). */
  refuse(count: number, code?: number): void;
  close(): Promise<void>;
}

/**
 * Starts the receiver.
 * @example
 * const smtp = await startSmtpReceiver();
 * const server = await createTestServer('pglite', { smtpUrl: smtp.url });
 * const mail = await smtp.next();
 */
export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const received: ParsedMail[] = [];
  const unread: ParsedMail[] = [];
  const waiters: ((mail: ParsedMail) => void)[] = [];
  let refusals = 0;
  let refusalCode = 451;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refusals > 0) {
        refusals--;
        const error = Object.assign(new Error(refusalCode >= 500 ? 'No such mailbox' : 'Try again later'), {
          responseCode: refusalCode,
        });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          const waiter = waiters.shift();
          if (waiter) waiter(mail);
          else unread.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    next(timeoutMs = 5_000) {
      const mail = unread.shift();
      if (mail) return Promise.resolve(mail);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no mail within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = (m: ParsedMail) => {
          clearTimeout(timer);
          resolve(m);
        };
        waiters.push(waiter);
      });
    },
    pending: () => unread.length,
    refuse(count, code = 451) {
      refusals = count;
      refusalCode = code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Declares in the enclosing suite a receiver and a test server on `backend` that sends through it
 * (started before the suite's tests, closed after them), and hands both to `started`.
 * @example
 * let smtp: SmtpReceiver;
 * let server: TestServer;
 * withSmtpServer(backend, () => new Date(), (s) => ({ smtp, server } = s));
 */
export function withSmtpServer(
  backend: Backend,
  clock: () => Date,
  started: (s: { smtp: SmtpReceiver; server: TestServer }) => void,
): void {
  let smtp: SmtpReceiver;
  let server: TestServer;
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    server = await createTestServer(backend, { smtpUrl: smtp.url }, clock);
    started({ smtp, server });
  });
  afterAll(async () => {
    await server.close();
    await smtp.close();
  });
}
