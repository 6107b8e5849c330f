import { expect } from '@open-wc/testing';
import { type Language, languages, loadTerms } from '../../shared/translations.js';
import { callTerms, callTexts } from '../call-translations.js';
import { type StatusInputs, statusLine } from './status-line.js';

// The call's one status line: a signal stream the browser holds back (every connection to the
// server taken by other streams) is said in words until the call connects (VS-9).

const inCall = (connection: StatusInputs['connection']): StatusInputs => ({
  ended: false,
  phase: { phase: 'in-call', callId: 'c1', connection: connection ?? 'idle' },
  lastAway: undefined,
  absence: undefined,
  failure: 'signaling-blocked',
  problem: undefined,
  connection,
});

/** The call's texts in `lang`, loaded as the element loads them. */
async function terms(lang: Language) {
  await loadTerms(lang);
  const texts = await callTexts.load(lang);
  return { t: callTerms[lang], texts };
}

describe('call status line', () => {
  it('says the call cannot reach the server while its signal stream is held back, in every language', async () => {
    for (const lang of languages) {
      const { t, texts } = await terms(lang);
      const line = statusLine(inCall('connecting'), t, texts.presence);
      expect(line, lang).to.equal(texts.call.signalingBlocked);
      expect(line.length, lang).to.be.greaterThan(20);
    }
    const { t, texts } = await terms('en');
    expect(statusLine(inCall('connecting'), t, texts.presence)).to.match(/Close other tabs/);
  });

  it('goes back to the connection’s state once the call connects', async () => {
    const { t, texts } = await terms('en');
    expect(statusLine(inCall('connected'), t, texts.presence)).to.equal('Connected');
  });
});
