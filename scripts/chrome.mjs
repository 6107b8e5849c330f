import { existsSync } from 'node:fs';

/** Debian's Chromium, or `CHROME_PATH` when set. No test tool may download a browser of its own. */
export function chromePath() {
  const path = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`Chromium not found at ${path}: install Debian's chromium or set CHROME_PATH`);
  }
  return path;
}

/** Flags for headless Chromium on a closed network, with a fake camera and microphone. */
export const chromeArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
  // Two fake cameras, like a phone's front and back.
  '--use-fake-device-for-media-stream=device-count=2',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
];
