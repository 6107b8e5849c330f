export const LIVEKIT_VERSION: string;
export function ensureLiveKitServer(): string;
export function startLiveKit(): Promise<{
  env: { LIVEKIT_URL: string; LIVEKIT_API_KEY: string; LIVEKIT_API_SECRET: string };
  output(): string;
  stop(): Promise<void>;
}>;
