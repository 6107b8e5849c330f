// Where an element finds its provider: kept apart from the base element so light elements (the
// summary viewer) can look for one without loading the SDK.
import type { Sightline } from './sdk.js';

/** What `<sightline-provider>` offers to its descendants. */
export interface SightlineSource extends HTMLElement {
  readonly sightline: Sightline | undefined;
}

/** Fired on a provider (not bubbling) when its SDK instance changes. */
export const PROVIDER_CHANGE = 'sightline-provider-change';

/** The closest `<sightline-provider>` around an element, crossing shadow roots. */
export function findProvider(element: Element): SightlineSource | undefined {
  let node: Node | null = element.parentNode ?? null;
  while (node) {
    if (node instanceof HTMLElement && node.localName === 'sightline-provider')
      return node as SightlineSource;
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return undefined;
}
