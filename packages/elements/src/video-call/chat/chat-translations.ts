// The table of each language is in the call's texts (`../terms/`), one chunk per language.

/** The in-call chat's texts (VS-15). */
export interface ChatTerms {
  chat: string;
  unread: (n: number) => string;
  message: string;
  send: string;
  note: string;
  noteHint: string;
  sending: string;
  failed: string;
  retry: string;
  you: string;
  /** The other side when a line carries no name: the customer (seen by staff) or support (seen by the customer). */
  customer: string;
  support: string;
  empty: string;
}
