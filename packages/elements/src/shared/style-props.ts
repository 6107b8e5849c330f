import { noChange } from 'lit';
import { type AttributePart, Directive, directive, type PartInfo, PartType } from 'lit/directive.js';

/** CSS properties by their CSS names (`aspect-ratio`, `--x`), each a value. */
export type StyleProps = Readonly<Record<string, string>>;

/**
 * Sets inline styles through the CSSOM (`style.setProperty`) from the first render on. A `style`
 * attribute string — what a plain binding and Lit's `styleMap` write on their first render — is
 * refused on pages whose Content-Security-Policy has no `'unsafe-inline'` for styles; the CSSOM is
 * allowed. Properties left out of a later render are removed.
 */
class StylePropsDirective extends Directive {
  #previous = new Set<string>();

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ATTRIBUTE || info.name !== 'style')
      throw new Error('styleProps() belongs in a style attribute binding');
  }

  render(_props: StyleProps): typeof noChange {
    return noChange;
  }

  override update(part: AttributePart, [props]: [StyleProps]): typeof noChange {
    const { style } = part.element as HTMLElement;
    for (const name of this.#previous) if (!(name in props)) style.removeProperty(name);
    for (const [name, value] of Object.entries(props)) style.setProperty(name, value);
    this.#previous = new Set(Object.keys(props));
    return noChange;
  }
}

/**
 * Inline styles that hold under a strict Content-Security-Policy.
 * @example
 * html`<div style=${styleProps({ left: `${x}px`, 'aspect-ratio': '16 / 9' })}></div>`
 */
export const styleProps = directive(StylePropsDirective);
