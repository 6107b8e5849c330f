/**
 * One server-sent event as defined by the WHATWG HTML "event stream interpretation" rules.
 * `id` is the last event id in force when the event was dispatched (it carries over between events).
 */
export interface ServerSentEvent {
  id: string | undefined;
  event: string;
  data: string;
}

/**
 * An incremental parser for `text/event-stream`: feed it decoded text chunks as they arrive (a chunk
 * may end in the middle of a line) and it returns the events completed by that chunk. Comment lines
 * (heartbeats) yield nothing. `retry` fields update {@link SseParser.retry}.
 *
 * @example
 * const parser = createSseParser();
 * parser.push('id: 7\nevent: session.changed\ndata: {"id":"s1"}\n\n'); // → [{ id: '7', event: 'session.changed', data: '{"id":"s1"}' }]
 */
export interface SseParser {
  push(chunk: string): ServerSentEvent[];
  /** The reconnection delay the server last asked for, in ms. */
  readonly retry: number | undefined;
  /** The last event id seen, to send as `Last-Event-ID` when reconnecting. */
  readonly lastEventId: string | undefined;
}

/** Creates an incremental `text/event-stream` parser. */
export function createSseParser(): SseParser {
  let buffer = '';
  let data: string[] = [];
  let eventType = '';
  let lastEventId: string | undefined;
  let retry: number | undefined;
  let sawBom = false;

  const dispatch = (out: ServerSentEvent[]) => {
    if (data.length > 0) out.push({ id: lastEventId, event: eventType || 'message', data: data.join('\n') });
    data = [];
    eventType = '';
  };

  const field = (line: string) => {
    const colon = line.indexOf(':');
    const name = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (name) {
      case 'data':
        data.push(value);
        break;
      case 'event':
        eventType = value;
        break;
      case 'id':
        // An id containing NULL is ignored by the spec.
        if (!value.includes('\0')) lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) retry = Number(value);
        break;
    }
  };

  return {
    push(chunk) {
      if (!sawBom) {
        sawBom = true;
        if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      }
      buffer += chunk;
      const out: ServerSentEvent[] = [];
      // Lines end in CRLF, LF or CR; a trailing CR may be the first half of a CRLF split across chunks.
      for (;;) {
        const match = /\r\n|\n|\r/.exec(buffer);
        if (!match) break;
        if (match[0] === '\r' && match.index === buffer.length - 1) break;
        const line = buffer.slice(0, match.index);
        buffer = buffer.slice(match.index + match[0].length);
        if (line === '') dispatch(out);
        else if (!line.startsWith(':')) field(line);
      }
      return out;
    },
    get retry() {
      return retry;
    },
    get lastEventId() {
      return lastEventId;
    },
  };
}
