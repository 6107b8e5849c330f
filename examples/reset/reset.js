const TEXTS = {
  en: {
    none: '',
    language: 'Language',
    askHeading: 'Forgot your password?',
    askIntro: 'Enter the email address of your account and we mail you a link to choose a new password.',
    email: 'Email',
    askButton: 'Send the link',
    asked: 'If an account uses this address, a link is on its way. It works once, within 1 hour.',
    outboxHint: 'This demo server sends no mail; it keeps it in its',
    outboxLink: 'mail outbox',
    chooseHeading: 'Choose a new password',
    password: 'New password',
    passwordHint: 'At least 10 characters.',
    repeat: 'Repeat the new password',
    chooseButton: 'Save the new password',
    mismatch: 'The two passwords differ.',
    tooShort: 'The password needs at least 10 characters.',
    used: 'This link was already used. Ask for a new one below.',
    expired: 'This link has expired. Ask for a new one below.',
    invalid: 'This link is not valid. Ask for a new one below.',
    tooMany: 'Too many attempts. Try again in a few minutes.',
    failed: 'That did not work. Try again.',
    done: 'Your password is changed.',
    signIn: 'Sign in',
  },
  de: {
    none: '',
    language: 'Sprache',
    askHeading: 'Passwort vergessen?',
    askIntro:
      'Geben Sie die E-Mail-Adresse Ihres Kontos ein; wir senden Ihnen einen Link, mit dem Sie ein neues Passwort wählen.',
    email: 'E-Mail',
    askButton: 'Link senden',
    asked:
      'Wenn ein Konto diese Adresse verwendet, ist ein Link unterwegs. Er funktioniert einmal, innerhalb 1 Stunde.',
    outboxHint: 'Dieser Demo-Server versendet keine E-Mails; Sie finden sie in seinem',
    outboxLink: 'Postausgang',
    chooseHeading: 'Neues Passwort wählen',
    password: 'Neues Passwort',
    passwordHint: 'Mindestens 10 Zeichen.',
    repeat: 'Neues Passwort wiederholen',
    chooseButton: 'Neues Passwort speichern',
    mismatch: 'Die beiden Passwörter sind verschieden.',
    tooShort: 'Das Passwort braucht mindestens 10 Zeichen.',
    used: 'Dieser Link wurde schon verwendet. Fordern Sie unten einen neuen an.',
    expired: 'Dieser Link ist abgelaufen. Fordern Sie unten einen neuen an.',
    invalid: 'Dieser Link ist ungültig. Fordern Sie unten einen neuen an.',
    tooMany: 'Zu viele Versuche. Versuchen Sie es in einigen Minuten wieder.',
    failed: 'Das hat nicht geklappt. Versuchen Sie es noch einmal.',
    done: 'Ihr Passwort ist geändert.',
    signIn: 'Anmelden',
  },
  es: {
    none: '',
    language: 'Idioma',
    askHeading: '¿Has olvidado tu contraseña?',
    askIntro:
      'Escribe la dirección de correo de tu cuenta y te enviaremos un enlace para elegir una contraseña nueva.',
    email: 'Correo electrónico',
    askButton: 'Enviar el enlace',
    asked:
      'Si alguna cuenta usa esta dirección, el enlace está en camino. Funciona una sola vez, durante 1 hora.',
    outboxHint: 'Este servidor de demostración no envía correo; lo guarda en su',
    outboxLink: 'bandeja de salida',
    chooseHeading: 'Elige una contraseña nueva',
    password: 'Contraseña nueva',
    passwordHint: 'Al menos 10 caracteres.',
    repeat: 'Repite la contraseña nueva',
    chooseButton: 'Guardar la contraseña nueva',
    mismatch: 'Las dos contraseñas no coinciden.',
    tooShort: 'La contraseña necesita al menos 10 caracteres.',
    used: 'Este enlace ya se ha usado. Pide uno nuevo abajo.',
    expired: 'Este enlace ha caducado. Pide uno nuevo abajo.',
    invalid: 'Este enlace no es válido. Pide uno nuevo abajo.',
    tooMany: 'Demasiados intentos. Vuelve a probar en unos minutos.',
    failed: 'No ha funcionado. Inténtalo de nuevo.',
    done: 'Tu contraseña ha cambiado.',
    signIn: 'Iniciar sesión',
  },
  pt: {
    none: '',
    language: 'Idioma',
    askHeading: 'Esqueceu-se da palavra-passe?',
    askIntro:
      'Indique o endereço de e-mail da sua conta e enviamos-lhe uma ligação para escolher uma nova palavra-passe.',
    email: 'E-mail',
    askButton: 'Enviar a ligação',
    asked:
      'Se alguma conta usar este endereço, a ligação está a caminho. Funciona uma única vez, durante 1 hora.',
    outboxHint: 'Este servidor de demonstração não envia e-mails; guarda-os na sua',
    outboxLink: 'caixa de saída',
    chooseHeading: 'Escolha uma nova palavra-passe',
    password: 'Nova palavra-passe',
    passwordHint: 'Pelo menos 10 caracteres.',
    repeat: 'Repita a nova palavra-passe',
    chooseButton: 'Guardar a nova palavra-passe',
    mismatch: 'As duas palavras-passe são diferentes.',
    tooShort: 'A palavra-passe precisa de pelo menos 10 caracteres.',
    used: 'Esta ligação já foi usada. Peça uma nova abaixo.',
    expired: 'Esta ligação expirou. Peça uma nova abaixo.',
    invalid: 'Esta ligação não é válida. Peça uma nova abaixo.',
    tooMany: 'Demasiadas tentativas. Tente de novo dentro de alguns minutos.',
    failed: 'Não funcionou. Tente de novo.',
    done: 'A sua palavra-passe foi alterada.',
    signIn: 'Iniciar sessão',
  },
};
const $ = (id) => document.getElementById(id);
const select = $('language');
// The link's language (the mail's), else the browser's.
const params = new URLSearchParams(location.hash.slice(1));
const wanted = params.get('lang') || (navigator.language || 'en').slice(0, 2);
let lang = TEXTS[wanted] ? wanted : 'en';
const t = (key) => TEXTS[lang][key];
function render() {
  document.documentElement.lang = lang;
  select.value = lang;
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = t(el.dataset.t);
}
select.addEventListener('change', () => {
  lang = select.value;
  render();
});
render();

