import { html, nothing, type TemplateResult } from 'lit';
import { styleProps } from '../shared/style-props.js';
import { annotationPanel } from './ar/annotation-panel.js';
import type { SightlineVideoCall } from './video-call.component.js';

/**
 * The AR parts of the call's template (VS-11 … VS-14): the overlay over the video, the tool bar and
 * the screenshot annotation dialog. Only what this side may use is shown; the tools themselves
 * (`ar/ar-tools.ts`) load on demand once the call is live.
 */
export function arTemplates(el: SightlineVideoCall): {
  overlay: TemplateResult;
  toolbar: TemplateResult | typeof nothing;
  dialog: TemplateResult | typeof nothing;
} {
  const t = el.arTerms;
  const tools = el.arTools;
  const caps = el.arCapabilities;
  const tool = el.arTool;
  const pointer = (e: PointerEvent) => tools?.pointer(e, tool, el.arColor, () => el.nextMarkerLabel());
  const markers = tools?.markers ?? [];
  // The tools act on the customer's camera: without a picture there is nothing to draw on.
  const idle = !tools || !el.arHasPicture;
  const hint = el.arHasPicture ? nothing : t.needsPicture;

  const overlay = html`<canvas
      part="overlay"
      class=${tool ? 'drawing' : ''}
      aria-hidden="true"
      @pointerdown=${pointer}
      @pointermove=${pointer}
      @pointerup=${pointer}
      @pointercancel=${pointer}
    ></canvas>
    <div part="markers" role=${markers.length ? 'list' : nothing} aria-label=${markers.length ? t.overlay : nothing}>
      ${markers.map((m) => {
        const r = tools?.markerRect(m);
        // Through the CSSOM: a strict CSP refuses style attribute strings.
        const style = styleProps(
          r
            ? { left: `${r.x}px`, top: `${r.y}px`, width: `${r.width}px`, height: `${r.height}px` }
            : { display: 'none' },
        );
        const text = m.status === 'lost' ? t.lost(m.label) : m.label;
        return html`<div role="listitem" class="marker" data-marker=${m.id} data-status=${m.status} style=${style}>
          <span class="marker-label">${text}</span>
        </div>`;
      })}
    </div>`;

  const uploads = tools ? [...tools.progress.entries()].filter(([, p]) => p.status !== 'done') : [];
  const toolbar =
    caps.size === 0 || (caps.size === 1 && caps.has('ar.mirror'))
      ? nothing
      : html`<div part="tools" role="group" aria-label=${t.toolbar}>
          ${
            caps.has('ar.draw')
              ? html`<button
                    data-tool="pen"
                    aria-pressed=${tool === 'pen' ? 'true' : 'false'}
                    title=${hint}
                    ?disabled=${idle}
                    @click=${() => el.arAction('pen')}
                  >
                    ${t.pen}
                  </button>
                  <label class="color"
                    >${t.penColor}
                    <input
                      type="color"
                      data-tool="color"
                      .value=${el.arColor}
                      @input=${(e: Event) => {
                        el.arColor = (e.target as HTMLInputElement).value;
                      }}
                  /></label>`
              : nothing
          }
          ${
            caps.has('ar.screenshot')
              ? html`<button data-tool="screenshot" title=${hint} ?disabled=${idle || el.arBusy} @click=${() => el.arAction('screenshot')}>
                  ${t.screenshot}
                </button>`
              : nothing
          }
          ${
            caps.has('ar.marker')
              ? html`<button
                    data-tool="marker"
                    aria-pressed=${tool === 'marker' ? 'true' : 'false'}
                    title=${hint}
                    ?disabled=${idle}
                    @click=${() => el.arAction('marker')}
                  >
                    ${t.marker}
                  </button>
                  ${
                    tool === 'marker'
                      ? html`<label class="label"
                          >${t.markerLabel}
                          <input
                            data-tool="marker-label"
                            .value=${el.arLabel}
                            @input=${(e: Event) => {
                              el.arLabel = (e.target as HTMLInputElement).value;
                            }}
                            @keydown=${(e: KeyboardEvent) => {
                              // Keyboard users place a marker in the middle of the picture.
                              if (e.key === 'Enter') void el.arAction('place-marker');
                            }}
                        /></label>`
                      : nothing
                  }`
              : nothing
          }
          ${uploads.map(
            ([id, p]) =>
              html`<div
                part="upload"
                data-screenshot=${id}
                role="progressbar"
                aria-label=${t.saving}
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=${p.status === 'uploading' ? p.percent : 0}
                aria-valuetext=${p.status === 'queued' ? t.waiting : p.status === 'failed' ? t.failed : `${p.status === 'uploading' ? p.percent : 0} %`}
              >
                <span style=${styleProps({ width: `${p.status === 'uploading' ? p.percent : 0}%` })}></span>
              </div>`,
          )}
          <span class="notice" role="status">${el.arNotice}</span>
        </div>`;

  const dialog = annotationPanel({
    t,
    tools,
    color: el.arColor,
    time: (at) => new Intl.DateTimeFormat(el.lang || 'en', { timeStyle: 'short' }).format(at),
    opened: () =>
      void el.updateComplete.then(() =>
        el.renderRoot.querySelector<HTMLElement>('[part="annotation"]')?.focus(),
      ),
    closed: () =>
      void el.updateComplete.then(() =>
        el.renderRoot.querySelector<HTMLElement>('[data-tool="screenshot"], [data-gallery]')?.focus(),
      ),
  });

  return { overlay, toolbar, dialog };
}
