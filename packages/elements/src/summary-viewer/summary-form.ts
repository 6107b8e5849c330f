import type { components } from '@sightline/api-client';
import { html, type TemplateResult } from 'lit';
import type { ViewerTerms } from './translations.js';

type Summary = components['schemas']['Summary'];
type SummaryPatch = components['schemas']['SummaryPatch'];
type IssueType = NonNullable<Summary['issueType']>;

/** The edit form of a summary (SI-8): every field people may correct, lists one per line. */
export function summaryForm(
  t: ViewerTerms,
  s: Summary,
  onSubmit: (e: SubmitEvent) => void,
  onCancel: () => void,
): TemplateResult {
  const issueTypes = Object.keys(t.issueTypes) as IssueType[];
  return html`<form part="form" @submit=${(e: SubmitEvent) => {
    e.preventDefault();
    onSubmit(e);
  }}>
    <label>${t.title}<input name="title" required maxlength="200" .value=${s.title ?? ''} /></label>
    <label>${t.issueType}
      <select name="issueType">
        ${issueTypes.map((k) => html`<option value=${k} ?selected=${s.issueType === k}>${t.issueTypes[k]}</option>`)}
      </select>
    </label>
    <label>${t.problem}<textarea name="problem" required maxlength="4000" rows="3" .value=${s.problem ?? ''}></textarea></label>
    <label>${t.steps} <small>(${t.listHint})</small><textarea name="steps" rows="4" .value=${s.steps.join('\n')}></textarea></label>
    <label>${t.resolution}<textarea name="resolution" required maxlength="4000" rows="3" .value=${s.resolution ?? ''}></textarea></label>
    <label>${t.followUps} <small>(${t.listHint})</small><textarea name="followUps" rows="2" .value=${s.followUps.join('\n')}></textarea></label>
    <label>${t.applications} <small>(${t.commaHint})</small><input name="applications" .value=${s.applications.join(', ')} /></label>
    <label>${t.devices} <small>(${t.commaHint})</small><input name="devices" .value=${s.devices.join(', ')} /></label>
    <div class="actions">
      <button type="submit" data-action="save">${t.save}</button>
      <button type="button" data-action="cancel" @click=${onCancel}>${t.cancel}</button>
    </div>
  </form>`;
}

/** What the form says, as the PATCH body: text trimmed, lists split by line or comma, blanks dropped. */
export function patchOf(form: HTMLFormElement): SummaryPatch {
  const data = new FormData(form);
  const text = (k: string) => String(data.get(k) ?? '').trim();
  const split = (k: string, by: string) =>
    text(k)
      .split(by)
      .map((l) => l.trim())
      .filter(Boolean);
  return {
    title: text('title'),
    problem: text('problem'),
    steps: split('steps', '\n'),
    resolution: text('resolution'),
    followUps: split('followUps', '\n'),
    issueType: text('issueType') as IssueType,
    applications: split('applications', ','),
    devices: split('devices', ','),
  };
}
