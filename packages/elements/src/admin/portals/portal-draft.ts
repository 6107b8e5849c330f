import { defaultPortalFeatures } from '@sightline/core/domain';
import type { Schema } from '../shared/api.js';

export type Portal = Schema<'Portal'>;
export type FeatureMode = Schema<'FeatureMode'>;
export type PortalFeatures = Schema<'PortalFeatures'>;
type BusinessHours = NonNullable<Schema<'BusinessHours'>>;
export type Day = keyof BusinessHours;
export type Interval = Schema<'OpeningInterval'>;

export const DAYS: readonly Day[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
export const FEATURES: readonly (keyof PortalFeatures)[] = [
  'requests',
  'recording',
  'screenshots',
  'drawing',
  'markers',
  'mirror',
  'chat',
  'summaries',
];
export const MODES: readonly FeatureMode[] = ['off', 'on', 'required'];

/** What the portal editor holds while the manager edits: every editable field, lists included. */
export interface PortalDraft {
  name: string;
  slug: string;
  subPortals: { id?: string; name: string; slug: string }[];
  teamIds: string[];
  features: PortalFeatures;
  localRecordingsOnly: boolean;
  reportEmail: string;
  timeZone: string;
  /** `null`: open around the clock. */
  businessHours: Record<Day, Interval[]> | null;
  holidays: string[];
  outsideHours: Portal['outsideHours'];
}

/** A new portal's draft: the server's defaults, open around the clock, in the browser's time zone. */
export function emptyDraft(): PortalDraft {
  return {
    name: '',
    slug: '',
    subPortals: [{ name: 'Main', slug: 'main' }],
    teamIds: [],
    features: { ...defaultPortalFeatures },
    localRecordingsOnly: false,
    reportEmail: '',
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    businessHours: null,
    holidays: [],
    outsideHours: 'refuse',
  };
}

/** The draft of an existing portal. */
export function draftOf(p: Portal): PortalDraft {
  return {
    name: p.name,
    slug: p.slug,
    subPortals: p.subPortals.map((s) => ({ id: s.id, name: s.name, slug: s.slug })),
    teamIds: [...p.teamIds],
    features: { ...p.features },
    localRecordingsOnly: p.localRecordingsOnly,
    reportEmail: p.reportEmail ?? '',
    timeZone: p.timeZone,
    businessHours: p.businessHours
      ? (Object.fromEntries(DAYS.map((d) => [d, [...(p.businessHours?.[d] ?? [])]])) as Record<
          Day,
          Interval[]
        >)
      : null,
    holidays: [...p.holidays],
    outsideHours: p.outsideHours,
  };
}

/** Business hours to start from when "around the clock" is switched off: Monday to Friday, 9 to 17. */
export function officeHours(): Record<Day, Interval[]> {
  return Object.fromEntries(
    DAYS.map((d) => [d, d === 'sat' || d === 'sun' ? [] : [{ start: '09:00', end: '17:00' }]]),
  ) as Record<Day, Interval[]>;
}

/** The request body (the same fields for create and for a whole-portal PATCH). */
export function bodyOf(d: PortalDraft): Schema<'PatchPortalRequest'> & { name: string } {
  return {
    name: d.name.trim(),
    ...(d.slug.trim() ? { slug: d.slug.trim() } : {}),
    subPortals: d.subPortals.map((s) => ({
      ...(s.id ? { id: s.id } : {}),
      name: s.name.trim(),
      slug: s.slug.trim(),
    })),
    teamIds: d.teamIds,
    features: d.features,
    localRecordingsOnly: d.localRecordingsOnly,
    reportEmail: d.reportEmail.trim() || null,
    timeZone: d.timeZone.trim() || 'UTC',
    businessHours: d.businessHours,
    holidays: d.holidays,
    outsideHours: d.outsideHours,
  };
}

/** "3 off · 1 required" counts for the list. */
export function modeCounts(f: PortalFeatures): { off: number; required: number } {
  const modes = Object.values(f);
  return {
    off: modes.filter((m) => m === 'off').length,
    required: modes.filter((m) => m === 'required').length,
  };
}
