import type { PartyScreen } from '../core/decide/order.js';
import type { ListingRule } from '../core/screening/listing-dates.js';
import { partyScreening } from '../service/parties.js';

/**
 * The restricted-party screen the CLI's decisions use: the newest list version imported into the
 * default database (as the service sees it), else the shipped lists.
 * Loaded on demand because building the index and the pinyin dictionary costs more than a classification.
 */
export async function loadPartyScreen(listingRules: readonly ListingRule[]): Promise<{ screen: PartyScreen; listVersion: string }> {
  const { loadDefaultLists } = await import('../lists/index.js');
  const { loadPinyinTransliterate } = await import('../lists/transliterate.js');
  const { openDatabaseListStore } = await import('../service/list-store.js');
  const { lists: store, close } = await openDatabaseListStore();
  const [lists, transliterate] = await Promise.all([loadDefaultLists({ store }).finally(close), loadPinyinTransliterate()]);
  const screening = partyScreening(lists.entries, lists.version, transliterate, listingRules);
  return { screen: (name, country, on) => screening.screenParty(name, country, on), listVersion: lists.version.hash };
}
