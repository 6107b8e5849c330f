import { connectEventStream, type EventStream } from '@sightline/core';
import type { Schema } from '../admin/shared/api.js';
import type { Problem, Sightline } from '../shared/sdk.js';

/** What each monitor shows now (MC-7). */
export type MonitorData = Schema<'MonitorData'>;

/** Where a dashboard's live view stands. */
export type LiveState =
  | { phase: 'connecting' }
  | { phase: 'live'; at: string; pausesAt: string }
  | { phase: 'reconnecting'; at: string; pausesAt: string }
  | { phase: 'paused'; pausedAt: string }
  | { phase: 'failed'; problem: Problem | undefined };

/**
 * Follows one dashboard live (MC-7): takes a snapshot (which starts a 12-hour watch), then the
 * dashboard's stream with that watch — every `snapshot` event replaces the monitors; nothing is
 * polled. At `paused` the stream is closed for good and the state says so; `start()` again resumes
 * with a new watch.
 * @example
 * const live = new DashboardLive(sdk, id, (monitors, state) => render(monitors, state));
 * await live.start(); // … live.stop();
 */
export class DashboardLive {
  #stream: EventStream | undefined;
  #state: LiveState = { phase: 'connecting' };
  #monitors: MonitorData[] = [];

  constructor(
    private readonly sdk: Sightline,
    readonly dashboardId: string,
    private readonly onChange: (monitors: MonitorData[], state: LiveState) => void,
  ) {}

  get state(): LiveState {
    return this.#state;
  }

  #set(state: LiveState, monitors = this.#monitors): void {
    this.#state = state;
    this.#monitors = monitors;
    this.onChange(monitors, state);
  }

  /** Takes a snapshot and follows the stream; resumes a paused view. */
  async start(): Promise<void> {
    this.stop();
    this.#set({ phase: 'connecting' });
    const r = await this.sdk.api.GET('/v1/dashboards/{id}/snapshot', {
      params: { path: { id: this.dashboardId } },
    });
    if (!r.data) {
      this.#set({ phase: 'failed', problem: r.error as Problem | undefined });
      return;
    }
    const { pausesAt, watch } = r.data;
    this.#set({ phase: 'live', at: r.data.at, pausesAt }, r.data.monitors);
    const stream = connectEventStream({
      url: `${this.sdk.baseUrl}/v1/dashboards/${encodeURIComponent(this.dashboardId)}/stream?watch=${encodeURIComponent(watch)}`,
      getToken: () => this.sdk.token,
    });
    this.#stream = stream;
    stream.events$.subscribe((e) => {
      if (e.event === 'snapshot') {
        const data = JSON.parse(e.data) as { at: string; monitors: MonitorData[] };
        this.#set({ phase: 'live', at: data.at, pausesAt }, data.monitors);
      } else if (e.event === 'paused') {
        // The server ends the stream; closing it here keeps it from reconnecting on its own.
        stream.close();
        this.#set({ phase: 'paused', pausedAt: (JSON.parse(e.data) as { pausedAt: string }).pausedAt });
      } else if (e.event === 'revoked') {
        stream.close();
        this.#set({ phase: 'failed', problem: undefined });
      }
    });
    stream.status$.subscribe((status) => {
      const s = this.#state;
      if (status === 'reconnecting' && s.phase === 'live') this.#set({ ...s, phase: 'reconnecting' });
    });
    stream.closed$.subscribe((closed) => {
      if (closed.reason === 'refused' && this.#state.phase !== 'paused')
        this.#set({ phase: 'failed', problem: undefined });
    });
  }

  /** Stops following (the element left the page, or another dashboard was chosen). */
  stop(): void {
    this.#stream?.close();
    this.#stream = undefined;
  }
}
