import { SightlineSilentMonitor } from './silent-monitor.component.js';

export { SightlineSilentMonitor };

if (!customElements.get('sightline-silent-monitor'))
  customElements.define('sightline-silent-monitor', SightlineSilentMonitor);

declare global {
  interface HTMLElementTagNameMap {
    'sightline-silent-monitor': SightlineSilentMonitor;
  }
}
