import { afterAll, beforeAll, expect, it } from 'vitest';
import { resetTeams } from '../teams/test-fixture.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

interface TeamSettings {
  settings: Record<string, boolean | null>;
  version: number;
}

forEachBackend('a team’s settings and their version are one snapshot (MC-5)', (backend) => {
  let server: TestServer;
  let cm: string;
  beforeAll(async () => {
    server = await createTestServer(backend);
    cm = await server.login(FIXTURE.managerEmail);
    await resetTeams(server);
  });
  afterAll(async () => server.close());

  it('read while changes commit, every answer’s settings are the ones its version (its ETag) names', async () => {
    const path = `/v1/teams/${FIXTURE.heatingTeamId}/settings`;
    const first = (await (await server.call('GET', path, { token: cm })).json()) as TeamSettings;
    /** What each version holds, as its writer was answered. */
    const written = new Map<number, boolean | null>([[first.version, first.settings.recording ?? null]]);
    const answers: TeamSettings[] = [];
    let writing = true;
    const writer = (async () => {
      let version = first.version;
      for (let i = 0; i < 60; i++) {
        const res = await server.call('PUT', path, {
          token: cm,
          body: { settings: { recording: i % 2 === 0 } },
          headers: { 'if-match': `"${version}"` },
        });
        expect(res.status).toBe(200);
        const body = (await res.json()) as TeamSettings;
        version = body.version;
        written.set(version, body.settings.recording ?? null);
        // A pause between changes, as between a person's clicks: on PGlite, where transactions run
        // one at a time, the reads get their turns.
        await new Promise((r) => setTimeout(r, 2));
      }
      writing = false;
    })();
    while (writing) {
      const res = await server.call('GET', path, { token: cm });
      expect(res.status).toBe(200);
      const body = (await res.json()) as TeamSettings;
      expect(res.headers.get('etag')).toBe(`"${body.version}"`);
      answers.push(body);
      await new Promise((r) => setImmediate(r));
    }
    await writer;
    expect(answers.length).toBeGreaterThan(20);
    for (const answer of answers) expect(answer.settings.recording).toBe(written.get(answer.version));
  });
});
