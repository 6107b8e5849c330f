/**
 * Closed sets of a summary's fields (SI-9, SI-10), shared by the summarizers, the contract and the
 * elements' translations.
 * @module
 */

/** Languages of a summary's fixed parts (SI-10): headings, issue type, outcome. */
export const SummaryLanguage = { en: 'en', de: 'de', es: 'es', pt: 'pt' } as const;
/** One of {@link SummaryLanguage}. */
export type SummaryLanguage = (typeof SummaryLanguage)[keyof typeof SummaryLanguage];
/** Every summary language. */
export const summaryLanguages: readonly SummaryLanguage[] = Object.values(SummaryLanguage);

/** The issue type a summary is filed under (SI-9). */
export const IssueType = {
  connectivity: 'connectivity',
  hardware: 'hardware',
  software: 'software',
  configuration: 'configuration',
  account: 'account',
  installation: 'installation',
  performance: 'performance',
  other: 'other',
} as const;
/** One of {@link IssueType}. */
export type IssueType = (typeof IssueType)[keyof typeof IssueType];
/** Every issue type. */
export const issueTypes: readonly IssueType[] = Object.values(IssueType);

/**
 * Why no summary was made, as stored on a `skipped` or `failed` summary (SI-7, SI-11): a reason of
 * the summary decision (`explainSummaryDecision`), or one of the job's own.
 * - `customer-no-answer`: "after confirmation" and the customer never answered.
 * - `no-credits`: no AI credit left this month.
 * - `generation-failed`: the summarizer failed after its retries (no credit spent).
 */
export const SummaryJobReason = {
  customerNoAnswer: 'customer-no-answer',
  noCredits: 'no-credits',
  generationFailed: 'generation-failed',
} as const;
/** One of {@link SummaryJobReason}. */
export type SummaryJobReason = (typeof SummaryJobReason)[keyof typeof SummaryJobReason];
