/**
 * `GET /v1/me` latency probe for the fan-out benchmark, in a process of its own: the benchmark's own
 * process parses every event of its 1,000 subscribers, and a probe timed there would measure that
 * event loop's backlog, not the server. One request at a time over one kept-alive connection.
 *
 * Messages from the parent: `{ type: 'count', base, token, count }` answers the latencies of `count`
 * requests; `{ type: 'start', base, token }` measures until `{ type: 'stop' }`, then answers them.
 * It says `{ ready: true }` once loaded.
 */
import http from 'node:http';

type Message =
  | { type: 'count'; base: string; token: string; count: number }
  | { type: 'start'; base: string; token: string }
  | { type: 'stop' };

let stopped = false;

function me(agent: http.Agent, base: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.get(`${base}/v1/me`, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`/v1/me: ${res.statusCode}`));
        else resolve(performance.now() - t0);
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

async function measure(base: string, token: string, count: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  try {
    while (!stopped && latencies.length < count) latencies.push(await me(agent, base, token));
  } finally {
    agent.destroy();
  }
  return latencies;
}

process.on('message', (message: Message) => {
  if (message.type === 'stop') {
    stopped = true;
    return;
  }
  stopped = false;
  const count = message.type === 'count' ? message.count : Number.POSITIVE_INFINITY;
  measure(message.base, message.token, count).then(
    (latencies) => process.send?.({ latencies }),
    (e: Error) => process.send?.({ error: e.message }),
  );
});
process.send?.({ ready: true });
