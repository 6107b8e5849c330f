import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under `dir` (recursively, full paths); none when the folder does not exist. */
export function filesIn(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name));
  } catch {
    return [];
  }
}
