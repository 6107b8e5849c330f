/**
 * `@sightline/core/rules`: the rules a customer-facing page needs, without the wire schemas — so a
 * page on a size budget (the request flow) loads no schema library. The same functions as
 * `@sightline/core/domain`, which exports these and everything else.
 * @module
 */

export { invitable } from './session/invites.js';
export type { RateableSession, Rater, RatingRefusal } from './session/rating.js';
export {
  callHasEnded,
  mayRate,
  RATING_MAX_COMMENT,
  RATING_MAX_SCORE,
  RATING_MIN_SCORE,
} from './session/rating.js';
export { isWebUrl, WEB_URL_PATTERN, WEB_URL_PROTOCOLS } from './shared/web-url.js';
