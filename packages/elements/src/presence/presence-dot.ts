import { css, html, type TemplateResult } from 'lit';

/**
 * A presence dot with its status in words for assistive technology (the colour alone tells
 * nothing to those who cannot tell the colours apart: the label and a distinct shape per status do).
 */
export function presenceDot(status: string, label: string): TemplateResult {
  return html`<span class="presence-dot" part="presence-dot" data-presence=${status} role="img" aria-label=${label} title=${label}></span>`;
}

/** The look of {@link presenceDot}; each status has its own colour and shape. */
export const presenceDotStyles = css`
  .presence-dot {
    display: inline-block;
    inline-size: 0.7em;
    block-size: 0.7em;
    border-radius: 50%;
    margin-inline: 0.25em;
    vertical-align: middle;
    border: 2px solid transparent;
    box-sizing: border-box;
  }
  .presence-dot[data-presence='available'] {
    background: var(--sightline-presence-available, #1a7f37);
  }
  .presence-dot[data-presence='busy'] {
    background: var(--sightline-presence-busy, #cf222e);
    border-radius: 2px;
  }
  .presence-dot[data-presence='away'] {
    background: var(--sightline-presence-away, #9a6700);
    border-radius: 50% 0;
  }
  .presence-dot[data-presence='offline'] {
    background: transparent;
    border-color: var(--sightline-presence-offline, #57606a);
  }
`;
