import { firstValueFrom, timeout } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransport } from './create-transport.js';
import { createLiveKitTransport, type LiveKitModule } from './livekit-transport.js';
import type { ConnectionState } from './media-transport.js';

// Without a LiveKit server the transport is exercised against a small fake of the livekit-client
// surface it uses; the real server run lives in livekit-transport.browser.test.ts (LIVEKIT_URL).

type Handler = (...args: unknown[]) => void;
class FakeRoom {
  static last: FakeRoom | undefined;
  handlers = new Map<string, Handler[]>();
  published: { data: Uint8Array; options: unknown }[] = [];
  calls: string[] = [];
  remoteParticipants = new Map();
  connected = false;
  localParticipant = {
    setMicrophoneEnabled: async (on: boolean) => this.calls.push(`mic:${on}`),
    setCameraEnabled: async (on: boolean, options: unknown) =>
      this.calls.push(`camera:${on}:${JSON.stringify(options)}`),
    publishTrack: async (track: FakeTrack) => this.calls.push(`publish:${track.kind}`),
    publishData: async (data: Uint8Array, options: unknown) => {
      this.published.push({ data, options });
    },
    getTrackPublication: () => undefined,
  };
  constructor() {
    FakeRoom.last = this;
  }
  on(event: string, handler: Handler) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  once(event: string, handler: Handler) {
    const once: Handler = (...args) => {
      this.handlers.set(
        event,
        (this.handlers.get(event) ?? []).filter((h) => h !== once),
      );
      handler(...args);
    };
    return this.on(event, once);
  }
  emit(event: string, ...args: unknown[]) {
    for (const h of this.handlers.get(event) ?? []) h(...args);
  }
  /** When set, the signal connection waits for it (a slow server). */
  static signalling: Promise<void> | undefined;
  /** When set, the media connection waits for it (after the signal connection). */
  static connecting: Promise<void> | undefined;
  async connect(url: string) {
    if (url === 'wss://refused') throw Object.assign(new Error('401'), { name: 'ConnectionError' });
    // The signal connection comes first (`signalling`); the media connection takes longer (`connecting`).
    await FakeRoom.signalling;
    this.emit('signalConnected');
    await FakeRoom.connecting;
    this.connected = true;
    this.emit('connectionStateChanged', 'connected');
  }
  async disconnect() {
    this.calls.push('disconnect');
  }
  async switchActiveDevice(_kind: string, deviceId: string) {
    return deviceId !== 'missing';
  }
}
/** A captured track of the fake: its kind, and whether it was stopped. */
class FakeTrack {
  stopped = false;
  readonly mediaStreamTrack = { enabled: true };
  constructor(readonly kind: 'audio' | 'video') {}
  stop() {
    this.stopped = true;
  }
}
/** What each capture asked for and gave; `refuse` makes the next one fail as the browser would. */
const captures: { options: unknown; tracks: FakeTrack[] }[] = [];
let refuse: string | undefined;
/** When set, captures answer once it resolves (a camera slow to open). */
let captureGate: Promise<void> | undefined;
const fakeModule = {
  Room: FakeRoom,
  createLocalTracks: async (options: { audio: unknown; video: unknown }) => {
    if (refuse) throw Object.assign(new Error('refused'), { name: refuse });
    await captureGate;
    const tracks = [
      ...(options.audio !== false ? [new FakeTrack('audio')] : []),
      ...(options.video ? [new FakeTrack('video')] : []),
    ];
    captures.push({ options, tracks });
    return tracks;
  },
  Track: {
    Source: { Camera: 'camera', Microphone: 'microphone' },
    Kind: { Audio: 'audio', Video: 'video' },
  },
  VideoQuality: { LOW: 0, MEDIUM: 1, HIGH: 2 },
} as unknown as LiveKitModule;
const loadLiveKit = async () => fakeModule;

const originalMediaStream = globalThis.MediaStream;
beforeAll(() => {
  globalThis.MediaStream = class {
    constructor(readonly tracks: unknown[] = []) {}
  } as unknown as typeof MediaStream;
});
afterAll(() => {
  globalThis.MediaStream = originalMediaStream;
});

