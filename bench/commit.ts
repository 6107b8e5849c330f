import { execFileSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;

/**
 * The commit a benchmark measured, for its results file: the short hash, with `+changes` when
 * tracked files differ from it; undefined outside a git work tree.
 */
export function measuredCommit(): string | undefined {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
    const changed = git('status', '--porcelain', '--untracked-files=no') !== '';
    return `${git('rev-parse', '--short', 'HEAD')}${changed ? '+changes' : ''}`;
  } catch {
    return undefined;
  }
}
