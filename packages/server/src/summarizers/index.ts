import type { ServerConfig } from '../config.js';
import { builtinSummarizer } from './builtin/builtin.js';
import { createOpenAiSummarizer } from './openai/openai.js';
import type { Summarizer } from './summarizer.js';

export { builtinSummarizer, summarizeBuiltin } from './builtin/builtin.js';
export { loadSummaryInput } from './input.js';
export { createOpenAiSummarizer } from './openai/openai.js';
export * from './summarizer.js';

/**
 * The summarizer the configuration asks for: an OpenAI-compatible provider when `SIGHTLINE_LLM_URL`
 * is set, else the built-in extractive one (no network, no model download).
 * @example
 * const summarizer = createSummarizer(loadConfig());
 */
export function createSummarizer(config: Pick<ServerConfig, 'llm'>): Summarizer {
  return config.llm ? createOpenAiSummarizer(config.llm) : builtinSummarizer;
}
