import { html, nothing, type TemplateResult } from 'lit';
import { styleProps } from '../../shared/style-props.js';
import { annotationPanel } from './annotation-panel.js';
import type { SightlineArLayer } from './ar-layer.component.js';

/**
 * The AR layer's template (VS-11 … VS-14): the picture (slotted) with the overlay and the markers
 * over it, the slotted content after it, the tool bar and the screenshot panel with its gallery.
 * Only what this side may use is shown; nothing but the picture and the slotted content without a
 * live transport.
 */
export function arLayerView(el: SightlineArLayer): TemplateResult {
  const t = el.terms;
  const tools = el.tools;
  const caps = el.allowed;
  const tool = el.tool;
  const pointer = (e: PointerEvent) => tools?.pointer(e, tool, el.color, () => el.nextMarkerLabel());
  const markers = tools?.markers ?? [];
  // The tools act on the customer's camera: without a picture there is nothing to draw on.
  const idle = !tools || !el.pictureReady;
  const hint = el.pictureReady ? nothing : t.needsPicture;

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
                    @click=${() => el.action('pen')}
                  >
                    ${t.pen}
                  </button>
                  <label class="color"
                    >${t.penColor}
                    <input
                      type="color"
                      data-tool="color"
                      .value=${el.color}
                      @input=${(e: Event) => {
                        el.color = (e.target as HTMLInputElement).value;
                      }}
                  /></label>`
              : nothing
          }
          ${
            caps.has('ar.screenshot')
              ? html`<button data-tool="screenshot" title=${hint} ?disabled=${idle || el.busy} @click=${() => el.action('screenshot')}>
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
                    @click=${() => el.action('marker')}
                  >
                    ${t.marker}
                  </button>
                  ${
                    tool === 'marker'
                      ? html`<label class="label"
                          >${t.markerLabel}
                          <input
                            data-tool="marker-label"
                            .value=${el.label}
                            @input=${(e: Event) => {
                              el.label = (e.target as HTMLInputElement).value;
                            }}
                            @keydown=${(e: KeyboardEvent) => {
                              // Keyboard users place a marker in the middle of the picture.
                              if (e.key === 'Enter') void el.action('place-marker');
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
          <span class="notice" role="status">${el.notice}</span>
        </div>`;

  const dialog = annotationPanel({
    t,
    tools,
    color: el.color,
    time: (at) => new Intl.DateTimeFormat(el.language, { timeStyle: 'short' }).format(at),
    opened: () => el.focusLater('[part="annotation"]'),
    closed: () => el.focusLater('[data-tool="screenshot"], [data-gallery]'),
  });

  const live = !!el.transport;
  return html`<div class="surface">
      <slot name="surface"></slot>
      ${live ? overlay : nothing}
    </div>
    <slot></slot>
    ${live ? toolbar : nothing} ${dialog}`;
}
