export { BackgroundWork } from './background.js';
export { button, escapeHtml, mailLayout, paragraph } from './html.js';
export { type DeliveryReport, type Mailer, type MailMessage, mailerOf, OutboxMailer } from './mailer.js';
export { registerMailRoutes } from './routes.js';
export { RETRY_DELAYS_MS, SmtpMailer } from './smtp.js';
