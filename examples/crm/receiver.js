// Helpdesk One's webhook receiver page (SI-12): verified deliveries as they arrive.
document.getElementById('receiver-url').textContent = new URL('api/webhooks', location.href).href;
const body = document.getElementById('deliveries');
const count = document.getElementById('count');
const seen = new Set();
const show = (entry, atTop) => {
  if (seen.has(entry.webhookId)) return;
  seen.add(entry.webhookId);
  const tr = document.createElement('tr');
  tr.dataset.type = entry.type;
  const data = entry.payload?.data ?? {};
  for (const value of [
    new Date(entry.receivedAt).toLocaleTimeString(),
    entry.type,
    data.sessionId ?? '—',
    (data.ticketLinks ?? []).join(' ') || '—',
    '✓ verified',
    entry.webhookId,
  ]) {
    const td = document.createElement('td');
    td.textContent = value;
    tr.append(td);
  }
  tr.children[4].className = 'ok';
  if (atTop) body.prepend(tr);
  else body.append(tr);
  count.textContent = `${seen.size} deliveries`;
};
const { items } = await (await fetch('api/deliveries')).json();
for (const entry of items) show(entry, false);
count.textContent = `${seen.size} deliveries`;
new EventSource('api/deliveries/stream').addEventListener('delivery', (e) => show(JSON.parse(e.data), true));
