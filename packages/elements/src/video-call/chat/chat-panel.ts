import { html, nothing, type TemplateResult } from 'lit';
import type { CallChat } from './call-chat.js';
import type { ChatTerms } from './chat-translations.js';

/** The chat button for the call's controls, with its unread count. */
export function chatToggle(chat: CallChat, t: ChatTerms): TemplateResult {
  // The count is announced while the panel is closed (the log announces lines while it is open).
  return html`<span class="visually-hidden" role="status">${!chat.open && chat.unread > 0 ? t.unread(chat.unread) : ''}</span><button data-action="chat" aria-expanded=${chat.open ? 'true' : 'false'} aria-controls=${chat.open ? 'chat' : nothing} @click=${() => chat.toggle()}>
    ${t.chat}${chat.unread > 0 ? html` <span class="badge" data-unread=${chat.unread}>${t.unread(chat.unread)}</span>` : nothing}
  </button>`;
}

/**
 * The chat panel (VS-15): the log (a polite live region), then the input — Enter sends,
 * Shift+Enter breaks the line. Staff may tick "private note".
 */
export function chatPanel(chat: CallChat, t: ChatTerms, staff: boolean, lang: string): TemplateResult {
  const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' });
  if (!chat.open) return html``;
  const submit = (form: HTMLFormElement) => {
    const field = form.querySelector('textarea');
    if (!field?.value.trim()) return;
    void chat.send(field.value, chat.noteMode ? 'note' : 'chat');
    field.value = '';
    field.focus();
  };
  return html`<section part="chat" id="chat" aria-label=${t.chat}>
    <ol class="chat-log" aria-live="polite">
      ${chat.lines.length === 0 ? html`<li class="empty">${t.empty}</li>` : nothing}
      ${chat.lines.map(
        (
          l,
        ) => html`<li data-message=${l.id} data-kind=${l.kind} data-state=${l.state} class=${l.mine ? 'mine' : ''}>
          <span class="author">${l.mine ? t.you : l.author || (staff ? t.customer : t.support)}${l.kind === 'note' ? html` · ${t.note}` : nothing}</span>
          <time datetime=${l.at}>${time.format(new Date(l.at))}</time>
          <span class="text">${l.text}</span>
          ${l.state === 'sending' ? html`<small>${t.sending}</small>` : nothing}
          ${
            l.state === 'failed'
              ? html`<small>${t.failed}</small> <button type="button" data-action="chat-retry" @click=${() => void chat.retry(l.id)}>${t.retry}</button>`
              : nothing
          }
        </li>`,
      )}
    </ol>
    <form
      class="chat-form"
      @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        submit(e.target as HTMLFormElement);
      }}
    >
      <label class="visually-hidden" for="chat-input">${t.message}</label>
      <textarea
        id="chat-input"
        rows="2"
        maxlength="4000"
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            submit((e.target as HTMLElement).closest('form') as HTMLFormElement);
          }
        }}
      ></textarea>
      ${
        staff
          ? html`<label class="note-toggle"
              ><input type="checkbox" data-action="chat-note" .checked=${chat.noteMode} @change=${(
                e: Event,
              ) => {
                chat.noteMode = (e.target as HTMLInputElement).checked;
              }} />
              ${t.note}</label
            >${chat.noteMode ? html`<small class="note-hint">${t.noteHint}</small>` : nothing}`
          : nothing
      }
      <button type="submit" data-action="chat-send">${t.send}</button>
    </form>
  </section>`;
}