// Read the token once, then drop it from the address bar and the history.
const token = params.get('token');
if (token) history.replaceState(null, '', location.pathname);

const post = (path, body) =>
  fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
/** The text key for a problem answer. */
async function problemKey(res) {
  const problem = await res.json().catch(() => ({}));
  if (res.status === 429) return 'tooMany';
  if (problem.code === 'reset-token-used') return 'used';
  if (problem.code === 'reset-token-expired') return 'expired';
  if (problem.code === 'reset-token-invalid') return 'invalid';
  if (problem.errors?.some((e) => e.path.endsWith('password'))) return 'tooShort';
  return 'failed';
}
function showError(el, key) {
  el.dataset.t = key;
  el.textContent = t(key);
}
function showAsk() {
  $('ask').hidden = false;
  // In demo mode without SMTP the server shows kept mail at /outbox.
  fetch('/outbox', { method: 'HEAD' }).then(
    (res) => ($('outbox').hidden = !res.ok),
    () => {},
  );
}

if (token) $('choose').hidden = false;
else showAsk();

$('ask').addEventListener('submit', async (e) => {
  e.preventDefault();
  showError($('ask-error'), 'none');
  const res = await post('/v1/auth/password-reset', { email: new FormData(e.target).get('email') });
  if (res.status !== 202) {
    showError($('ask-error'), await problemKey(res));
    return;
  }
  $('ask').hidden = true;
  $('asked').dataset.t = 'asked';
  $('asked').textContent = t('asked');
  $('asked').hidden = false;
});

$('choose').addEventListener('submit', async (e) => {
  e.preventDefault();
  const error = $('choose-error');
  showError(error, 'none');
  const data = new FormData(e.target);
  if (data.get('password') !== data.get('repeat')) {
    showError(error, 'mismatch');
    return;
  }
  const res = await post('/v1/auth/password-reset/confirm', { token, password: data.get('password') });
  if (res.status === 204) {
    $('choose').hidden = true;
    $('done').hidden = false;
    $('done').querySelector('a').focus();
    return;
  }
  const key = await problemKey(res);
  showError(error, key);
  // A used, expired or unknown link: offer a new one right here.
  if (key === 'used' || key === 'expired' || key === 'invalid') showAsk();
});
