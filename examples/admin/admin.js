// The management page: sign-in, the language menu and the section navigation (`#users`, `#teams`,
// …). The management elements do the rest; they find the page's SDK instance through the provider.
const texts = {
  en: {
    product: 'Sightline · Organization',
    skip: 'Skip to content',
    language: 'Language',
    signOut: 'Sign out',
    signInHeading: 'Sign in to manage your organization',
    signInHint: 'Demo company manager: manager@demo.test / demo-password',
    email: 'Email',
    password: 'Password',
    signIn: 'Sign in',
    sections: 'Sections',
    users: 'Users',
    teams: 'Teams',
    portals: 'Portals',
    devices: 'Devices',
    apiKeys: 'API keys',
    integrations: 'Integrations',
    webhooks: 'Webhooks',
    reports: 'Reports',
    recordings: 'Recordings',
    dashboard: 'Live dashboard',
    title: 'Organization management',
    notManager: 'This page is for managers. Sign in with a company or team manager account.',
  },
  de: {
    product: 'Sightline · Organisation',
    skip: 'Zum Inhalt springen',
    language: 'Sprache',
    signOut: 'Abmelden',
    signInHeading: 'Anmelden und die Organisation verwalten',
    signInHint: 'Demo-Firmenmanager: manager@demo.test / demo-password',
    email: 'E-Mail',
    password: 'Passwort',
    signIn: 'Anmelden',
    sections: 'Bereiche',
    users: 'Benutzer',
    teams: 'Teams',
    portals: 'Portale',
    devices: 'Geräte',
    apiKeys: 'API-Schlüssel',
    integrations: 'Integrationen',
    webhooks: 'Webhooks',
    reports: 'Berichte',
    recordings: 'Aufnahmen',
    dashboard: 'Live-Dashboard',
    title: 'Organisationsverwaltung',
    notManager: 'Diese Seite ist für Manager. Melden Sie sich mit einem Firmen- oder Teammanager-Konto an.',
  },
  es: {
    product: 'Sightline · Organización',
    skip: 'Saltar al contenido',
    language: 'Idioma',
    signOut: 'Cerrar sesión',
    signInHeading: 'Inicie sesión para gestionar su organización',
    signInHint: 'Responsable de demostración: manager@demo.test / demo-password',
    email: 'Correo electrónico',
    password: 'Contraseña',
    signIn: 'Iniciar sesión',
    sections: 'Secciones',
    users: 'Usuarios',
    teams: 'Equipos',
    portals: 'Portales',
    devices: 'Dispositivos',
    apiKeys: 'Claves de API',
    integrations: 'Integraciones',
    webhooks: 'Webhooks',
    reports: 'Informes',
    recordings: 'Grabaciones',
    dashboard: 'Panel en directo',
    title: 'Gestión de la organización',
    notManager: 'Esta página es para responsables. Inicie sesión con una cuenta de responsable.',
  },
  pt: {
    product: 'Sightline · Organização',
    skip: 'Saltar para o conteúdo',
    language: 'Idioma',
    signOut: 'Terminar sessão',
    signInHeading: 'Inicie sessão para gerir a sua organização',
    signInHint: 'Gestor de demonstração: manager@demo.test / demo-password',
    email: 'E-mail',
    password: 'Palavra-passe',
    signIn: 'Iniciar sessão',
    sections: 'Secções',
    users: 'Utilizadores',
    teams: 'Equipas',
    portals: 'Portais',
    devices: 'Dispositivos',
    apiKeys: 'Chaves de API',
    integrations: 'Integrações',
    webhooks: 'Webhooks',
    reports: 'Relatórios',
    recordings: 'Gravações',
    dashboard: 'Painel em direto',
    title: 'Gestão da organização',
    notManager: 'Esta página é para gestores. Inicie sessão com uma conta de gestor.',
  },
};
const sectionTerm = {
  users: 'users',
  teams: 'teams',
  portals: 'portals',
  devices: 'devices',
  'api-keys': 'apiKeys',
  integrations: 'integrations',
  webhooks: 'webhooks',
  reports: 'reports',
  recordings: 'recordings',
};

const provider = document.getElementById('org');
const form = document.getElementById('sign-in');
const error = document.getElementById('sign-in-error');
const who = document.getElementById('who');
const signOut = document.getElementById('sign-out');
const language = document.getElementById('language');
const heading = document.getElementById('section-heading');

const stored = localStorage.getItem('sightline-admin-lang');
const initial = stored ?? (navigator.language || 'en').slice(0, 2);
const t = () => texts[document.documentElement.lang] ?? texts.en;

function translate() {
  for (const el of document.querySelectorAll('[data-t]'))
    el.textContent = t()[el.dataset.t] ?? el.textContent;
  showSection(false);
}

function setLanguage(lang) {
  const supported = lang in texts ? lang : 'en';
  document.documentElement.lang = supported; // the elements follow the document's language
  language.value = supported;
  localStorage.setItem('sightline-admin-lang', supported);
  translate();
}

function currentSection() {
  const id = location.hash.slice(1);
  return id in sectionTerm ? id : 'users';
}

function showSection(moveFocus) {
  const id = currentSection();
  for (const s of document.querySelectorAll('main section')) s.hidden = s.dataset.section !== id;
  for (const a of document.querySelectorAll('nav.sections a')) {
    if (a.dataset.section === id) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const name = t()[sectionTerm[id]];
  heading.textContent = `${t().title}: ${name}`;
  document.title = `${name} — ${t().title}`;
  if (moveFocus) heading.focus();
}

language.addEventListener('change', () => setLanguage(language.value));
// A change in one section (say, teams made by an import, or a new portal) shows in the others.
provider.addEventListener('sightline-admin-change', (e) => {
  for (const el of document.querySelectorAll('main section > *')) if (el !== e.target) el.refresh?.();
});
window.addEventListener('hashchange', () => showSection(true));
setLanguage(initial);

// Keep the sign-in across reloads of this tab only (sessionStorage), as a console would.
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
    // An expired saved sign-in is not an error worth showing; a refused password is.
    if (!saved || form.dataset.tried) error.textContent = auth.problem.detail ?? auth.problem.title;
    form.hidden = false;
  }
  if (manager) {
    if (sightline.token) sessionStorage.setItem('sightline-admin-token', sightline.token);
    showSection(false);
  }
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
