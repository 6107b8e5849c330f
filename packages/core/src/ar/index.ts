export type { OpSet } from './annotations.js';
export { addOps, compareOps, emptyOpSet, maxLamport, mergeOps, opSetOf, renderedOps } from './annotations.js';
export type { OutsidePolicy, ViewLayout, ViewPoint, ViewRect } from './coordinates.js';
export {
  frameBoxToView,
  framePointToView,
  layoutOfVideo,
  videoRect,
  viewPointToFrame,
} from './coordinates.js';
export type { ArIssue } from './issues.js';
export { ArIssueCode, parseArMessage } from './issues.js';
export { arMachine } from './machine.js';
export type { MarkerMap } from './markers.js';
export { liveMarkers, markerWins, mergeMirror, putMarker } from './markers.js';
export type {
  AnnotationDraft,
  AnnotationOp,
  ArMessage,
  ArMessageType,
  Marker,
  MirrorFlag,
  NormalizedBox,
  Screenshot,
} from './schemas.js';
export {
  annotationOpSchema,
  arMessageSchema,
  isArMessageType,
  MarkerStatus,
  markerSchema,
  screenshotSchema,
} from './schemas.js';
export type { ArResult, ArSession, ArSessionOptions, MarkerInput, StrokeInput } from './session.js';
export { createArSession } from './session.js';
export { snapshotMessages } from './snapshot.js';
export type {
  AnnotationInput,
  ArContext,
  ArEffect,
  ArEvent,
  ArState,
  MarkerChanges,
  ScreenshotEntry,
} from './state.js';
export { initialArState } from './state.js';
export type { LiveStroke, StrokeMap, VisibleStroke } from './strokes.js';
export {
  DEFAULT_STROKE_TTL_MS,
  pruneStrokes,
  STROKE_FADE_MS,
  strokeOpacity,
  visibleStrokes,
} from './strokes.js';
