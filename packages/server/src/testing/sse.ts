/** One parsed server-sent event. */
export interface ParsedEvent {
  id?: string;
  event?: string;
  data: string;
}

/**
 * Reads a server-sent event stream until `enough` says so (or the timeout passes), then cancels it
 * (the client dropping the connection). Returns the events and the comment lines seen.
 */
export async function readEvents(
  res: Response,
  enough: (events: ParsedEvent[]) => boolean,
  timeoutMs = 5_000,
): Promise<{ events: ParsedEvent[]; comments: string[] }> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: ParsedEvent[] = [];
  const comments: string[] = [];
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  try {
    while (!enough(events) && Date.now() < deadline) {
      const chunk = await Promise.race([
        reader.read(),
        new Promise<'timeout'>((resolve) =>
          setTimeout(() => resolve('timeout'), Math.max(1, deadline - Date.now())),
        ),
      ]);
      if (chunk === 'timeout' || chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event: ParsedEvent = { data: '' };
        let isEvent = false;
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) comments.push(line.slice(1).trim());
          else if (line.startsWith('id: ')) event.id = line.slice(4);
          else if (line.startsWith('event: ')) event.event = line.slice(7);
          else if (line.startsWith('data: ')) {
            event.data += line.slice(6);
            isEvent = true;
          }
        }
        if (isEvent) events.push(event);
        end = buffer.indexOf('\n\n');
      }
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return { events, comments };
}
