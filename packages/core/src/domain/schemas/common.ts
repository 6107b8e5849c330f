import * as z from 'zod/mini';
import { isWebUrl } from '../shared/web-url.js';
import { Feature } from './enums.js';

/**
 * Opaque identifier: a non-empty string. The server chooses the format (UUIDs today); clients must
 * not parse it.
 */
export const Id = z.string().check(z.minLength(1), z.maxLength(200));
/** An opaque identifier. */
export type Id = z.infer<typeof Id>;

/**
 * Wire format of every instant: an ISO 8601 date-time string, UTC or with an offset
 * (`new Date().toISOString()` produces one). The rules take `Date` parameters for "now"; the wire and
 * the credit ledger keep strings so that JSON round-trips are lossless.
 * @example
 * z.parse(IsoDateTime, '2026-11-01T00:00:00.000Z');
 */
export const IsoDateTime = z.iso.datetime({ offset: true });
/** An ISO 8601 date-time string. */
export type IsoDateTime = z.infer<typeof IsoDateTime>;

/**
 * Per-team or per-agent feature switches (MC-5). A missing key means "not set here": the value is
 * inherited from the nearest ancestor team that sets it.
 */
export const FeatureSettings = z.partialRecord(z.enum(Feature), z.boolean());
/** Partial feature switches; see {@link FeatureSettings}. */
export type FeatureSettings = z.infer<typeof FeatureSettings>;

/**
 * A link as stored: an absolute http(s) URL, see {@link isWebUrl}.
 * @example
 * z.parse(WebUrl, 'https://tickets.example/T-1');
 */
export const WebUrl = z
  .string()
  .check(z.maxLength(2000), z.refine(isWebUrl, 'Only absolute http: and https: URLs are accepted.'));
/** An absolute http(s) URL. */
export type WebUrl = z.infer<typeof WebUrl>;
