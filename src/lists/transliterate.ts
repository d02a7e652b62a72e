import type { Transliterate } from '../core/screening/index.js';

/**
 * pinyin-pro's converter as the screening core expects it: syllables separated by spaces, tones dropped. It reads
 * polyphones in context (长江 chang jiang, 重庆 chong qing, 厦门 xia men: screening.md §5). Loaded on demand
 * because its dictionary costs about 100 ms to load.
 */
export async function loadPinyinTransliterate(): Promise<Transliterate> {
  const { pinyin } = await import('pinyin-pro');
  return (han: string) => pinyin(han, { toneType: 'none', type: 'string', separator: ' ' });
}
