// What end-to-end tests check on every page: CSP and Trusted Types violations, and axe.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** An init script collecting CSP and Trusted Types violations before any page script runs (`window.__violations`). */
export const listenForViolations = `window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push(e.effectiveDirective + ' ' + (e.blockedURI || '') + ' ' + e.sourceFile + ':' + e.lineNumber);
  }, true);`;

/** The page's CSP and Trusted Types violations so far (with {@link listenForViolations} installed). */
export function violations(page: Page): Promise<unknown> {
  return page.evaluate('window.__violations');
}

/** axe's violations on the whole document, one line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated, not a script tag: the pages' CSP refuses those.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(axePath, 'utf8'));
  const result = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })`)) as {
    violations: { id: string; nodes: { target: unknown }[] }[];
  };
  return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}
