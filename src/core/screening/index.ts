/**
 * Restricted-party screening: pure, dependency-free matching of party names against list entries.
 * Chinese-to-pinyin conversion is injected (`transliterate`), so this core needs no package.
 */
export type { ListEntry, Screener, ScreenerOptions, ScreeningMatch, ScreeningQuery, Thresholds, Transliterate } from './types.js';
export { createScreener, DEFAULT_THRESHOLDS } from './screener.js';
