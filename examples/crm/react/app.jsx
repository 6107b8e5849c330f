// The fictional CRM's ticket page written with React 19 (SI-12): a ticket picker, the ticket's
// details and the Sightline summary panel beside it. The panel is the plain custom element
// <sightline-summary-viewer> (loaded by the page from /assets/sightline-summary-viewer.js); React 19
// passes `token` as a property, `base-url` / `session-id` as attributes, and listens to the element's
// own `sightline-summary-change` event through `onsightline-summary-change`.
// The CRM's backend (same origin) lists tickets and hands out a short-lived Sightline token for the
// session linked to a ticket, so the long-lived integration secret never reaches the browser.
import { useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { getJson, RENEW_BEFORE_MS, timeOf, WAIT_MS } from '../crm-api.js';

function App() {
  const [tickets, setTickets] = useState(undefined);
  const [error, setError] = useState('');
  const [selected, setSelected] = useState(() => decodeURIComponent(location.hash.slice(1)));

  const load = useCallback(() => {
    setError('');
    getJson('/tickets')
      .then((body) => setTickets(body?.items ?? []))
      .catch((e) => setError(e.message));
  }, []);
  useEffect(load, [load]);

  const pick = (id) => {
    setSelected(id);
    history.replaceState(null, '', `#${encodeURIComponent(id)}`);
  };
  const ticket = tickets?.find((t) => t.id === selected) ?? tickets?.[0];

  return (
    <>
      <header className="top">
        <p className="brand">Helpdesk One</p>
        <p className="muted">React example of the Sightline summary panel</p>
      </header>
      <main>
        <section className="card" aria-labelledby="tickets-heading">
          <h1 id="tickets-heading">Tickets</h1>
          {error ? (
            <p role="alert" className="error">
              {error}{' '}
              <button type="button" className="secondary" onClick={load}>
                Try again
              </button>
            </p>
          ) : tickets === undefined ? (
            <p role="status">Loading tickets…</p>
          ) : tickets.length === 0 ? (
            <p>No tickets.</p>
          ) : (
            <ul className="tickets">
              {tickets.map((t) => (
                <li key={t.id}>
                  <button
                    type="button"
                    data-ticket={t.id}
                    aria-current={t.id === ticket?.id ? 'true' : undefined}
                    onClick={() => pick(t.id)}
                  >
                    <span className="id">{t.id}</span> {t.title}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
        <div className="work">
          {ticket ? <TicketDetails ticket={ticket} /> : null}
          {ticket ? <SummaryPanel key={ticket.id} ticket={ticket} /> : null}
        </div>
      </main>
    </>
  );
}

function TicketDetails({ ticket }) {
  return (
    <section className="card" aria-labelledby="ticket-heading">
      <h2 id="ticket-heading" data-field="ticket-title">
        {ticket.id}: {ticket.title}
      </h2>
      <dl>
        <dt>Customer</dt>
        <dd data-field="customer">{ticket.customer}</dd>
        <dt>Status</dt>
        <dd>
          <span className="status" data-field="status">
            {ticket.status}
          </span>
        </dd>
        <dt>Ticket link</dt>
        <dd>
          <a href={ticket.url}>{ticket.url}</a>
          <br />
          <span className="muted">A support session that links this address shows its summary here.</span>
        </dd>
      </dl>
    </section>
  );
}

/** The ticket's summary panel: a fresh token from the CRM backend, renewed before it expires. */
function SummaryPanel({ ticket }) {
  const [panel, setPanel] = useState({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [lastEdit, setLastEdit] = useState(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` asks again on purpose
  useEffect(() => {
    const abort = new AbortController();
    let timer;
    const fetchPanel = () => {
      getJson(`/tickets/${encodeURIComponent(ticket.id)}/panel`, abort.signal)
        .then((body) => {
          if (!body) {
            setPanel({ state: 'none' });
            timer = setTimeout(fetchPanel, WAIT_MS);
            return;
          }
          setPanel({ state: 'ready', ...body });
          const renewIn = Date.parse(body.expiresAt) - Date.now() - RENEW_BEFORE_MS;
          timer = setTimeout(fetchPanel, Math.max(5_000, renewIn));
        })
        .catch((e) => {
          if (!abort.signal.aborted) setPanel({ state: 'error', message: e.message });
        });
    };
    fetchPanel();
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [ticket.id, attempt]);

  const onChange = (event) => setLastEdit({ at: new Date(), summary: event.detail.summary });

  return (
    <section className="card" aria-labelledby="panel-heading" data-panel={panel.state}>
      <h2 id="panel-heading">Support session summary</h2>
      {panel.state === 'loading' ? <p role="status">Loading the summary panel…</p> : null}
      {panel.state === 'none' ? (
        <p role="status">
          No support session links this ticket yet. The panel appears once one does.{' '}
          <button type="button" className="secondary" onClick={() => setAttempt((n) => n + 1)}>
            Check now
          </button>
        </p>
      ) : null}
      {panel.state === 'error' ? (
        <p role="alert" className="error">
          {panel.message}{' '}
          <button type="button" className="secondary" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </p>
      ) : null}
      {panel.state === 'ready' ? (
        <sightline-summary-viewer
          base-url={panel.baseUrl}
          session-id={panel.sessionId}
          token={panel.token}
          onsightline-summary-change={onChange}
        />
      ) : null}
      <p role="status" className="muted" data-field="last-edited">
        {lastEdit
          ? lastEdit.summary
            ? `Last edited at ${timeOf(lastEdit.at)}: “${lastEdit.summary.title}”`
            : `Summary deleted at ${timeOf(lastEdit.at)}`
          : null}
      </p>
    </section>
  );
}

createRoot(document.getElementById('app')).render(<App />);
