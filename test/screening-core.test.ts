import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { InputError } from '../src/core/errors.js';
import { createScreener, DEFAULT_THRESHOLDS, type ListEntry, type Screener, type Transliterate } from '../src/core/screening/index.js';
import { NameIndex } from '../src/core/screening/inverted-index.js';
import { isAcronym, matchableNames } from '../src/core/screening/names.js';
import { analyseName } from '../src/core/screening/normalize.js';
import { jaroWinkler, tokenSimilarity, withinOneEdit } from '../src/core/screening/similarity.js';
import { shippedLists } from '../src/lists/index.js';
import { loadPinyinTransliterate } from '../src/lists/transliterate.js';

const texts = (name: string, tr?: Transliterate) => analyseName(name, tr).tokens.map((t) => t.text);
const names = (e: Pick<ListEntry, 'name' | 'aliases'>) =>
  matchableNames({ ...entry('x'), ...e }, (s) => ['Shanghai', 'HK', 'Beijing'].includes(s)).map((n) => `${n.kind}:${n.text}`);

function entry(name: string, extra: Partial<ListEntry> = {}): ListEntry {
  return {
    id: `T-${name}`, list: 'EL', source: 'Entity List (EL) - Bureau of Industry and Security', name, aliases: [], countries: ['CN'],
    addresses: [], federal_register: '88 FR 71992', license_requirement: 'For all items subject to the EAR.', license_policy: 'Presumption of denial',
    footnotes: [], start_date: '2023-10-19', source_ids: [], ...extra,
  };
}

describe('token similarity', () => {
  it('computes Jaro-Winkler as published (Winkler 1990 examples)', () => {
    assert.equal(jaroWinkler('martha', 'marhta').toFixed(3), '0.961');
    assert.equal(jaroWinkler('dwayne', 'duane').toFixed(3), '0.840');
    assert.equal(jaroWinkler('dixon', 'dicksonx').toFixed(3), '0.813');
    assert.equal(jaroWinkler('abc', 'abc'), 1);
    assert.equal(jaroWinkler('abc', 'xyz'), 0);
  });

  it('tells words one edit apart (insert, delete, substitute, swap)', () => {
    for (const [a, b] of [['huawei', 'hauwei'], ['huawei', 'huawai'], ['huawei', 'huawe'], ['huawei', 'huaweii'], ['abc', 'abc'], ['', 'a']]) {
      assert.ok(withinOneEdit(a!, b!) && withinOneEdit(b!, a!), `${a} ~ ${b}`);
    }
    for (const [a, b] of [['kitten', 'sitting'], ['huawei', 'uaweih'], ['abcd', 'badc'], ['', 'ab'], ['sophgo', 'sophon']]) {
      assert.ok(!withinOneEdit(a!, b!) && !withinOneEdit(b!, a!), `${a} !~ ${b}`);
    }
  });

  it('accepts typos but not different words with a high Jaro-Winkler', () => {
    assert.ok(tokenSimilarity('huawai', 'huawei') > 0.9);
    assert.ok(tokenSimilarity('tianjing', 'tianjin') > 0.9);
    assert.ok(jaroWinkler('cambridge', 'cambrian') > 0.85, 'the trap: high Jaro-Winkler');
    assert.equal(tokenSimilarity('cambridge', 'cambrian'), 0, 'three edits apart');
    assert.equal(tokenSimilarity('cambridge', 'cambricon'), 0);
    assert.equal(tokenSimilarity('smic', 'smik'), 0, 'short tokens and acronyms match only exactly');
    assert.equal(tokenSimilarity('sophgo', 'sophon'), 0, 'two edits in a six-letter word');
  });
});

