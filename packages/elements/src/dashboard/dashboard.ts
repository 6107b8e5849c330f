import { SightlineDashboard } from './dashboard.component.js';

export type { MonitorRequestDetail } from './dashboard.component.js';
export { SightlineDashboard };

if (!customElements.get('sightline-dashboard'))
  customElements.define('sightline-dashboard', SightlineDashboard);

declare global {
  interface HTMLElementTagNameMap {
    'sightline-dashboard': SightlineDashboard;
  }
}
