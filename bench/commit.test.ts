import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { measuredCommit } from './commit.js';

it("a benchmark's results name the commit measured, marked when tracked files differ from it", () => {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: new URL('..', import.meta.url).pathname, encoding: 'utf8' }).trim();
  const head = git('rev-parse', '--short', 'HEAD');
  const changed = git('status', '--porcelain', '--untracked-files=no') !== '';
  expect(measuredCommit()).toBe(changed ? `${head}+changes` : head);
  expect(head).toMatch(/^[0-9a-f]{7,}$/);
});
