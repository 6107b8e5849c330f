export const MOTO_VERSION: string;
export function ensureMoto(): string;
export function startMoto(): Promise<{ endpoint: string; stop(): Promise<void> }>;
