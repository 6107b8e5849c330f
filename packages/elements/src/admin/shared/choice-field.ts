import { html, type TemplateResult } from 'lit';
import type { SightlineClient } from './api.js';

/** An item to choose: its id and the name shown. */
export interface Choice {
  id: string;
  name: string;
}

/**
 * A labelled select of `choices` with a first "all" option (value ''), as the management filters
 * use it (portal, team, …).
 * @example
 * choiceField({ id: 'portal', label: t.portal, all: t.all, choices: portals, value: this.portal, onChange: (v) => (this.portal = v) })
 */
export function choiceField(f: {
  id: string;
  label: string;
  all: string;
  choices: readonly Choice[];
  value: string;
  onChange: (value: string) => void;
}): TemplateResult {
  return html`<div class="field">
    <label for=${f.id}>${f.label}</label>
    <select id=${f.id} @change=${(e: Event) => f.onChange((e.target as HTMLSelectElement).value)}>
      <option value="">${f.all}</option>
      ${f.choices.map((c) => html`<option value=${c.id} ?selected=${c.id === f.value}>${c.name}</option>`)}
    </select>
  </div>`;
}

/** The organization's portals and teams (what the caller may see) as choices for the filters. */
export async function portalAndTeamChoices(
  api: SightlineClient,
): Promise<{ portals: Choice[]; teams: Choice[] }> {
  const [portals, teams] = await Promise.all([api.GET('/v1/portals'), api.GET('/v1/teams')]);
  return {
    portals: (portals.data?.items ?? []).map((p) => ({ id: p.id, name: p.name })),
    teams: (teams.data?.items ?? []).map((t) => ({ id: t.id, name: t.name })),
  };
}
