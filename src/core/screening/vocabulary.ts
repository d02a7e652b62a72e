/**
 * Latin-script word lists for company names: legal forms, stopwords, abbreviations, phrase canonicalisation and
 * the word classes that weight tokens. Everything here is applied identically to listed names and to queries, so a
 * mapping only has to be consistent, not linguistically exact.
 *
 * Sources: the suffix and descriptor variants are the ones seen on the list (screening.md §4.1, §4.6); ITA's own
 * "common words" (screening.md §4.8: co company corp corporation inc incorporated limited ltd llc sa sas ...).
 */

/** Legal forms and corporate suffixes, dropped before matching (reported in the explanation). */
export const LEGAL_FORMS: ReadonlySet<string> = new Set([
  'co', 'company', 'corp', 'corporation', 'inc', 'incorporated', 'ltd', 'limited', 'llc', 'llp', 'lp', 'plc', 'pte',
  'pvt', 'pty', 'kk', 'gmbh', 'ag', 'sa', 'sas', 'sarl', 'srl', 'spa', 'bv', 'nv', 'ab', 'oy', 'oyj', 'ltda', 'jsc',
  'ojsc', 'pjsc', 'cjsc', 'ooo', 'zao', 'oao', 'berhad', 'bhd', 'sdn', 'group', 'grp', 'fze', 'fzco', 'fzc', 'fzllc',
  // Chinese legal forms written in pinyin (the list has "Haiguang Xinxi Jishu Youxian Gongsi").
  'youxian', 'gongsi', 'zeren', 'gufen', 'jituan',
]);

/** Multi-word legal forms, matched on consecutive tokens before single words are looked at. */
export const LEGAL_FORM_PHRASES: readonly string[] = [
  'kabushiki kaisha', 'private limited', 'public limited company', 'joint stock company', 'limited liability company',
  'k k', 's a', 'n v', 'b v', 'co ltd',
];

/** Function words that carry no identity ("Institute of ...", "Bank of the ..."). */
export const STOPWORDS: ReadonlySet<string> = new Set(['and', 'the', 'of', 'for', 'in', 'at', 'a', 'an', 'de', 'do', 'da', 'la', 'le', 'los', 'del']);

/**
 * Abbreviations and spelling variants mapped to one canonical word. Seen on the list or in the issue: Tech,
 * Info Tech, Intl, Mfg, Ind. (UVL "Jiangxi Hongdu Aviation Ind. Group"), Equip./Eq, Microele, Semi, Semitech,
 * Natl, Ctr, Inst, Univ, HK.
 */
export const ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['tech', 'technology'], ['techn', 'technology'], ['technol', 'technology'], ['technologie', 'technology'],
  ['info', 'information'], ['intl', 'international'], ['internat', 'international'],
  ['natl', 'national'], ['mfg', 'manufacturing'], ['manuf', 'manufacturing'], ['mfr', 'manufacturing'],
  ['ind', 'industry'], ['indus', 'industry'], ['industrie', 'industry'],
  ['elec', 'electronic'], ['electr', 'electronic'], ['electronics', 'electronic'], ['electronique', 'electronic'],
  ['equip', 'equipment'], ['eq', 'equipment'], ['microele', 'microelectronic'], ['microelec', 'microelectronic'],
  ['semi', 'semiconductor'], ['inst', 'institute'], ['univ', 'university'], ['ctr', 'center'], ['cntr', 'center'],
  ['centre', 'center'], ['dev', 'development'], ['devt', 'development'], ['sci', 'science'], ['sciences', 'science'],
  ['hldg', 'holding'], ['svc', 'service'], ['sys', 'system'], ['comm', 'communication'], ['telecom', 'telecommunication'],
  ['dept', 'department'], ['lab', 'laboratory'], ['labs', 'laboratory'], ['laboratorie', 'laboratory'],
  ['hk', 'hongkong'],
]);

