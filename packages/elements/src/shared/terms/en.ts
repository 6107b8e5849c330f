// The shared and request-flow texts in English: the table that defines every term (`Terms`), a
// chunk of its own like every language, so a page loads only its language.

export const terms = {
  loading: 'Loading…',
  notConnected: 'Not connected to the support service.',
  signInFailed: 'Could not sign in to the support service.',
  networkError: 'The support service cannot be reached. Check your connection and try again.',
  forbidden: 'You are not allowed to do this.',
  conflict: 'This session has changed in the meantime; the action is no longer possible.',
  invalid: 'Please correct the marked fields.',
  genericError: 'Something went wrong. Please try again.',
  dismiss: 'Dismiss',
  status: {
    requested: 'Requested',
    confirmed: 'Confirmed',
    running: 'In a call',
    completed: 'Completed',
    closed: 'Closed',
    cancelled: 'Cancelled',
  },
  // request flow
  requestHeading: 'Request a video call',
  device: 'Device',
  reason: 'What do you need help with?',
  reasonRequired: 'Please describe what you need help with.',
  reasonTooLong: 'Please keep the description under 2000 characters.',
  tickets: 'Linked tickets (optional)',
  ticketsHint: 'One link per line, for example https://tickets.example.com/123',
  ticketInvalid: (line: number) =>
    `Line ${line} is not a valid link (it must start with https:// or http://).`,
  tooManyTickets: 'Please link at most 20 tickets.',
  consentQuestion: 'Video calls through this service may be recorded. May we record yours?',
  consentYes: 'Yes, the call may be recorded',
  consentNo: 'No, do not record the call',
  consentRequired: 'Please choose whether the call may be recorded.',
  summaryConsentQuestion: 'May we write an AI summary of this support session for our support team?',
  summaryConsentYes: 'Allow',
  summaryConsentNo: 'Don’t allow',
  submit: 'Request video call',
  submitting: 'Sending…',
  requestsDisabled:
    'Video calls cannot be requested for this device. Please contact the support team another way.',
  staffBackAt: (time: string) =>
    `The support team is not available right now. Staff are back at ${time} — please request the call again then.`,
  staffUnavailable: 'The support team cannot be reached through this service at the moment.',
  queuedUntil: (time: string) =>
    `The support team is not available right now; your request waits until they are back at ${time}.`,
  flowStatus: {
    requested: 'Your request has been sent. The support team will confirm it shortly.',
    confirmed: 'The support team has confirmed your request. You can start the call now.',
    running: 'The call is running.',
    completed: 'The call has ended. Thank you!',
    closed: 'This session is closed.',
    cancelled: 'This request has been cancelled.',
  },
  startCall: 'Start call',
  joinCall: 'Join call',
  cancelRequest: 'Cancel request',
  newRequest: 'New request',
  deviceRequired: 'Please choose a device.',
};

/** Every term of the shared translation table. */
export type Terms = typeof terms;
