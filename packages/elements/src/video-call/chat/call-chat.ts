import type { MediaTransport, Sightline } from '../../shared/sdk.js';

/** One line of the chat as the panel shows it. */
export interface ChatLine {
  id: string;
  kind: 'chat' | 'note';
  mine: boolean;
  author: string;
  text: string;
  at: string;
  state: 'sending' | 'sent' | 'failed';
}

interface Host {
  requestUpdate(): void;
}

/** A chat message as it travels over the call's data channel. */
interface ChatWire {
  type: 'chat';
  id: string;
  text: string;
  at: string;
  author: string;
}

function isChatWire(m: unknown): m is ChatWire {
  const x = m as Partial<ChatWire>;
  return (
    x?.type === 'chat' &&
    typeof x.id === 'string' &&
    /^[A-Za-z0-9_-]{1,64}$/.test(x.id) &&
    typeof x.text === 'string' &&
    x.text.length > 0 &&
    x.text.length <= 4000 &&
    typeof x.at === 'string' &&
    typeof x.author === 'string'
  );
}

/**
 * The in-call chat (VS-15): a message is shown at once, sent over the call's data channel for speed
 * and persisted through `POST /v1/sessions/{id}/messages` (retried; marked failed with a retry
 * button when it keeps failing), so nothing is lost on a drop. Received lines come from the data
 * channel and from the event stream, deduplicated by id; joining the call loads the history.
 * Staff can write private notes, which never go over the data channel.
 */
export class CallChat {
  lines: ChatLine[] = [];
  unread = 0;
  open = false;
  /** Staff writing a private note instead of a chat line. */
  noteMode = false;
  #transport: MediaTransport | undefined;
  #subs: { unsubscribe(): void }[] = [];
  #loadedFor = '';

  constructor(
    private readonly host: Host,
    private readonly ctx: { sdk: () => Sightline | undefined; sessionId: () => string; myName: () => string },
  ) {}

  /** Follows the call's transport and the session's event stream. */
  attach(transport: MediaTransport | undefined): void {
    if (transport === this.#transport) return;
    this.detach();
    this.#transport = transport;
    const sdk = this.ctx.sdk();
    if (!transport || !sdk) return;
    this.#subs.push(
      transport.messages$.subscribe(({ message }) => {
        if (isChatWire(message))
          this.#receive({
            id: message.id,
            kind: 'chat',
            text: message.text,
            at: message.at,
            author: message.author,
          });
      }),
      sdk.events$.subscribe((e) => {
        if (e.type !== 'other' || e.name !== 'message.created' || e.sessionId !== this.ctx.sessionId())
          return;
        const m = (
          e.data as {
            message?: {
              id: string;
              kind: 'chat' | 'note';
              text: string;
              createdAt: string;
              author: { displayName: string; participantId: string };
            };
          }
        ).message;
        if (m)
          this.#receive({
            id: m.id,
            kind: m.kind,
            text: m.text,
            at: m.createdAt,
            author: m.author.displayName,
          });
      }),
    );
    if (this.#loadedFor !== this.ctx.sessionId()) void this.#loadHistory();
  }

  detach(): void {
    for (const s of this.#subs) s.unsubscribe();
    this.#subs = [];
    this.#transport = undefined;
  }

  toggle(): void {
    this.open = !this.open;
    if (this.open) this.unread = 0;
    this.host.requestUpdate();
  }

  async #loadHistory(): Promise<void> {
    const sdk = this.ctx.sdk();
    const sessionId = this.ctx.sessionId();
    if (!sdk || !sessionId) return;
    this.#loadedFor = sessionId;
    const { data } = await sdk.api.GET('/v1/sessions/{id}/messages', {
      params: { path: { id: sessionId }, query: { limit: 500 } },
    });
    for (const m of data?.items ?? []) {
      this.#merge(
        {
          id: m.id,
          kind: m.kind,
          mine: false,
          author: m.author.displayName,
          text: m.text,
          at: m.createdAt,
          state: 'sent',
        },
        false,
      );
    }
    this.host.requestUpdate();
  }

  #receive(line: Omit<ChatLine, 'mine' | 'state'>): void {
    const fresh = this.#merge({ ...line, mine: false, state: 'sent' }, true);
    if (fresh && !this.open) this.unread += 1;
    this.host.requestUpdate();
  }

  /** Adds a line unless its id is there; true when it was new. */
  #merge(line: ChatLine, live: boolean): boolean {
    const existing = this.lines.find((l) => l.id === line.id);
    if (existing) {
      if (existing.state !== 'sent' && line.state === 'sent') existing.state = 'sent';
      return false;
    }
    this.lines = [...this.lines, line].sort((a, b) => (live ? 0 : Date.parse(a.at) - Date.parse(b.at)));
    return true;
  }

  /** Sends a chat line (over the call and to the server) or writes a note (server only). */
  async send(text: string, kind: 'chat' | 'note' = 'chat'): Promise<void> {
    const trimmed = text.trim();
    if (!trimmed) return;
    const id = crypto.randomUUID().replaceAll('-', '');
    const at = new Date().toISOString();
    const author = this.ctx.myName();
    this.lines = [...this.lines, { id, kind, mine: true, author, text: trimmed, at, state: 'sending' }];
    this.host.requestUpdate();
    if (kind === 'chat') this.#transport?.send({ type: 'chat', id, text: trimmed, at, author });
    await this.#persist(id, kind, trimmed);
  }

  /** Persists a line again after a failure. */
  async retry(id: string): Promise<void> {
    const line = this.lines.find((l) => l.id === id);
    if (!line) return;
    line.state = 'sending';
    this.host.requestUpdate();
    await this.#persist(id, line.kind, line.text);
  }

  async #persist(id: string, kind: 'chat' | 'note', text: string): Promise<void> {
    const sdk = this.ctx.sdk();
    const line = () => this.lines.find((l) => l.id === id);
    for (let attempt = 0; attempt < 3; attempt++) {
      const res = await sdk?.api.POST('/v1/sessions/{id}/messages', {
        params: { path: { id: this.ctx.sessionId() } },
        body: { id, kind, text },
      });
      if (res && !res.error) {
        const l = line();
        if (l) l.state = 'sent';
        this.host.requestUpdate();
        return;
      }
      if (res?.error && res.error.status >= 400 && res.error.status < 500) break;
      await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
    }
    const l = line();
    if (l) l.state = 'failed';
    this.host.requestUpdate();
  }
}