/** Abbreviations that stand for more than one word; expanded in place. */
export const EXPANSIONS: ReadonlyMap<string, readonly string[]> = new Map([
  ['semitech', ['semiconductor', 'technology']],
  ['infotech', ['information', 'technology']],
]);

/**
 * Multi-word phrases reduced to one canonical token, so "Integrated Circuit" = "IC" = pinyin "Jicheng Dianlu",
 * "Artificial Intelligence" = "AI", "Research and Development" = "R&D" = "Yanfa", "Hong Kong" = "HK".
 * Keys are canonical single words joined by a space (after abbreviations and plurals).
 */
export const PHRASES: ReadonlyMap<string, string> = new Map([
  ['integrated circuit', 'ic'], ['jicheng dianlu', 'ic'],
  ['artificial intelligence', 'ai'], ['rengong zhineng', 'ai'],
  ['research and development', 'rd'], ['research development', 'rd'], ['r and d', 'rd'], ['r d', 'rd'],
  ['hong kong', 'hongkong'],
  ['science and technology', 'technology'], ['science technology', 'technology'],
  ['hi technology', 'hightech'], ['high technology', 'hightech'],
  ['micro electronic', 'microelectronic'], ['opto electronic', 'optoelectronic'], ['wei dianzi', 'microelectronic'],
  ['super computing', 'supercomputing'], ['chaoji jisuan', 'supercomputing'],
  ['yun jisuan', 'cloud computing'],
  // A business activity, not a listed industry; one word so that it counts once (see DESCRIPTORS on "trading").
  ['import and export', 'importexport'], ['import export', 'importexport'], ['imp and exp', 'importexport'],
]);

/**
 * Words common to many listed names (industry and organisation descriptors). They count, but little: sharing
 * "Technology" says almost nothing, and a different descriptor says little against a shared brand.
 * Organisation types that separate unrelated parties (university, college, bank, hospital, foundation) are
 * deliberately not here, nor are business activities absent from the listed industries (trading, import and
 * export): a name that shares only a brand and adds "Trading" ("Hua Wei Trading", screening.md §4.4) is another
 * party until shown otherwise.
 */
export const DESCRIPTORS: ReadonlySet<string> = new Set([
  'technology', 'information', 'industry', 'industrial', 'electronic', 'electric', 'electrical', 'electricity',
  'semiconductor', 'microelectronic', 'optoelectronic', 'photoelectric', 'ic', 'circuit', 'integrated', 'equipment',
  'manufacturing', 'manufactory', 'science', 'development', 'research', 'rd', 'institute', 'center', 'laboratory',
  'software', 'system', 'network', 'communication', 'telecommunication', 'intelligent', 'ai', 'intelligence',
  'artificial', 'computing', 'computer', 'supercomputing', 'supercomputer', 'cloud', 'data', 'digital', 'international',
  'holding', 'investment', 'engineering', 'design', 'device', 'enterprise', 'innovation', 'material', 'storage',
  'memory', 'micro', 'solution', 'service', 'global', 'new', 'advanced', 'high', 'performance', 'hightech', 'national',
  'academy', 'energy', 'power', 'precision', 'instrument', 'application', 'product', 'factory', 'branch', 'office',
  'department', 'division', 'unit', 'automation', 'control', 'optical', 'photonic', 'aviation', 'aerospace', 'defense',
  'machinery', 'chip', 'wafer', 'subsidiary', 'affiliate', 'zone', 'park', 'component', 'logistics', 'supply', 'chain',
  'management',
]);

/**
 * Organisation types. Sharing one says little ("University" in two names), but a party of another type is
 * probably another party ("Sunway University" vs "Sunway Microelectronics"), so an unmatched one costs as much
 * as a brand.
 */
export const ORGANISATION_TYPES: ReadonlySet<string> = new Set([
  'university', 'college', 'school', 'hospital', 'clinic', 'bank', 'foundation', 'association', 'society', 'trust',
  'fund', 'church', 'museum', 'hotel', 'restaurant', 'club', 'council', 'federation', 'union', 'chamber', 'consulting',
]);

