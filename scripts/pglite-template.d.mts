export function templatePaths(): { tar: string; dir: string };
export function migratedDataDir(): string;
