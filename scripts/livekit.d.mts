export const LIVEKIT_VERSION: string;
/** The livekit-server settings Sightline's calls are tested and measured with (packages/server/livekit.yaml). */
export const LIVEKIT_CONFIG: string;
export function ensureLiveKitServer(): string;
/** `defaults: true`: livekit-server's own defaults instead of {@link LIVEKIT_CONFIG}. */
export function startLiveKit(options?: { defaults?: boolean }): Promise<{
  env: { LIVEKIT_URL: string; LIVEKIT_API_KEY: string; LIVEKIT_API_SECRET: string };
  output(): string;
  stop(): Promise<void>;
}>;
