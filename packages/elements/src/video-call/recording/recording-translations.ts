// The table of each language is in the call's texts (`../terms/`), one chunk per language.

/** The texts of recording in the call (VS-10, MC-12). */
export interface RecordingTerms {
  record: string;
  stop: string;
  /** Why Record is not offered yet. */
  waitingForConsent: string;
  recording: string;
  /** The indicator, with the elapsed time. */
  recordingFor: (time: string) => string;
  uploading: (percent: number) => string;
  uploaded: string;
  local: string;
  save: string;
  failed: string;
  sizeLimit: string;
  consentRevoked: string;
  question: string;
  allow: string;
  deny: string;
  allowed: string;
  denied: string;
  withdraw: string;
  allowAgain: string;
}
