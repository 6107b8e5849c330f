const provider = document.getElementById('support');
provider.setAttribute('base-url', location.origin);
await customElements.whenDefined('sightline-provider');
await provider.updateComplete; // the instance is made from base-url on the next update
const form = document.getElementById('sign-in');
const error = document.getElementById('sign-in-error');
const who = document.getElementById('who');
const signOut = document.getElementById('sign-out');

document.getElementById('language').addEventListener('change', (e) => {
  document.documentElement.lang = e.target.value;
});

provider.sightline.auth$.subscribe((auth) => {
  const signedIn = auth.status === 'signed-in';
  form.hidden = signedIn;
  provider.hidden = !signedIn;
  signOut.hidden = !signedIn;
  who.textContent = signedIn ? auth.me.displayName : '';
  if (auth.status === 'failed') error.textContent = auth.problem.detail ?? auth.problem.title;
});

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  error.textContent = '';
  const data = new FormData(form);
  await provider.sightline.signIn(String(data.get('email')), String(data.get('password')));
});
signOut.addEventListener('click', () => provider.sightline.signOut());

// Sessions, search (MC-10) or summaries (SI-7): one view at a time; the summaries reload when shown.
const show = (view) => {
  for (const b of document.querySelectorAll('[data-view]'))
    b.setAttribute('aria-pressed', String(b.dataset.view === view));
  for (const p of document.querySelectorAll('[data-view-panel]')) p.hidden = p.dataset.viewPanel !== view;
  if (view === 'summaries') document.querySelector('sightline-summaries').load();
};
document.getElementById('views').addEventListener('click', (e) => {
  const view = e.target.closest('[data-view]')?.dataset.view;
  if (view) show(view);
});
// A session found by the search opens in the inbox's details.
document.addEventListener('sightline-session-select', (e) => {
  document.querySelector('sightline-session-inbox').sessionId = e.detail.sessionId;
  show('inbox');
});
