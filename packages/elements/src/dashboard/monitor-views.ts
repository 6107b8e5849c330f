import { html, nothing, type TemplateResult } from 'lit';
import type { Schema } from '../admin/shared/api.js';
import { presenceDot } from '../presence/presence-dot.js';
import { presenceTranslations } from '../presence/presence-translations.js';
import type { Language } from '../shared/translations.js';
import type { ChartSpec } from './charts.js';
import type { MonitorData } from './dashboard-live.js';
import { type DashboardTerms, dashboardTranslations } from './dashboard-translations.js';

type Config = Schema<'Monitor'>;
type Of<T extends MonitorData['type']> = Extract<MonitorData, { type: T }>;

/** What a monitor view needs besides its data. */
export interface ViewContext {
  readonly lang: Language;
  /** Now, for wait and call times (ticks each second on screen). */
  readonly now: number;
  /** Asks the host to monitor a call silently (MC-8). */
  monitorCall(sessionId: string, callId: string): void;
  /** Charts to draw after rendering, by container id. */
  readonly charts: Map<string, ChartSpec>;
}

/** A duration in words: "45 s", "3 min 5 s", "1 h 12 min". */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

const since = (iso: string, now: number) => duration(now - new Date(iso).getTime());

function chart(
  ctx: ViewContext,
  id: string,
  spec: ChartSpec,
  t: DashboardTerms,
  donut = false,
): TemplateResult {
  ctx.charts.set(id, spec);
  const alt = spec.labels.map((l, i) => `${l} ${spec.values[i]}`).join(', ');
  return html`<div class="chart ${donut ? 'donut' : ''}" data-chart=${id} role="img" aria-label=${t.chartAlt(alt)}></div>`;
}

function incoming(d: Of<'incoming'>, ctx: ViewContext, t: DashboardTerms): TemplateResult {
  return html`<p class="figure" data-figure="waiting">${t.waiting(d.waiting)}</p>
    ${
      d.items.length === 0
        ? html`<p class="muted">${t.nobodyWaiting}</p>`
        : html`<ul>
            ${d.items.map(
              (i) => html`<li data-session=${i.sessionId}>
                <strong>${i.reason}</strong>
                <span class="muted">${[i.portalName, i.teamName].filter(Boolean).join(' · ')}</span>
                <br /><span class="muted">${
                  i.queuedUntil && new Date(i.queuedUntil).getTime() > ctx.now
                    ? t.queuedUntil(new Date(i.queuedUntil).toLocaleTimeString(ctx.lang))
                    : t.waited(since(i.requestedAt, ctx.now))
                }</span>
              </li>`,
            )}
          </ul>`
    }`;
}

function agents(d: Of<'agents'>, ctx: ViewContext, t: DashboardTerms): TemplateResult {
  const p = presenceTranslations[ctx.lang];
  const order = ['available', 'busy', 'away', 'offline'] as const;
  return html`${chart(ctx, `${d.id}-chart`, { kind: 'bars', labels: order.map((s) => p.status[s] ?? s), values: order.map((s) => d.counts[s] ?? 0) }, t)}
    ${
      d.items.length === 0
        ? html`<p class="muted">${t.noAgents}</p>`
        : html`<ul>
            ${d.items.map(
              (a) => html`<li data-agent=${a.userId} data-presence=${a.status}>
                ${presenceDot(a.status, p.of(a.displayName, p.status[a.status] ?? a.status))}
                ${a.displayName} <span class="muted">${p.status[a.status]}${a.teamName ? ` · ${a.teamName}` : ''}${
                  a.sessionId ? ` · ${t.inSession}` : ''
                }</span>
              </li>`,
            )}
          </ul>`
    }`;
}

function queues(d: Of<'queues'>, ctx: ViewContext, t: DashboardTerms): TemplateResult {
  if (d.items.length === 0) return html`<p class="muted">${t.nobodyWaiting}</p>`;
  const name = (i: (typeof d.items)[number]) => i.name ?? (i.key === null ? t.noTeam : i.key);
  return html`${chart(ctx, `${d.id}-chart`, { kind: 'bars', labels: d.items.map(name), values: d.items.map((i) => i.waiting) }, t)}
    <table>
      <thead><tr><th scope="col">${t.group[d.groupBy]}</th><th scope="col">${t.waitingColumn}</th><th scope="col">${t.longest}</th></tr></thead>
      <tbody>
        ${d.items.map(
          (i) => html`<tr data-queue=${i.key ?? ''}>
            <td>${name(i)}</td><td>${i.waiting}</td><td>${i.oldestRequestedAt ? since(i.oldestRequestedAt, ctx.now) : '–'}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
}

function activeSessions(d: Of<'active-sessions'>, ctx: ViewContext, t: DashboardTerms): TemplateResult {
  if (d.items.length === 0) return html`<p class="muted">${t.noSessions}</p>`;
  return html`<ul>
    ${d.items.map(
      (s) => html`<li data-session=${s.sessionId}>
        <strong>${s.reason}</strong>
        <span class="muted">${s.agents.map((a) => a.displayName).join(', ')}${s.teamName ? ` · ${s.teamName}` : ''}</span>
        <br /><span class="muted">${t.duration}: ${s.callStartedAt ? since(s.callStartedAt, ctx.now) : '–'}</span>
        ${
          s.callId
            ? html`<button type="button" data-action="monitor" aria-label=${t.monitorLabel(s.reason)}
                @click=${() => ctx.monitorCall(s.sessionId, s.callId!)}>${t.monitor}</button>`
            : nothing
        }
      </li>`,
    )}
  </ul>`;
}

function serviceLevel(d: Of<'service-level'>, ctx: ViewContext, t: DashboardTerms): TemplateResult {
  const percent =
    d.share === null ? '–' : new Intl.NumberFormat(ctx.lang, { style: 'percent' }).format(d.share);
  return html`<p class="figure" data-figure="share">${percent}</p>
    <p class="muted">${t.within(d.thresholdSeconds)}, ${t.periods[d.period]}</p>
    ${
      d.met + d.missed + d.pending === 0
        ? html`<p class="muted">${t.noLevel}</p>`
        : chart(
            ctx,
            `${d.id}-chart`,
            { kind: 'donut', labels: [t.met, t.missed, t.pending], values: [d.met, d.missed, d.pending] },
            t,
            true,
          )
    }
    <p class="muted">${t.met}: ${d.met} · ${t.missed}: ${d.missed} · ${t.pending}: ${d.pending}</p>`;
}

/** The body of one monitor's card. */
export function monitorBody(d: MonitorData, ctx: ViewContext): TemplateResult {
  const t = dashboardTranslations[ctx.lang];
  switch (d.type) {
    case 'incoming':
      return incoming(d, ctx, t);
    case 'agents':
      return agents(d, ctx, t);
    case 'queues':
      return queues(d, ctx, t);
    case 'active-sessions':
      return activeSessions(d, ctx, t);
    case 'service-level':
      return serviceLevel(d, ctx, t);
  }
}

/** A monitor's title: its own, or its type's name. */
export function monitorTitle(config: Config | undefined, d: MonitorData, lang: Language): string {
  return config?.title || (dashboardTranslations[lang].types[d.type] ?? d.type);
}
