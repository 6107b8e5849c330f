// The fictional CRM's ticket page written with Vue 3 (SI-12): a ticket picker, the ticket's details
// and the Sightline summary panel beside it. The panel is the plain custom element
// <sightline-summary-viewer> (loaded by the page from /assets/sightline-summary-viewer.js): Vue is
// told that `sightline-*` tags are custom elements, binds `base-url` / `session-id` as attributes and
// `.token` as a property, and listens with `@sightline-summary-change`.
// The CRM's backend (same origin) lists tickets and hands out a short-lived Sightline token for the
// session linked to a ticket, so the long-lived integration secret never reaches the browser.
import { computed, createApp, onBeforeUnmount, ref, watch } from 'vue';
import { getJson, RENEW_BEFORE_MS, timeOf, WAIT_MS } from '../crm-api.js';

const TicketDetails = {
  props: { ticket: { type: Object, required: true } },
  template: `
    <section class="card" aria-labelledby="ticket-heading">
      <h2 id="ticket-heading" data-field="ticket-title">{{ ticket.id }}: {{ ticket.title }}</h2>
      <dl>
        <dt>Customer</dt>
        <dd data-field="customer">{{ ticket.customer }}</dd>
        <dt>Status</dt>
        <dd><span class="status" data-field="status">{{ ticket.status }}</span></dd>
        <dt>Ticket link</dt>
        <dd>
          <a :href="ticket.url">{{ ticket.url }}</a><br />
          <span class="muted">A support session that links this address shows its summary here.</span>
        </dd>
      </dl>
    </section>`,
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
  template: `
    <section class="card" aria-labelledby="panel-heading" :data-panel="panel.state">
      <h2 id="panel-heading">Support session summary</h2>
      <p v-if="panel.state === 'loading'" role="status">Loading the summary panel…</p>
      <p v-else-if="panel.state === 'none'" role="status">
        No support session links this ticket yet. The panel appears once one does.
        <button type="button" class="secondary" @click="retry">Check now</button>
      </p>
      <p v-else-if="panel.state === 'error'" role="alert" class="error">
        {{ panel.message }}
        <button type="button" class="secondary" @click="retry">Try again</button>
      </p>
      <sightline-summary-viewer
        v-else
        :base-url="panel.baseUrl"
        :session-id="panel.sessionId"
        .token="panel.token"
        @sightline-summary-change="onChange"
      ></sightline-summary-viewer>
      <p role="status" class="muted" data-field="last-edited">{{ lastEdited }}</p>
    </section>`,
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
  template: `
    <header class="top">
      <p class="brand">Helpdesk One</p>
      <p class="muted">Vue example of the Sightline summary panel</p>
    </header>
    <main>
      <section class="card" aria-labelledby="tickets-heading">
        <h1 id="tickets-heading">Tickets</h1>
        <p v-if="error" role="alert" class="error">
          {{ error }} <button type="button" class="secondary" @click="load">Try again</button>
        </p>
        <p v-else-if="tickets === undefined" role="status">Loading tickets…</p>
        <p v-else-if="tickets.length === 0">No tickets.</p>
        <ul v-else class="tickets">
          <li v-for="t in tickets" :key="t.id">
            <button
              type="button"
              :data-ticket="t.id"
              :aria-current="t.id === ticket?.id ? 'true' : undefined"
              @click="pick(t.id)"
            ><span class="id">{{ t.id }}</span> {{ t.title }}</button>
          </li>
        </ul>
      </section>
      <div class="work" v-if="ticket">
        <ticket-details :ticket="ticket"></ticket-details>
        <summary-panel :ticket="ticket"></summary-panel>
      </div>
    </main>`,
};

const app = createApp(App);
// Tags of the Sightline elements are custom elements, not Vue components.
app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('sightline-');
app.mount('#app');
