import { html, nothing, type TemplateResult } from 'lit';
import { styleProps } from '../../shared/style-props.js';
import type { ArTerms } from '../ar-translations.js';
import type { ArTools } from './ar-tools.js';

/** What the panel needs from the call element. */
export interface AnnotationPanelContext {
  t: ArTerms;
  tools: ArTools | undefined;
  color: string;
  /** Formats a capture time for the gallery's labels. */
  time(at: number): string;
  /** After opening or closing, focus moves on (the panel, or back to where the user was). */
  opened(): void;
  closed(): void;
}

/**
 * The screenshot annotation panel (VS-11), not a modal: it sits under the video, each side opens
 * and closes its own, Escape closes only this side's. Undo and redo take back and redraw this
 * side's own strokes; Clear removes every drawing on it for both. The gallery lists every
 * screenshot of the call; one the other side shared is marked new until opened here.
 */
export function annotationPanel(c: AnnotationPanelContext): TemplateResult | typeof nothing {
  const { t, tools } = c;
  if (!tools) return nothing;
  const view = tools.annotation;
  const gallery = view.gallery;
  const shot = tools.openScreenshot?.screenshot;
  const close = () => {
    tools.closeScreenshot();
    c.closed();
  };
  const panel = shot
    ? html`<section
        part="annotation"
        class="annotation"
        tabindex="-1"
        aria-labelledby="annotation-heading"
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            close();
          }
        }}
      >
        <h3 id="annotation-heading">${t.annotationHeading}</h3>
        <p>${tools.images.has(shot.id) ? t.annotationHint : t.receiving}</p>
        <canvas
          role="img"
          aria-label=${t.screenshotImage}
          data-screenshot=${shot.id}
          style=${styleProps({ 'aspect-ratio': `${shot.width} / ${shot.height}` })}
          @pointerdown=${(e: PointerEvent) => tools.annotationPointer(e, c.color)}
          @pointermove=${(e: PointerEvent) => tools.annotationPointer(e, c.color)}
          @pointerup=${(e: PointerEvent) => tools.annotationPointer(e, c.color)}
          @pointercancel=${(e: PointerEvent) => tools.annotationPointer(e, c.color)}
        ></canvas>
        <div class="annotation-actions" role="group" aria-label=${t.annotationHeading}>
          <button data-tool="undo" ?disabled=${!view.canUndo} @click=${() => view.undo()}>${t.undo}</button>
          <button data-tool="redo" ?disabled=${!view.canRedo} @click=${() => view.redo()}>${t.redo}</button>
          <button data-tool="clear" ?disabled=${!view.canClear} @click=${() => view.clear()}>${t.clear}</button>
          <button data-tool="close-screenshot" @click=${close}>${t.close}</button>
        </div>
      </section>`
    : nothing;
  const list =
    gallery.length === 0
      ? nothing
      : html`<ul part="gallery" class="gallery" aria-label=${t.gallery}>
          ${gallery.map((item, i) => {
            const url = tools.images.get(item.id)?.url;
            const label = t.galleryItem(i + 1, c.time(item.capturedAt));
            return html`<li>
              <button
                data-gallery=${item.id}
                aria-label=${item.unseen ? `${label} (${t.unseen})` : label}
                aria-current=${item.id === shot?.id ? 'true' : nothing}
                @click=${() => {
                  tools.viewScreenshot(item.id);
                  c.opened();
                }}
              >
                ${url ? html`<img src=${url} alt="" />` : html`<span aria-hidden="true">${i + 1}</span>`}
                ${item.unseen ? html`<span class="badge" aria-hidden="true">${t.unseen}</span>` : nothing}
              </button>
            </li>`;
          })}
        </ul>`;
  return html`${panel}${list}`;
}
