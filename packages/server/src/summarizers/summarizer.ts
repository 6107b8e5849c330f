import type { IssueType, SummaryLanguage } from '@sightline/core/domain';

/** One line of the session's conversation: in-call chat, or a staff note. */
export interface SummaryMessage {
  at: string;
  kind: 'chat' | 'note';
  author: 'customer' | 'staff';
  /** Display name of the author (the device name for a customer). */
  authorName: string;
  text: string;
}

/** One thing that happened in the session, in time order (VS-15's session details). */
export interface SummaryTimelineEntry {
  at: string;
  kind:
    | 'requested'
    | 'confirmed'
    | 'call-started'
    | 'call-ended'
    | 'screenshot'
    | 'annotation'
    | 'consent'
    | 'completed';
  /** Free detail, e.g. a call's duration in seconds or a consent answer. */
  detail?: Record<string, string | number | boolean | null>;
}

/** Everything a summarizer sees of one session (SI-7): chat, timeline, notes, request, device. */
export interface SummaryInput {
  sessionId: string;
  /** The organization's summary language (SI-10): fixed parts are written in it. */
  language: SummaryLanguage;
  reason: string;
  ticketLinks: string[];
  device: { id: string; name: string };
  portal: { id: string; name: string };
  agents: { id: string; name: string }[];
  requestedAt: string;
  completedAt: string | null;
  calls: { id: string; startedAt: string; endedAt: string | null; transport: string }[];
  timeline: SummaryTimelineEntry[];
  messages: SummaryMessage[];
}

/** What a summarizer produces, the same from every implementation (SI-7, SI-9, SI-10). */
export interface SummaryResult {
  title: string;
  problem: string;
  steps: string[];
  resolution: string;
  followUps: string[];
  issueType: IssueType;
  /** Applications involved (SI-9), e.g. "Outlook", "Heating app". */
  applications: string[];
  /** Devices involved (SI-9), e.g. the device's name, "router". */
  devices: string[];
  /** Language of the fixed parts (the organization's summary language). */
  language: SummaryLanguage;
}

/**
 * Turns a session into a summary. Implementations: the built-in extractive summarizer (no network,
 * no model download; the default) and an OpenAI-compatible provider (`SIGHTLINE_LLM_URL`).
 * `summarize` rejects with {@link SummarizerError} when it cannot produce a valid result.
 */
export interface Summarizer {
  /** Stored with each summary, e.g. `builtin` or `openai:llama3.1`. */
  readonly name: string;
  summarize(input: SummaryInput, signal?: AbortSignal): Promise<SummaryResult>;
}

/** A summarizer's failure; `retryable` tells the job whether another attempt may succeed. */
export class SummarizerError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SummarizerError';
  }
}
