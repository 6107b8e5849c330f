// The fictional CRM's ticket page written with Vue 3 (SI-12): a ticket picker, the ticket's details
// and the Sightline summary panel beside it. The panel is the plain custom element
// <sightline-summary-viewer> (loaded by the page from /assets/sightline-summary-viewer.js): the
// templates (*.template.html) bind `base-url` / `session-id` as attributes and `.token` as a property
// and listen with `@sightline-summary-change`. They are compiled when the page is built
// (scripts/build-examples.mjs, `sightline-*` tags as custom elements), so the page needs no
// 'unsafe-eval' and runs under the same strict CSP as the others.
// The CRM's backend (same origin) lists tickets and hands out a short-lived Sightline token for the
// session linked to a ticket, so the long-lived integration secret never reaches the browser.
import { computed, createApp, onBeforeUnmount, ref, watch } from 'vue';
import { getJson, RENEW_BEFORE_MS, timeOf, WAIT_MS } from '../crm-api.js';
import appRender from './app.template.html';
import summaryPanelRender from './summary-panel.template.html';
import ticketDetailsRender from './ticket-details.template.html';

const TicketDetails = {
  props: { ticket: { type: Object, required: true } },
  render: ticketDetailsRender,
};

/** The ticket's summary panel: a fresh token from the CRM backend, renewed before it expires. */
const SummaryPanel = {
  props: { ticket: { type: Object, required: true } },
  setup(props) {
    const panel = ref({ state: 'loading' });
    const lastEdit = ref(null);
    let abort;
    let timer;

    const stop = () => {
      abort?.abort();
      clearTimeout(timer);
    };
    const fetchPanel = () => {
      const signal = abort.signal;
      getJson(`/tickets/${encodeURIComponent(props.ticket.id)}/panel`, signal)
        .then((body) => {
          if (signal.aborted) return;
          if (!body) {
            panel.value = { state: 'none' };
            timer = setTimeout(fetchPanel, WAIT_MS);
            return;
          }
          panel.value = { state: 'ready', ...body };
          const renewIn = Date.parse(body.expiresAt) - Date.now() - RENEW_BEFORE_MS;
          timer = setTimeout(fetchPanel, Math.max(5_000, renewIn));
        })
        .catch((e) => {
          if (!signal.aborted) panel.value = { state: 'error', message: e.message };
        });
    };
    const start = () => {
      stop();
      abort = new AbortController();
      fetchPanel();
    };
    watch(
      () => props.ticket.id,
      () => {
        panel.value = { state: 'loading' };
        lastEdit.value = null;
        start();
      },
      { immediate: true },
    );
    onBeforeUnmount(stop);

    const onChange = (event) => {
      lastEdit.value = { at: new Date(), summary: event.detail.summary };
    };
    const lastEdited = computed(() => {
      const edit = lastEdit.value;
      if (!edit) return '';
      return edit.summary
        ? `Last edited at ${timeOf(edit.at)}: “${edit.summary.title}”`
        : `Summary deleted at ${timeOf(edit.at)}`;
    });
    return { panel, lastEdited, onChange, retry: start };
  },
  render: summaryPanelRender,
};

const App = {
  components: { TicketDetails, SummaryPanel },
  setup() {
    const tickets = ref(undefined);
    const error = ref('');
    const selected = ref(decodeURIComponent(location.hash.slice(1)));
    const load = () => {
      error.value = '';
      getJson('/tickets')
        .then((body) => {
          tickets.value = body?.items ?? [];
        })
        .catch((e) => {
          error.value = e.message;
        });
    };
    load();
    const ticket = computed(() => tickets.value?.find((t) => t.id === selected.value) ?? tickets.value?.[0]);
    const pick = (id) => {
      selected.value = id;
      history.replaceState(null, '', `#${encodeURIComponent(id)}`);
    };
    return { tickets, error, ticket, pick, load };
  },
  render: appRender,
};

createApp(App).mount('#app');
