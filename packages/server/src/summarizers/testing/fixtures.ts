import type { SummaryLanguage } from '@sightline/core/domain';
import type { SummaryInput, SummaryMessage } from '../summarizer.js';

const start = Date.parse('2026-03-02T09:00:00Z');
const at = (minute: number) => new Date(start + minute * 60_000).toISOString();

function session(
  language: SummaryLanguage,
  reason: string,
  device: string,
  lines: [number, 'customer' | 'staff' | 'note', string][],
): SummaryInput {
  const messages: SummaryMessage[] = lines.map(([minute, who, text]) => ({
    at: at(minute),
    kind: who === 'note' ? 'note' : 'chat',
    author: who === 'customer' ? 'customer' : 'staff',
    authorName: who === 'customer' ? device : 'Alex Agent',
    text,
  }));
  return {
    sessionId: `ses_${language}`,
    language,
    reason,
    ticketLinks: ['https://tickets.example/T-1042'],
    device: { id: 'dev_1', name: device },
    portal: { id: 'por_1', name: 'Service portal' },
    agents: [{ id: 'usr_1', name: 'Alex Agent' }],
    requestedAt: at(0),
    completedAt: at(30),
    calls: [{ id: 'cal_1', startedAt: at(2), endedAt: at(14), transport: 'p2p' }],
    timeline: [
      { at: at(0), kind: 'requested' },
      { at: at(1), kind: 'confirmed' },
      { at: at(2), kind: 'call-started', detail: { callId: 'cal_1', transport: 'p2p' } },
      { at: at(4), kind: 'consent', detail: { kind: 'recording', decision: 'declined' } },
      { at: at(6), kind: 'screenshot' },
      { at: at(7), kind: 'screenshot' },
      { at: at(8), kind: 'annotation' },
      { at: at(14), kind: 'call-ended', detail: { callId: 'cal_1', seconds: 720 } },
      { at: at(30), kind: 'completed' },
    ],
    messages,
  };
}

/** Four realistic support conversations, one per language, with what a reader expects of each. */
export const FIXTURES = {
  en: session('en', 'Outlook stops syncing mail on my laptop', "Dana's laptop", [
    [1, 'customer', 'Hi, since this morning Outlook does not receive any new mail on my laptop.'],
    [2, 'customer', 'It shows an error that the server is not available and then the app freezes.'],
    [3, 'staff', 'Thanks, I can see the error on your screen now.'],
    [5, 'staff', 'I restarted Outlook in safe mode and cleared the cached credentials.'],
    [6, 'note', 'Cached profile was corrupted after the Windows update; rebuilt the OST file.'],
    [10, 'customer', 'New mail is coming in again, it works now.'],
    [11, 'staff', 'Great, the sync is working again.'],
    [12, 'staff', 'I will follow up tomorrow to check that the calendar syncs too.'],
  ]),
  de: session('de', 'Heizung zeigt Fehler E42 an', 'Wärmepumpe Keller', [
    [1, 'customer', 'Guten Morgen, die Heizung zeigt seit gestern den Fehler E42 und das Display blinkt.'],
    [2, 'customer', 'Die Pumpe macht außerdem ein lautes Geräusch.'],
    [3, 'staff', 'Danke, ich sehe das Display jetzt im Video.'],
    [5, 'staff', 'Bitte drücken Sie die Reset-Taste für fünf Sekunden, ich prüfe dann den Druck.'],
    [7, 'note', 'Druck zu niedrig, Ventil am Ausdehnungsgefäß wahrscheinlich defekt.'],
    [10, 'customer', 'Der Fehler ist weg, die Heizung läuft wieder.'],
    [11, 'staff', 'Sehr gut, es funktioniert wieder.'],
    [12, 'staff', 'Ein Techniker wird morgen vorbeikommen und das Ventil tauschen.'],
  ]),
  es: session('es', 'No puedo conectar la impresora a la red wifi', 'Impresora oficina', [
    [1, 'customer', 'Hola, la impresora no se conecta a la red wifi desde que cambiamos el router.'],
    [2, 'customer', 'La pantalla dice que la conexión ha fallado.'],
    [3, 'staff', 'Gracias, veo la pantalla de la impresora en el vídeo.'],
    [5, 'staff', 'Vamos a reiniciar el router y a comprobar la contraseña de la red.'],
    [7, 'note', 'El router nuevo usa solo 5 GHz; la impresora necesita 2,4 GHz.'],
    [10, 'customer', 'Ahora la impresora funciona y ya imprime.'],
    [11, 'staff', 'Perfecto, la conexión funciona correctamente.'],
    [12, 'staff', 'Mañana vamos a enviar un técnico para configurar la banda de 2,4 GHz.'],
  ]),
  pt: session('pt', 'Esqueci a senha da conta no aplicativo', 'Celular da Ana', [
    [1, 'customer', 'Olá, não consigo entrar na minha conta no aplicativo porque esqueci a senha.'],
    [2, 'customer', 'A conta ficou bloqueada depois de três tentativas de login.'],
    [3, 'staff', 'Obrigado, estou vendo a tela do login no vídeo.'],
    [5, 'staff', 'Vou desbloquear a conta e enviar um link para trocar a senha.'],
    [7, 'note', 'Conta bloqueada por tentativas; desbloqueada no painel de usuários.'],
    [10, 'customer', 'Consegui entrar, agora funciona.'],
    [11, 'staff', 'Ótimo, o problema foi resolvido.'],
    [12, 'staff', 'Vou abrir um ticket para ativar a verificação em duas etapas depois.'],
  ]),
} satisfies Record<SummaryLanguage, SummaryInput>;