describe('name normalisation', () => {
  it('drops English and Chinese legal forms and says so', () => {
    assert.deepEqual(texts('Huawei Technologies Co., Ltd.'), ['huawei', 'technology']);
    assert.deepEqual(texts('HUAWEI TECHNOLOGIES COMPANY LIMITED'), ['huawei', 'technology']);
    assert.deepEqual(texts('Kingsemi Japan K.K.'), ['kingsemi', 'japan']);
    assert.deepEqual(texts('Huawei International Private Limited'), ['huawei', 'international']);
    const cn = analyseName('华为技术股份有限公司', (s) => [...s].map((c) => ({ 华: 'hua', 为: 'wei', 技: 'ji', 术: 'shu' })[c] ?? 'x').join(' '));
    assert.deepEqual(cn.tokens.map((t) => t.text), ['huawei', 'technology']);
    assert.ok(cn.notes.includes('legal form dropped: 股份有限公司'));
    assert.ok(cn.notes.includes('glossary: 技术 -> technology'));
  });

  it('applies NFKC, folds case, diacritics, apostrophes and punctuation', () => {
    assert.deepEqual(texts('Ｈｕａｗｅｉ　Ｔｅｃｈｎｏｌｏｇｉｅｓ'), ['huawei', 'technology']);
    assert.deepEqual(texts("Xi’an Cambricon"), ['xian', 'cambricon']);
    assert.deepEqual(texts("Cambricon (Xi'an) IC"), ['cambricon', 'xian', 'ic']);
    assert.deepEqual(texts('Huawei do Brasil Telecomunicações'), texts('Huawei do Brasil Telecomunicacoes'));
    assert.deepEqual(texts('Telecomunicac?es'), ['telecomunicace'], 'a character lost to encoding joins the word');
  });

  it('maps abbreviations, plurals, phrases and pinyin descriptors to one word', () => {
    assert.deepEqual(texts('Semiconductor Mfg Intl Corp'), ['semiconductor', 'manufacturing', 'international']);
    assert.deepEqual(texts('Integrated Circuits'), ['ic']);
    assert.deepEqual(texts('Jicheng Dianlu'), ['ic']);
    assert.deepEqual(texts('Beijing Academy of AI'), texts('Beijing Academy of Artificial Intelligence'));
    assert.deepEqual(texts('Research & Development'), ['rd']);
    assert.deepEqual(texts('R&D'), ['rd']);
    assert.deepEqual(texts('Haiguang Xinxi Jishu Youxian Gongsi'), ['haiguang', 'information', 'technology']);
    assert.deepEqual(texts('GMC Semitech'), ['gmc', 'semiconductor', 'technology']);
    assert.deepEqual(texts('Moore Threads'), ['moore', 'thread']);
    assert.deepEqual(texts('Inspur (HK) Electronics'), texts('Inspur (Hong Kong) Electronics'));
  });

  it('corrects misspelt descriptor words, as the list itself misspells them', () => {
    assert.deepEqual(texts('Suma Techology'), ['suma', 'technology']);
    assert.deepEqual(texts('Hymson Laser Tehnology'), ['hymson', 'laser', 'technology']);
    assert.deepEqual(texts('Suzhou Centec Communications'), ['suzhou', 'centec', 'communication'], 'a short brand is not "corrected" to center');
  });

  it('classifies tokens so brands outweigh descriptors and places', () => {
    const cls = Object.fromEntries(analyseName('Beijing Biren University Technology').tokens.map((t) => [t.text, t.cls]));
    assert.deepEqual(cls, { beijing: 'place', biren: 'distinctive', university: 'organisation', technology: 'descriptor' });
  });

  describe('Chinese characters', () => {
    let tr: Transliterate;
    before(async () => {
      tr = await loadPinyinTransliterate();
    });

    it('reads the brand in pinyin and descriptors through the glossary, polyphones in context', () => {
      assert.deepEqual(texts('华为技术有限公司', tr), ['huawei', 'technology']);
      assert.deepEqual(texts('长江存储科技有限责任公司', tr), ['changjiang', 'storage', 'technology']);
      assert.deepEqual(texts('華為技術有限公司', tr), ['huawei', 'technology'], 'traditional characters');
      assert.deepEqual(texts('深圳市新凯来技术有限公司', tr), ['shenzhen', 'xinkailai', 'technology'], 'city suffix 市 dropped');
      assert.deepEqual(texts('摩尔线程智能科技（北京）有限责任公司', tr), ['moore', 'thread', 'intelligent', 'technology', 'beijing']);
    });

    it('segments so that leftover characters stay together', () => {
      assert.deepEqual(texts('龙芯中科技术股份有限公司', tr), ['loongson', 'zhongke', 'technology']);
      assert.deepEqual(texts('北京智谱华章科技有限公司', tr), ['beijing', 'zhipu', 'huazhang', 'technology']);
    });

    it('marks homophones of guarded brands (screening.md 4.4)', () => {
      const [token] = analyseName('华威', tr).tokens;
      assert.equal(token!.text, 'huawei');
      assert.equal(token!.homophoneOf, '华为');
      assert.equal(analyseName('华为', tr).tokens[0]!.homophoneOf, undefined);
    });

    it('compares characters as written when no transliterator is injected', () => {
      const a = analyseName('华为技术');
      assert.deepEqual(a.tokens.map((t) => t.text), ['华为', 'technology']);
      assert.match(a.notes.join('\n'), /no transliterator/);
    });
  });
});

