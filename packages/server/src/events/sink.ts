/** Bytes a stream may hold unsent before the server gives up on its client (see {@link EventSink}). */
export const SINK_LIMIT_BYTES = 4 * 1024 * 1024;

const encoder = new TextEncoder();

/**
 * The body of one event stream, written synchronously: the fan-out hands the same bytes to every
 * stream of a class in one pass, without a promise or a web stream transform per write. A client
 * that stops reading is cut off once {@link SINK_LIMIT_BYTES} wait for it; it reconnects with
 * `Last-Event-ID` and loses nothing.
 * @example
 * const sink = new EventSink(() => console.log('client left'));
 * sink.write(sink.encode(': hello\n\n'));
 * return new Response(sink.body);
 */
export class EventSink {
  readonly body: ReadableStream<Uint8Array>;
  #controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  #closed = false;

  /** `onGone` runs once when the client leaves, or the sink is closed or cut off. */
  constructor(private readonly onGone: () => void) {
    this.body = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.#controller = controller;
        },
        cancel: () => this.#gone(),
      },
      new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
    );
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** UTF-8 bytes of `text`, to write to one sink or share between many. */
  encode(text: string): Uint8Array {
    return encoder.encode(text);
  }

  /** Queues `bytes`; false when the sink is closed, or was cut off for holding too much. */
  write(bytes: Uint8Array): boolean {
    if (this.#closed || !this.#controller) return false;
    this.#controller.enqueue(bytes);
    if ((this.#controller.desiredSize ?? 0) < -SINK_LIMIT_BYTES) {
      this.close();
      return false;
    }
    return true;
  }

  /** Ends the stream after what is queued. */
  close(): void {
    if (this.#closed) return;
    try {
      this.#controller?.close();
    } catch {
      // Already cancelled by the client.
    }
    this.#gone();
  }

  #gone(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.onGone();
  }
}
