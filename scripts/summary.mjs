// Prints one closing line for the whole test run: "N passed, N failed, N skipped".
import { existsSync, readFileSync } from 'node:fs';

const total = { passed: 0, failed: 0, skipped: 0 };
const vitest = '.cache/test-counts/node.json';
if (existsSync(vitest)) {
  const r = JSON.parse(readFileSync(vitest, 'utf8'));
  total.passed += r.numPassedTests;
  total.failed += r.numFailedTests;
  total.skipped += r.numPendingTests + r.numTodoTests;
}
for (const browser of ['.cache/test-counts/browser.json', '.cache/test-counts/browser-livekit.json']) {
  if (!existsSync(browser)) continue;
  const r = JSON.parse(readFileSync(browser, 'utf8'));
  total.passed += r.passed;
  total.failed += r.failed;
  total.skipped += r.skipped;
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
