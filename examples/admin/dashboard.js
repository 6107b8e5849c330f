// The live dashboard page (MC-7): sign-in, the language menu and one <sightline-dashboard>. The
// element does the rest through the page's SDK instance (the provider). "Monitor" on a running call
// asks for silent monitoring (MC-8): the page hands it to <sightline-silent-monitor> when the page
// has that element, and says so otherwise.
const texts = {
  en: {
    product: 'Sightline · Live dashboard',
    skip: 'Skip to content',
    management: 'Organization management',
    language: 'Language',
    signOut: 'Sign out',
    signInHeading: 'Sign in to watch your support center live',
    signInHint: 'Demo company manager: manager@demo.test / demo-password',
    email: 'Email',
    password: 'Password',
    signIn: 'Sign in',
    title: 'Live dashboard',
    notManager: 'This page is for managers. Sign in with a company or team manager account.',
    noMonitoring: 'Silent monitoring is not available on this page.',
  },
  de: {
    product: 'Sightline · Live-Dashboard',
    skip: 'Zum Inhalt springen',
    management: 'Organisationsverwaltung',
    language: 'Sprache',
    signOut: 'Abmelden',
    signInHeading: 'Anmelden und das Support-Center live verfolgen',
    signInHint: 'Demo-Firmenmanager: manager@demo.test / demo-password',
    email: 'E-Mail',
    password: 'Passwort',
    signIn: 'Anmelden',
    title: 'Live-Dashboard',
    notManager: 'Diese Seite ist für Manager. Melden Sie sich mit einem Firmen- oder Teammanager-Konto an.',
    noMonitoring: 'Stilles Mithören ist auf dieser Seite nicht verfügbar.',
  },
  es: {
    product: 'Sightline · Panel en directo',
    skip: 'Saltar al contenido',
    management: 'Gestión de la organización',
    language: 'Idioma',
    signOut: 'Cerrar sesión',
    signInHeading: 'Inicie sesión para seguir su centro de soporte en directo',
    signInHint: 'Responsable de demostración: manager@demo.test / demo-password',
    email: 'Correo electrónico',
    password: 'Contraseña',
    signIn: 'Iniciar sesión',
    title: 'Panel en directo',
    notManager: 'Esta página es para responsables. Inicie sesión con una cuenta de responsable.',
    noMonitoring: 'La supervisión silenciosa no está disponible en esta página.',
  },
  pt: {
    product: 'Sightline · Painel em direto',
    skip: 'Saltar para o conteúdo',
    management: 'Gestão da organização',
    language: 'Idioma',
    signOut: 'Terminar sessão',
    signInHeading: 'Inicie sessão para acompanhar o seu centro de suporte em direto',
    signInHint: 'Gestor de demonstração: manager@demo.test / demo-password',
    email: 'E-mail',
    password: 'Palavra-passe',
    signIn: 'Iniciar sessão',
    title: 'Painel em direto',
    notManager: 'Esta página é para gestores. Inicie sessão com uma conta de gestor.',
    noMonitoring: 'A monitorização silenciosa não está disponível nesta página.',
  },
};

const provider = document.getElementById('org');
const form = document.getElementById('sign-in');
const error = document.getElementById('sign-in-error');
const who = document.getElementById('who');
const signOut = document.getElementById('sign-out');
const language = document.getElementById('language');
const heading = document.getElementById('page-heading');
const monitoring = document.getElementById('monitoring');

// The management page's language and sign-in are this page's too (same tab).
const stored = localStorage.getItem('sightline-admin-lang');
const t = () => texts[document.documentElement.lang] ?? texts.en;

function setLanguage(lang) {
  const supported = lang in texts ? lang : 'en';
  document.documentElement.lang = supported; // the elements follow the document's language
  language.value = supported;
  localStorage.setItem('sightline-admin-lang', supported);
  for (const el of document.querySelectorAll('[data-t]'))
    el.textContent = t()[el.dataset.t] ?? el.textContent;
  document.title = `${t().title} — Sightline`;
}
language.addEventListener('change', () => setLanguage(language.value));
setLanguage(stored ?? (navigator.language || 'en').slice(0, 2));

document.querySelector('sightline-dashboard').addEventListener('sightline-monitor-request', (e) => {
  const Monitor = customElements.get('sightline-silent-monitor');
  if (!Monitor) {
    const note = document.createElement('p');
    note.className = 'hint';
    note.setAttribute('role', 'status');
    note.textContent = t().noMonitoring;
    monitoring.replaceChildren(note);
    return;
  }
  e.preventDefault();
  const view = new Monitor();
  view.setAttribute('session-id', e.detail.sessionId);
  view.setAttribute('call-id', e.detail.callId);
  monitoring.replaceChildren(view);
});

const saved = sessionStorage.getItem('sightline-admin-token');
provider.setAttribute('base-url', location.origin);
if (saved) provider.setAttribute('token', saved);
await customElements.whenDefined('sightline-provider');
await provider.updateComplete; // the instance is made from base-url (+ token) on the next update
const sightline = provider.sightline;

sightline.auth$.subscribe((auth) => {
  const signedIn = auth.status === 'signed-in' && auth.me.kind === 'staff';
  const manager = signedIn && ['company-manager', 'team-manager'].includes(auth.me.role);
  form.hidden = signedIn || auth.status === 'signing-in';
  provider.hidden = !manager;
  signOut.hidden = !signedIn;
  who.textContent = signedIn ? auth.me.displayName : '';
  if (signedIn && !manager) {
    error.textContent = t().notManager;
    form.hidden = false;
  }
  if (auth.status === 'failed') {
    sessionStorage.removeItem('sightline-admin-token');
    if (!saved || form.dataset.tried) error.textContent = auth.problem.detail ?? auth.problem.title;
    form.hidden = false;
  }
  if (manager && sightline.token) sessionStorage.setItem('sightline-admin-token', sightline.token);
});

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  error.textContent = '';
  form.dataset.tried = 'yes';
  const data = new FormData(form);
  await sightline.signIn(String(data.get('email')), String(data.get('password')));
  if (!provider.hidden) heading.focus();
});
signOut.addEventListener('click', () => {
  sessionStorage.removeItem('sightline-admin-token');
  sightline.signOut();
  form.querySelector('input')?.focus();
});

if (!saved) form.hidden = false;