describe('matchable names of an entry', () => {
  it('splits 2022 "Affiliated Entity" names into affiliate and parent', () => {
    assert.deepEqual(names({ name: 'Huawei Technologies Co., Ltd. (Huawei). Affiliated Entity: Huawei Marine Networks Co., Ltd.', aliases: ['HMN Tech'] }), [
      'affiliate:Huawei Marine Networks Co., Ltd.', 'parent:Huawei Technologies Co., Ltd.', 'parent:Huawei', 'alias:HMN Tech',
    ]);
  });

  it('takes a trailing bracket as a short form unless it is a place', () => {
    assert.deepEqual(names({ name: 'Semiconductor Manufacturing International Corporation (SMIC)', aliases: [] }), [
      'name:Semiconductor Manufacturing International Corporation', 'abbreviation:SMIC',
    ]);
    assert.deepEqual(names({ name: 'ACM Research (Shanghai)', aliases: [] }), ['name:ACM Research (Shanghai)']);
  });

  it('cuts address text that crept into a name after its legal form', () => {
    assert.deepEqual(names({ name: 'HiSilicon Technologies Co., Ltd (HiSilicon), Bantian Longgang District', aliases: [] }), [
      'name:HiSilicon Technologies Co., Ltd (HiSilicon), Bantian Longgang District', 'trimmed:HiSilicon Technologies Co., Ltd', 'abbreviation:HiSilicon',
    ]);
    assert.deepEqual(names({ name: 'Fujian Jinhua Integrated Circuit Company, Ltd.', aliases: [] }), ['name:Fujian Jinhua Integrated Circuit Company, Ltd.']);
  });

  it('tells acronyms from upper-case names', () => {
    for (const a of ['SMIC', 'BEST', 'PST', 'CETC 13', 'NSCC-TJ', 'CAS ICT']) assert.ok(isAcronym(a), a);
    for (const n of ['SUGON', 'SOPHON', 'Biren', 'ZJLab', 'GMCs', 'HUAWEI TECHNOLOGIES CO., LTD.']) assert.ok(!isAcronym(n), n);
  });
});

