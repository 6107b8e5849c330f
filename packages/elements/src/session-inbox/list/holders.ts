import type { ApiSession, Me, WireSession } from '../../shared/sdk.js';
import type { inboxTerms } from '../inbox-translations.js';

interface Holder {
  id: string;
  displayName: string;
  deleted: boolean;
}

/**
 * Who handles a session, in words: the holders' names, "You", or the text for nobody. Names are
 * remembered as sessions bring them, for a session that arrives without them (an event's payload).
 */
export class HolderNames {
  readonly #names = new Map<string, Holder>();

  describe(s: WireSession, me: Me & { kind: 'staff' }, empty: string, t: (typeof inboxTerms)['en']): string {
    if (s.assigneeIds.length === 0) return empty;
    const known = (s as Partial<ApiSession>).assignees ?? [];
    for (const h of known) this.#names.set(h.id, h);
    return s.assigneeIds
      .map((id) => {
        if (id === me.userId) return t.you;
        const h = this.#names.get(id);
        if (!h) return t.anotherAgent;
        return h.deleted ? t.deletedUser(h.displayName) : h.displayName;
      })
      .join(', ');
  }
}
