// Helpdesk One's ticket page (SI-12): the summary panel beside the ticket.
// Everything Sightline-specific on this page: ask our backend for a short-lived token for the
// ticket's session, hand it to the panel, refresh it before it expires, and look again when a
// webhook about this ticket arrives (the backend relays what its receiver verified).
const api = (path) => fetch(`api${path}`, { headers: { accept: 'application/json' } });
const ticketId = new URLSearchParams(location.search).get('ticket');
const panel = document.getElementById('panel');
const status = document.getElementById('panel-status');
let refresh;

const { items: tickets } = await (await api('/tickets')).json();
const list = document.getElementById('tickets');
for (const t of tickets) {
  const li = document.createElement('li');
  const a = document.createElement('a');
  a.href = `?ticket=${encodeURIComponent(t.id)}`;
  a.textContent = `${t.id} · ${t.title}`;
  if (t.id === ticketId) a.setAttribute('aria-current', 'page');
  li.append(a);
  list.append(li);
}
const ticket = tickets.find((t) => t.id === ticketId);

async function showPanel() {
  clearTimeout(refresh);
  const res = await api(`/tickets/${encodeURIComponent(ticket.id)}/panel`);
  if (res.status === 404) {
    panel.hidden = true;
    status.textContent = 'No video session for this ticket yet. It appears here as soon as one is requested.';
    return;
  }
  if (!res.ok) {
    status.textContent = `The summary cannot be shown now (${res.status}).`;
    return;
  }
  const { baseUrl, token, sessionId, expiresAt } = await res.json();
  Object.assign(panel, { baseUrl, token, sessionId });
  panel.lang = document.documentElement.lang;
  panel.hidden = false;
  status.textContent = '';
  // A fresh token a minute before this one expires; the panel keeps its state.
  refresh = setTimeout(showPanel, Math.max(5_000, Date.parse(expiresAt) - Date.now() - 60_000));
}

if (ticket) {
  document.title = `${ticket.id} — Helpdesk One`;
  document.getElementById('ticket-title').textContent = `${ticket.id}: ${ticket.title}`;
  const details = document.getElementById('ticket-details');
  for (const [term, value] of [
    ['Customer', ticket.customer],
    ['Status', ticket.status],
  ]) {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = value;
    details.append(dt, dd);
  }
  document.getElementById('ticket-url').textContent = ticket.url;
  document.getElementById('ticket-hint').hidden = false;
  await showPanel();
  // A webhook naming this ticket (a session requested, confirmed, completed…) shows its panel.
  const deliveries = new EventSource('api/deliveries/stream');
  deliveries.addEventListener('delivery', (e) => {
    const { payload } = JSON.parse(e.data);
    const links = payload?.data?.ticketLinks ?? [];
    if (links.includes(ticket.url) && payload.data.sessionId !== panel.sessionId) void showPanel();
  });
} else {
  status.textContent = 'Pick a ticket to see its video session summary.';
}