/** A transport on the fake livekit-client, in a desktop browser. */
const desktopTransport = (role: 'staff' | 'customer') =>
  createLiveKitTransport({ url: 'wss://lk', token: 't', role, deps: { loadLiveKit, isPhone: () => false } });

describe('createLiveKitTransport (fake livekit-client)', () => {
  it('loads livekit-client only in join(), connects, and publishes the customer camera', async () => {
    let loads = 0;
    const transport = createLiveKitTransport({
      url: 'wss://lk',
      token: 't',
      role: 'customer',
      deps: {
        loadLiveKit: async () => {
          loads += 1;
          return fakeModule;
        },
        isPhone: () => true,
      },
    });
    expect(loads).toBe(0);
    expect((await transport.join()).ok).toBe(true);
    expect(loads).toBe(1);
    expect(await firstValueFrom(transport.connectionState$)).toBe('connected');
    // One capture while the room connects: the microphone and the phone's rear camera, both sent.
    expect(captures.at(-1)?.options).toEqual({
      audio: {},
      video: { resolution: { width: 1280, height: 720 }, facingMode: 'environment' },
    });
    expect(FakeRoom.last?.calls).toEqual(['publish:audio', 'publish:video']);
    await transport.leave();
    expect(FakeRoom.last?.calls.at(-1)).toBe('disconnect');
  });

  it('keeps the staff camera off by default (VS-9)', async () => {
    const transport = createLiveKitTransport({
      url: 'wss://lk',
      token: 't',
      role: 'staff',
      deps: { loadLiveKit },
    });
    await transport.join();
    expect(captures.at(-1)?.options).toEqual({ audio: {}, video: false });
    expect(FakeRoom.last?.calls).toEqual(['publish:audio']);
    expect((await firstValueFrom(transport.localMedia$)).cameraEnabled).toBe(false);
  });

  it('a camera turned off before the signal connection is up is not sent, and its track stops; a muted start publishes then mutes (VS-9, issue 13)', async () => {
    const transport = desktopTransport('customer');
    let signalled!: () => void;
    FakeRoom.signalling = new Promise((r) => {
      signalled = r;
    });
    const before = captures.length;
    const joining = transport.join();
    try {
      while (captures.length === before) await new Promise((r) => setTimeout(r, 1));
      // The capture (with the camera) runs while the room connects; the choices come meanwhile.
      await transport.setCameraEnabled(false);
      await transport.setMicrophoneEnabled(false);
    } finally {
      signalled();
      FakeRoom.signalling = undefined;
    }
    expect((await joining).ok).toBe(true);
    const video = captures.at(-1)?.tracks.find((t) => t.kind === 'video');
    expect(video?.stopped).toBe(true);
    expect(FakeRoom.last?.calls).toEqual(['publish:audio', 'mic:false']);
  });

  it('the capture goes out once the signal connection is up, before the media connection; a camera turned off then sends black at once and is muted when the join ends (VS-9, issue 13)', async () => {
    const transport = desktopTransport('customer');
    const joined = await joinSlowly(transport, async () => {
      const until = Date.now() + 1000;
      while ((FakeRoom.last?.calls.length ?? 0) < 2 && Date.now() < until)
        await new Promise((r) => setTimeout(r, 1));
      // Still connecting: both tracks are being published already.
      expect(FakeRoom.last?.calls).toEqual(['publish:audio', 'publish:video']);
      await transport.setCameraEnabled(false);
      const video = captures.at(-1)?.tracks.find((t) => t.kind === 'video');
      expect(video?.mediaStreamTrack.enabled).toBe(false);
    });
    expect(joined.ok).toBe(true);
    expect(FakeRoom.last?.calls.slice(2)).toEqual([
      `camera:false:${JSON.stringify({ resolution: { width: 1280, height: 720 } })}`,
    ]);
  });

  /** Joins with the room's connection held open until `during` has run. */
  async function joinSlowly(
    transport: ReturnType<typeof createLiveKitTransport>,
    during: () => Promise<void>,
  ) {
    let connected!: () => void;
    FakeRoom.connecting = new Promise((r) => {
      connected = r;
    });
    const before = captures.length;
    const joining = transport.join();
    try {
      while (captures.length === before) await new Promise((r) => setTimeout(r, 1));
      await during();
    } finally {
      connected();
      FakeRoom.connecting = undefined;
    }
    return joining;
  }

  it('a camera turned on while joining opens at once, not after the join, and goes out with the microphone (VS-9, issue 13)', async () => {
    const transport = desktopTransport('staff');
    const before = captures.length;
    const joined = await joinSlowly(transport, async () => {
      await transport.setCameraEnabled(true);
      // Still connecting: the camera's capture has started all the same.
      expect(captures.slice(before).map((c) => c.options)).toEqual([
        { audio: {}, video: false },
        { audio: false, video: { resolution: { width: 1280, height: 720 } } },
      ]);
    });
    expect(joined.ok).toBe(true);
    expect(FakeRoom.last?.calls).toEqual(['publish:audio', 'publish:video']);
    expect((await firstValueFrom(transport.localMedia$)).cameraEnabled).toBe(true);
  });

  it('a camera turned on and off again while joining is not sent, and its track stops (VS-9)', async () => {
    const transport = desktopTransport('staff');
    const joined = await joinSlowly(transport, async () => {
      await transport.setCameraEnabled(true);
      await transport.setCameraEnabled(false);
      await transport.setCameraEnabled(true);
      await transport.setCameraEnabled(false);
    });
    expect(joined.ok).toBe(true);
    const videos = captures.flatMap((c) => c.tracks).filter((t) => t.kind === 'video');
    expect(videos.at(-1)?.stopped).toBe(true);
    expect(captures.at(-1)?.options).toMatchObject({ audio: false });
    expect(captures.at(-2)?.options).toMatchObject({ video: false });
    expect(FakeRoom.last?.calls).toEqual(['publish:audio']);
  });

  it('a camera turned on while joining that the browser refuses fails the join with the refusal', async () => {
    const transport = desktopTransport('staff');
    const joined = await joinSlowly(transport, async () => {
      refuse = 'NotReadableError';
      try {
        await transport.setCameraEnabled(true);
      } finally {
        refuse = undefined;
      }
    });
    expect(joined.ok === false && joined.error.code).toBe('device-in-use');
  });

  it('a subscribed video starts on the lowest layer, stays enabled, and asks for the top layer once its frames arrive (VS-9, issue 13)', async () => {
    const transport = desktopTransport('staff');
    await transport.join();
    const asked: string[] = [];
    let sources: object[] = [];
    const publication = (kind: 'audio' | 'video') => ({
      kind,
      isSubscribed: true,
      track: { receiver: { getSynchronizationSources: () => sources } },
      setVideoQuality: (q: number) => asked.push(`${kind} quality ${q}`),
      setEnabled: (on: boolean) => asked.push(`${kind} enabled ${on}`),
    });
    FakeRoom.last?.emit('trackSubscribed', {}, publication('audio'));
    FakeRoom.last?.emit('trackSubscribed', {}, publication('video'));
    expect(asked).toEqual(['video quality 0', 'video enabled true']);
    // No frame yet: still the lowest layer.
    await new Promise((r) => setTimeout(r, 150));
    expect(asked).toHaveLength(2);
    sources = [{ source: 1 }];
    const until = Date.now() + 1000;
    while (asked.length === 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    expect(asked).toEqual(['video quality 0', 'video enabled true', 'video quality 2']);
    await transport.leave();
  });

  it('a capture that ends after the room connected is published then, and nothing else is opened (VS-9, issue 13)', async () => {
    const transport = desktopTransport('customer');
    let open!: () => void;
    captureGate = new Promise((r) => {
      open = r;
    });
    const before = captures.length;
    try {
      const joining = transport.join();
      const until = Date.now() + 1000;
      while (!FakeRoom.last?.connected && Date.now() < until) await new Promise((r) => setTimeout(r, 1));
      expect(FakeRoom.last?.connected).toBe(true);
      open();
      expect((await joining).ok).toBe(true);
    } finally {
      captureGate = undefined;
    }
    expect(captures.length - before).toBe(1);
    expect(FakeRoom.last?.calls).toEqual(['publish:audio', 'publish:video']);
  });

  it('a capture the browser refuses fails the join with the refusal', async () => {
    refuse = 'NotAllowedError';
    try {
      const transport = desktopTransport('customer');
      const joined = await transport.join();
      expect(joined.ok === false && joined.error.code).toBe('permission-denied');
      expect(FakeRoom.last?.calls.filter((c) => c.startsWith('publish'))).toEqual([]);
    } finally {
      refuse = undefined;
    }
  });

  it('maps reconnecting/reconnected to the connection state', async () => {
    const transport = createLiveKitTransport({
      url: 'wss://lk',
      token: 't',
      role: 'staff',
      deps: { loadLiveKit },
    });
    const states: ConnectionState[] = [];
    transport.connectionState$.subscribe((s) => states.push(s));
    await transport.join();
    FakeRoom.last?.emit('connectionStateChanged', 'signalReconnecting');
    FakeRoom.last?.emit('connectionStateChanged', 'connected');
    expect(states).toEqual(['idle', 'connecting', 'connected', 'reconnecting', 'connected']);
  });

  it('sends data reliably on the sightline topic and validates what it receives', async () => {
    const transport = createLiveKitTransport({
      url: 'wss://lk',
      token: 't',
      role: 'staff',
      deps: { loadLiveKit },
    });
    await transport.join();
    expect(transport.send({ type: 'chat', text: 'hi' }).ok).toBe(true);
    const sent = FakeRoom.last?.published[0];
    expect(new TextDecoder().decode(sent?.data)).toBe('{"v":1,"m":{"type":"chat","text":"hi"}}');
    expect(sent?.options).toEqual({ reliable: true, topic: 'sightline' });

    const message = firstValueFrom(transport.messages$.pipe(timeout(1_000)));
    const error = firstValueFrom(transport.errors$.pipe(timeout(1_000)));
    const encode = (s: string) => new TextEncoder().encode(s);
    FakeRoom.last?.emit(
      'dataReceived',
      encode('{"v":1,"m":{"type":"x"}}'),
      { identity: 'c' },
      0,
      'other-topic',
    );
    FakeRoom.last?.emit('dataReceived', encode('garbage'), { identity: 'c' }, 0, 'sightline');
    FakeRoom.last?.emit(
      'dataReceived',
      encode('{"v":1,"m":{"type":"chat"}}'),
      { identity: 'c' },
      0,
      'sightline',
    );
    expect((await error).code).toBe('invalid-message');
    expect(await message).toEqual({ from: 'c', message: { type: 'chat' } });
  });

  it('returns typed errors: refused connection, missing device, send before join', async () => {
    const refused = createLiveKitTransport({
      url: 'wss://refused',
      token: 't',
      role: 'staff',
      deps: { loadLiveKit },
    });
    const joined = await refused.join();
    expect(joined.ok === false && joined.error.code).toBe('connection-failed');
    expect(await firstValueFrom(refused.connectionState$)).toBe('failed');

    const transport = createLiveKitTransport({
      url: 'wss://lk',
      token: 't',
      role: 'staff',
      deps: { loadLiveKit },
    });
    const early = transport.send({ type: 'chat' });
    expect(early.ok === false && early.error.code).toBe('not-joined');
    await transport.join();
    const switched = await transport.switchDevice('videoinput', 'missing');
    expect(switched.ok === false && switched.error.code).toBe('device-not-found');

    const unloadable = createLiveKitTransport({
      url: 'wss://lk',
      token: 't',
      role: 'staff',
      deps: { loadLiveKit: () => Promise.reject(new Error('offline')) },
    });
    const failed = await unloadable.join();
    expect(failed.ok === false && failed.error.code).toBe('unsupported');
  });
});

describe('createTransport', () => {
  it('requires signaling for peer-to-peer calls', async () => {
    const r = await createTransport({ transport: 'p2p' }, { participantId: 'p', role: 'staff' });
    expect(r.ok === false && r.error.code).toBe('signaling-failed');
  });

  it('creates the LiveKit transport through a dynamic import', async () => {
    const r = await createTransport(
      { transport: 'livekit', url: 'wss://lk', token: 't' },
      { participantId: 'p', role: 'customer', livekit: { loadLiveKit, isPhone: () => false } },
    );
    expect(r.ok).toBe(true);
    if (r.ok) expect((await r.value.join()).ok).toBe(true);
  });
});