/**
 * Place words: country, province and city names (the list puts them first, in parentheses or not at all:
 * screening.md §4.2) and compass words. A shared place is weak evidence; a different place is weak against.
 */
export const PLACES: ReadonlySet<string> = new Set([
  'china', 'chinese', 'prc', 'hongkong', 'macau', 'macao', 'taiwan', 'japan', 'korea', 'singapore', 'malaysia',
  'india', 'russia', 'iran', 'brazil', 'brasil', 'germany', 'usa', 'america', 'american', 'europe', 'asia', 'pacific',
  'beijing', 'shanghai', 'shenzhen', 'tianjin', 'tianjing', 'chongqing', 'guangzhou', 'chengdu', 'wuhan', 'hangzhou',
  'nanjing', 'suzhou', 'wuxi', 'hefei', 'xian', 'qingdao', 'xiamen', 'shenyang', 'jinan', 'zhengzhou', 'changsha',
  'kunshan', 'zhuhai', 'dongguan', 'fuzhou', 'quanzhou', 'jinjiang', 'nanchang', 'shijiazhuang', 'guiyang', 'xiongan',
  'harbin', 'dalian', 'ningbo', 'changchun', 'kunming', 'lanzhou', 'taiyuan', 'nanning', 'haikou', 'foshan',
  'changzhou', 'nantong', 'baoding', 'anyang', 'taian', 'pudong', 'haidian', 'kowloon', 'taipei',
  'anhui', 'fujian', 'gansu', 'guangdong', 'guangxi', 'guizhou', 'hainan', 'hebei', 'heilongjiang', 'henan', 'hubei',
  'hunan', 'jiangsu', 'jiangxi', 'jilin', 'liaoning', 'ningxia', 'qinghai', 'shaanxi', 'shandong', 'shanxi',
  'sichuan', 'tibet', 'xinjiang', 'yunnan', 'zhejiang', 'mongolia',
  'north', 'northern', 'south', 'southern', 'east', 'eastern', 'west', 'western', 'central',
]);

/**
 * Company-name words written in pinyin, mapped to the English word the list uses for them (so "Tianjin Feiteng
 * Xinxi Jishu" meets the alias "Tianjin Feiteng Information Technology"). Meanings are those of the characters in
 * ./glossary.ts. Syllables that are ambiguous as pinyin (zhongxin 中心/中芯/中信, yun 云/运, tongxin) are left out.
 */
export const PINYIN_WORDS: ReadonlyMap<string, string> = new Map([
  ['keji', 'technology'], ['jishu', 'technology'], ['xinxi', 'information'], ['chanye', 'industry'],
  ['gongye', 'industry'], ['dianzi', 'electronic'], ['weidianzi', 'microelectronic'], ['guangdian', 'optoelectronic'],
  ['bandaoti', 'semiconductor'], ['dianlu', 'circuit'], ['zhineng', 'intelligent'], ['shebei', 'equipment'],
  ['zhuangbei', 'equipment'], ['zhizao', 'manufacturing'], ['kaifa', 'development'], ['fazhan', 'development'],
  ['yanfa', 'rd'], ['sheji', 'design'], ['touzi', 'investment'], ['konggu', 'holding'], ['guoji', 'international'],
  ['ruanjian', 'software'], ['wangluo', 'network'], ['jisuan', 'computing'], ['jisuanji', 'computer'],
  ['cunchu', 'storage'], ['daxue', 'university'], ['yanjiusuo', 'institute'], ['yanjiuyuan', 'institute'],
  ['shiyanshi', 'laboratory'], ['guofang', 'defense'], ['beifang', 'northern'], ['nanfang', 'southern'],
  ['guojia', 'national'], ['maoyi', 'trading'], ['gongcheng', 'engineering'],
]);