describe('screener', () => {
  let screener: Screener;
  before(async () => {
    screener = createScreener(shippedLists().entries, { transliterate: await loadPinyinTransliterate() });
  });

  it('finds Huawei Technologies from its Chinese name, with the features that matched', () => {
    const [top] = screener.screen({ name: '华为技术有限公司' });
    assert.equal(top!.name, 'Huawei Technologies Co., Ltd. (Huawei)');
    assert.equal(top!.matched_alias, 'Huawei Technologies Co., Ltd.');
    assert.equal(top!.score, 1);
    assert.equal(top!.verdict, 'block');
    assert.equal(top!.list, 'EL');
    assert.equal(top!.license_policy, 'Presumption of denial');
    assert.match(top!.federal_register!, /^84 FR 22963/);
    for (const feature of [/pinyin: 华为 -> huawei/, /glossary: 技术 -> technology/, /legal form dropped: 有限公司/, /token huawei ~ huawei = 1\.00/]) {
      assert.ok(top!.explanation.some((line) => feature.test(line)), `${feature} in ${top!.explanation.join(' | ')}`);
    }
  });

  it('reads pinyin syllables written apart as the words they spell', () => {
    for (const name of ['Hua Wei Ji Shu', 'Hua Wei Ji Shu You Xian Gong Si']) {
      const [top] = screener.screen({ name });
      assert.equal(top?.name, 'Huawei Technologies Co., Ltd. (Huawei)', name);
      assert.equal(top?.verdict, 'block', name);
      assert.ok(top?.explanation.some((line) => /syllables joined: ji shu -> jishu/.test(line)), top?.explanation.join(' | '));
    }
  });

  it('finds Sugon from Dawning, an alias, and reports the alias', () => {
    const matches = screener.screen({ name: 'Dawning Information Industry Co Ltd' });
    const sugon = matches.find((m) => m.name === 'Sugon');
    assert.equal(sugon?.matched_alias, 'Dawning Information Industry');
    assert.equal(sugon?.verdict, 'block');
  });

  it('reports best first, each entry once, only at or above the review threshold', () => {
    const matches = screener.screen({ name: 'Cambricon' }, { limit: 50 });
    assert.ok(matches.length > 1);
    const scores = matches.map((m) => m.score);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
    assert.equal(new Set(matches.map((m) => m.entry_id)).size, matches.length);
    assert.ok(matches.every((m) => m.score >= DEFAULT_THRESHOLDS.review && m.score <= 1));
    assert.ok(matches.every((m) => (m.verdict === 'block') === (m.score >= DEFAULT_THRESHOLDS.block)));
    assert.equal(screener.screen({ name: 'Cambricon' }, { limit: 2 }).length, 2);
  });

  it('does not report unrelated firms that share a word', () => {
    for (const name of ['Cambridge Industries Group', 'Benjamin Moore & Co.', 'Hua Wei Trading Co., Ltd.', 'Sunway University', 'Jiangnan University', '华威贸易有限公司']) {
      assert.deepEqual(screener.screen({ name }).map((m) => m.name), [], name);
    }
  });

  it('lowers the score for a different country but never hides the hit', () => {
    const same = screener.screen({ name: 'Huawei Technologies Co., Ltd.', country: 'CN' })[0]!;
    const other = screener.screen({ name: 'Huawei Technologies Co., Ltd.', country: 'DE' });
    const huawei = other.find((m) => m.entry_id === same.entry_id)!;
    assert.equal(same.score, 1);
    assert.ok(huawei.score < same.score && huawei.score >= DEFAULT_THRESHOLDS.review);
    assert.ok(huawei.explanation.some((l) => /country: query DE, listed CN/.test(l)));
    const weak = screener.screen({ name: 'Huawei Device', country: 'US' }).find((m) => m.name === 'Huawei Device Co., Ltd.');
    assert.ok(weak && weak.score >= DEFAULT_THRESHOLDS.review, 'kept at the review threshold');
  });

  it('treats Hong Kong and China as one destination', () => {
    const [m] = screener.screen({ name: 'Cambricon (Hong Kong) Co., Ltd.', country: 'HK' });
    assert.equal(m!.name, 'Cambricon (Hong Kong) Co., Ltd.');
    assert.equal(m!.country, 'CN');
    assert.equal(m!.score, 1);
  });

  it('caps a bare acronym below block unless the country supports it', () => {
    const alone = screener.screen({ name: 'YMTC' })[0]!;
    assert.equal(alone.verdict, 'review');
    assert.ok(alone.explanation.some((l) => /acronym "YMTC"/.test(l)));
    assert.equal(screener.screen({ name: 'YMTC', country: 'CN' })[0]!.verdict, 'block');
  });

  it('screens only the lists asked for', () => {
    const all = screener.screen({ name: 'Huawei Technologies Co., Ltd.' }, { limit: 50 });
    assert.ok(all.some((m) => m.list === 'CMIC') && all.some((m) => m.list === 'EL'));
    const cmic = screener.screen({ name: 'Huawei Technologies Co., Ltd.', lists: ['cmic'] }, { limit: 50 });
    assert.deepEqual([...new Set(cmic.map((m) => m.list))], ['CMIC']);
  });

  it('rejects bad input with InputError naming the field', () => {
    const bad: [Parameters<Screener['screen']>, RegExp][] = [
      [[{ name: '' }], /^name: empty/],
      [[{ name: '   ' }], /^name: empty/],
      [[{ name: 'x'.repeat(501) }], /^name: 501 characters is too long/],
      [[{ name: 'Co., Ltd.' }], /nothing left to match/],
      [[{ name: 'Huawei', country: 'ZZ' }], /^country: "ZZ"/],
      [[{ name: 'Huawei', country: 'China' }], /^country: "China"/],
      [[{ name: 'Huawei', lists: ['E L'] }], /^lists: "E L"/],
      [[{ name: 'Huawei', lists: ['ELL'] }], /^lists: no list "ELL" is loaded/],
      [[{ name: 'Huawei' }, { limit: 0 }], /^limit/],
      [[{ name: 'Huawei' }, { limit: 2.5 }], /^limit/],
    ];
    for (const [args, message] of bad) {
      assert.throws(() => screener.screen(...args), (e: Error) => e instanceof InputError && message.test(e.message), String(message));
    }
  });

  it('accepts thresholds as data and refuses review above block', () => {
    const strict = createScreener(shippedLists().entries, { thresholds: { review: 0.95, block: 0.99 } });
    assert.deepEqual(strict.thresholds, { review: 0.95, block: 0.99 });
    assert.ok(strict.screen({ name: 'Huawei Device' }).every((m) => m.score >= 0.95));
    assert.throws(() => createScreener([], { thresholds: { review: 0.9, block: 0.8 } }), InputError);
    assert.throws(() => createScreener([], { thresholds: { review: -1, block: 0.8 } }), InputError);
  });
});

