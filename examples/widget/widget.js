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

// The host hears what happens: here the tab's title says when staff have confirmed or the call runs,
// so a customer who switched tabs while waiting sees it.
const baseTitle = document.title;
const attention = { de: 'Bereit', en: 'Ready', es: 'Listo', pt: 'Pronto' };
document.addEventListener('sightline-session-change', (event) => {
  const ready = event.detail.status === 'confirmed' || event.detail.status === 'running';
  const word = attention[document.documentElement.lang] ?? attention.en;
  document.title = ready ? `● ${word} — ${baseTitle}` : baseTitle;
});
