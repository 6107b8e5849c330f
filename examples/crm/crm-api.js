// What the React and Vue pages of the CRM example share: the CRM backend's API and its timings.

export const API = '/examples/crm/api';
/** While no session links the ticket, ask the CRM backend again this often. */
export const WAIT_MS = 10_000;
/** Fetch a fresh panel token this long before the current one expires. */
export const RENEW_BEFORE_MS = 60_000;

/** GET a JSON document of the CRM backend; `null` for 404; throws with the problem's text otherwise. */
export async function getJson(path, signal) {
  const res = await fetch(`${API}${path}`, { signal, headers: { accept: 'application/json' } });
  if (res.status === 404) return null;
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.detail ?? body.title ?? `The CRM answered ${res.status}.`);
  return body;
}

export const timeOf = (date) => date.toLocaleTimeString(document.documentElement.lang || undefined);
