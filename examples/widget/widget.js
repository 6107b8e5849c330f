const provider = document.getElementById('support');
// A device's QR code opens this page with its access code filled in (`?code=…`).
const code = new URLSearchParams(location.search).get('code')?.trim();
if (code) {
  provider.setAttribute('access-code', code);
  document.getElementById('access-code').textContent = code;
}
provider.setAttribute('base-url', location.origin);

// The page language drives the elements (they follow the closest lang).
document.getElementById('language').addEventListener('change', (e) => {
  document.documentElement.lang = e.target.value;
});

// The host hears what happens, e.g. for its own analytics.
const log = document.getElementById('log');
const show = (what) => (event) => {
  log.textContent = `${what}: ${event.detail.status ?? event.detail.title ?? event.detail.sessionId ?? ''}`;
};
document.addEventListener('sightline-session-change', show('session'));
document.addEventListener('sightline-call-start', show('call started'));
document.addEventListener('sightline-call-end', show('call ended'));
document.addEventListener('sightline-error', show('error'));
