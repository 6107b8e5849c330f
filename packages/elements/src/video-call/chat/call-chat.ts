import type { components } from '@sightline/api-client';
import { newMessageId, parseChatDataMessage } from '@sightline/core/sdk';
import type { MediaTransport, Sightline } from '../../shared/sdk.js';

type Message = components['schemas']['Message'];

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

/** Who this side is: the name it signs lines with and its participant id (to tell its own lines). */
export interface ChatSelf {
  displayName: string;
  participantId: string;
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
  #sessionFor = '';

  constructor(
    private readonly host: Host,
    private readonly ctx: { sdk: () => Sightline | undefined; sessionId: () => string; self: () => ChatSelf },
  ) {}

  /** Follows the call's transport and the session's event stream. */
  attach(transport: MediaTransport | undefined): void {
    if (transport === this.#transport) return;
    this.detach();
    this.#transport = transport;
    if (this.#sessionFor !== this.ctx.sessionId()) {
      // Another session in the same element: start from its own history.
      this.#sessionFor = this.ctx.sessionId();
      this.lines = [];
      this.unread = 0;
    }
    const sdk = this.ctx.sdk();
    if (!transport || !sdk) return;
    this.#subs.push(
      transport.messages$.subscribe(({ message }) => {
        // Validated on receipt: anything that is not a well-formed chat line is dropped.
        const line = parseChatDataMessage(message);
        if (line)
          this.#receive({ id: line.id, kind: 'chat', text: line.text, at: line.at, author: line.author });
      }),
      sdk.events$.subscribe((e) => {
        if (e.type !== 'other' || e.name !== 'message.created' || e.sessionId !== this.ctx.sessionId())
          return;
        const m = (e.data as { message?: Message }).message;
        if (m)
          this.#receive({
            mine: m.author.participantId === this.ctx.self().participantId,
            id: m.id,
            kind: m.kind,
            text: m.text,
            at: m.createdAt,
            author: m.author.displayName,
          });
      }),
    );
    // Joining (and re-joining after a drop) loads the history: what was missed is merged in by id.
    void this.#loadHistory();
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
    const self = this.ctx.self().participantId;
    let after: string | undefined;
    try {
      do {
        const { data } = await sdk.api.GET('/v1/sessions/{id}/messages', {
          params: { path: { id: sessionId }, query: { limit: 500, ...(after ? { after } : {}) } },
        });
        for (const m of data?.items ?? []) {
          this.#merge({
            id: m.id,
            kind: m.kind,
            mine: m.author.participantId === self,
            author: m.author.displayName,
            text: m.text,
            at: m.createdAt,
            state: 'sent',
          });
        }
        after = data?.nextCursor ?? undefined;
      } while (after);
    } catch {
      // Offline: what the call delivers still shows; the next join loads the history again.
    }
    this.lines = [...this.lines].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    this.host.requestUpdate();
  }

  #receive(line: Omit<ChatLine, 'mine' | 'state'> & { mine?: boolean }): void {
    const fresh = this.#merge({ mine: false, ...line, state: 'sent' });
    if (fresh && !line.mine && !this.open) this.unread += 1;
    this.host.requestUpdate();
  }

  /** Adds a line unless its id is there; true when it was new. */
  #merge(line: ChatLine): boolean {
    const existing = this.lines.find((l) => l.id === line.id);
    if (existing) {
      if (existing.state !== 'sent' && line.state === 'sent') existing.state = 'sent';
      // The server's name for the author (e.g. the device's) wins over what came over the call.
      if (!existing.mine && line.author) existing.author = line.author;
      return false;
    }
    this.lines = [...this.lines, line];
    return true;
  }

  /** Sends a chat line (over the call and to the server) or writes a note (server only). */
  async send(text: string, kind: 'chat' | 'note' = 'chat'): Promise<void> {
    const trimmed = text.trim();
    if (!trimmed) return;
    const id = newMessageId();
    const at = new Date().toISOString();
    const author = this.ctx.self().displayName;
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
      // A network failure is retried like a 5xx; the same id makes a repeat harmless (VS-15).
      const res = await sdk?.api
        .POST('/v1/sessions/{id}/messages', {
          params: { path: { id: this.ctx.sessionId() } },
          body: { id, kind, text },
        })
        .catch(() => undefined);
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
