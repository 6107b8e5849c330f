import type { Marker, MirrorFlag } from './schemas.js';

/** Markers by id, tombstones (`removed: true`) included. */
export type MarkerMap = Readonly<Record<string, Marker>>;

/**
 * Whether copy `a` of a marker beats copy `b`: the higher version wins, ties broken by `updatedBy`, so
 * both sides pick the same winner whatever order the copies arrive in (last writer wins).
 */
export function markerWins(a: Marker, b: Marker): boolean {
  if (a.version !== b.version) return a.version > b.version;
  if (a.updatedBy !== b.updatedBy) return a.updatedBy > b.updatedBy;
  // Same version by the same writer: identical in practice; compare content to stay deterministic.
  return JSON.stringify(a) > JSON.stringify(b);
}

/**
 * Put a marker copy into the map if it wins (returns the same map otherwise).
 * @example
 * markers = putMarker(markers, incoming.marker);
 */
export function putMarker(markers: MarkerMap, marker: Marker): MarkerMap {
  const current = markers[marker.id];
  if (current && !markerWins(marker, current)) return markers;
  return { ...markers, [marker.id]: marker };
}

/** Markers to show: tombstones left out. */
export function liveMarkers(markers: MarkerMap): Marker[] {
  return Object.values(markers)
    .filter((m) => !m.removed)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Merge a mirror flag copy: the higher `(version, by)` wins. */
export function mergeMirror(current: MirrorFlag, incoming: MirrorFlag): MirrorFlag {
  if (incoming.version !== current.version) return incoming.version > current.version ? incoming : current;
  if (incoming.by !== current.by) return incoming.by > current.by ? incoming : current;
  return current;
}
