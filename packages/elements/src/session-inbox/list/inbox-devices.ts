import type { Problem, Sightline } from '../../shared/sdk.js';

/** A device of the organization, as the inbox names it. */
export interface InboxDevice {
  id: string;
  name: string;
}

interface Host {
  requestUpdate(): void;
}

/** The devices the staff member may see: for the sessions' device names and the "New session" form. */
export class InboxDevices {
  items: InboxDevice[] = [];

  constructor(
    private readonly host: Host,
    private readonly ctx: { sdk(): Sightline | undefined; fail(problem: Problem): void },
  ) {}

  /** Loads the devices (again); an answer for an SDK instance no longer in use is dropped. */
  async load(): Promise<void> {
    const sdk = this.ctx.sdk();
    if (!sdk) return;
    const { data, error } = await sdk.api.GET('/v1/devices');
    if (sdk !== this.ctx.sdk()) return;
    if (error) this.ctx.fail(error as Problem);
    else {
      this.items = data.items;
      this.host.requestUpdate();
    }
  }

  /** The device's name, or its id while the devices are not loaded. */
  name(id: string): string {
    return this.items.find((d) => d.id === id)?.name ?? id;
  }
}
