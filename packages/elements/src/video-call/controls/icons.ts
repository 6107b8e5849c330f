import { html, svg, type TemplateResult } from 'lit';

// The call's control icons (24 × 24, filled with the text colour); the buttons keep their names.

const paths = {
  camera: svg`<path d="M3 6h11a2 2 0 0 1 2 2v1.8l5-3.3v11l-5-3.3V16a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2z" />`,
  microphone: svg`<path
    d="M12 2a3 3 0 0 1 3 3v6a3 3 0 0 1-6 0V5a3 3 0 0 1 3-3zM5 11h2a5 5 0 0 0 10 0h2a7 7 0 0 1-6 6.9V20h3v2H8v-2h3v-2.1A7 7 0 0 1 5 11z"
  />`,
  flip: svg`<path
    d="M4 12a8 8 0 0 1 14-5.3V4h2v6h-6V8h2.9A6 6 0 0 0 6 12H4zm16 0a8 8 0 0 1-14 5.3V20H4v-6h6v2H7.1A6 6 0 0 0 18 12h2z"
  />`,
  more: svg`<circle cx="5" cy="12" r="2" /><circle cx="12" cy="12" r="2" /><circle cx="19" cy="12" r="2" />`,
  end: svg`<path
    d="M12 8.5c-3.4 0-6.5.9-9.1 2.5a1.6 1.6 0 0 0-.7 1.7l.6 2.4a1.6 1.6 0 0 0 2 1.1l2.7-.9a1.6 1.6 0 0 0 1.1-1.4l.1-1.4a12 12 0 0 1 6.6 0l.1 1.4a1.6 1.6 0 0 0 1.1 1.4l2.7.9a1.6 1.6 0 0 0 2-1.1l.6-2.4a1.6 1.6 0 0 0-.7-1.7c-2.6-1.6-5.7-2.5-9.1-2.5z"
  />`,
};

/** An icon for a control; hidden from assistive technology (the button's name says it). */
export function icon(name: keyof typeof paths): TemplateResult {
  return html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${paths[name]}</svg>`;
}