describe('inverted index', () => {
  it('returns only names that share a key, and finds typos and joined syllables', () => {
    const index = new NameIndex();
    const listed = ['Huawei Technologies', 'Peng Xin Wei IC Manufacturing', 'Cambricon Technologies', 'Semiconductor Manufacturing International'];
    listed.forEach((n, i) => index.add(i, analyseName(n).tokens));
    const ids = (q: string) => [...index.candidates(analyseName(q).tokens, DEFAULT_THRESHOLDS.review)].sort();
    assert.deepEqual(ids('Hauwei'), [0], 'one-edit typo via deletion keys');
    assert.deepEqual(ids('PengXinWei'), [1], 'joined syllables');
    assert.deepEqual(ids('Cambricom Tech'), [2]);
    assert.deepEqual(ids('Semiconductor Mfg Intl'), [3], 'descriptors only: falls back to the rarest weak keys');
    assert.deepEqual(ids('NVIDIA Corporation'), []);
  });

  it('gives the same answers as scoring every name (the index loses no match)', () => {
    const { entries } = shippedLists();
    const indexed = createScreener(entries);
    const scanned = createScreener(entries, { scanAll: true });
    const queries = ['Huawei', 'Hauwei Technologies', 'Cambricon Suzhou', 'Semiconductor Mfg Intl Corp', 'Zhong Ke Shu Guang', 'Moore Threads',
      'NSCC-TJ', 'Beijing Academy of AI', 'Sunway', 'Inspur Beijing Electronic Information', 'Tianjing Haiguang', 'Skyvers Limited'];
    for (const name of queries) assert.deepEqual(indexed.screen({ name }, { limit: 100 }), scanned.screen({ name }, { limit: 100 }), name);
  });
});
