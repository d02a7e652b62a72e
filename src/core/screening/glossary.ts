/**
 * Chinese company-name words and the English words the Entity List uses for them. The list itself carries no
 * Chinese characters (screening.md §4.3), so a name typed in Chinese reaches it in two ways: descriptor words
 * through this glossary, and the remaining characters (usually the brand) through pinyin.
 *
 * Sources: the word pairs in screening.md §4.1 (科技/技术 technology, 信息 information, 产业 industry,
 * 电子 electronic, 半导体 semiconductor, 集成电路 integrated circuit, 智能 intelligent, 有限公司, 股份有限公司,
 * 有限责任公司, 集团) and §4.3; the remaining words are standard dictionary senses of common company-name words,
 * each chosen because the list writes that English word in the same position (e.g. 研究所 "Institute",
 * 实验室 "Laboratory", 装备 "Equipment" in "Shanghai Micro Electronics Equipment"). Traditional forms are listed
 * where they differ, because Hong Kong and Taiwan names use them.
 */

export type GlossaryKind = 'legal' | 'word' | 'place' | 'brand';

export interface GlossaryEntry {
  /** The canonical Latin tokens, space-separated; empty for legal forms (dropped). */
  readonly latin: string;
  readonly kind: GlossaryKind;
}

export interface Brand {
  readonly han: string;
  /** The tokens the list uses for the brand. */
  readonly latin: string;
  /** The pinyin of the characters, when the list or buyers write the brand in pinyin too. */
  readonly pinyin?: string;
  readonly source: string;
}

/**
 * Chinese brand names whose list spelling is not their pinyin. The characters are the companies' Chinese names;
 * screening.md marks its own reconstructions of them as inferred (§4.3), so each entry says where the link to the
 * list spelling comes from.
 */
export const BRANDS: readonly Brand[] = [
  { han: '中芯国际', latin: 'smic', pinyin: 'zhongxin guoji', source: 'alias "Zhongxin Guoji Jicheng Dianlu Xinjishu Yanfa (Shanghai) Youxian Gongsi" of an SMIC entity (EL row 90)' },
  { han: '中芯國際', latin: 'smic', source: 'traditional form of 中芯国际' },
  { han: '中芯', latin: 'smic', source: 'short form of 中芯国际 used in subsidiaries such as 中芯北方 (SMIC Northern)' },
  { han: '浪潮', latin: 'inspur', pinyin: 'langchao', source: 'screening.md §4.3: 浪潮 = "wave"; aliases Langchao and Wave of Inspur entities (EL rows 124-128)' },
  { han: '寒武纪', latin: 'cambricon', pinyin: 'hanwuji', source: 'screening.md §4.3: 寒武纪 = Cambrian period; alias Cambrian of Cambricon (EL row 48)' },
  { han: '龙芯', latin: 'loongson', source: 'screening.md §4.3: Loongson is the brand for 龙芯 Longxin (marked inferred there)' },
  { han: '摩尔线程', latin: 'moore thread', pinyin: 'moer xiancheng', source: 'screening.md §4.3: 摩尔线程 Mo\'er Xiancheng; alias Mo\'er Xianchen (EL row 71)' },
  { han: '海思', latin: 'hisilicon', source: 'HiSilicon\'s Chinese name 海思半导体; not in screening.md, added from the company\'s own naming' },
  { han: '闻泰', latin: 'wingtech', source: 'Wingtech\'s Chinese name 闻泰科技; not in screening.md, added from the company\'s own naming' },
];

const legal = (...han: string[]): [string, GlossaryEntry][] => han.map((h) => [h, { latin: '', kind: 'legal' }]);
const word = (latin: string, ...han: string[]): [string, GlossaryEntry][] => han.map((h) => [h, { latin, kind: 'word' }]);
const place = (latin: string, ...han: string[]): [string, GlossaryEntry][] => han.map((h) => [h, { latin, kind: 'place' }]);

export const GLOSSARY: ReadonlyMap<string, GlossaryEntry> = new Map([
  // Legal forms (screening.md §4.1); 株式会社 is the Japanese form the list renders "K.K.".
  ...legal('股份有限公司', '有限责任公司', '有限責任公司', '有限公司', '责任公司', '責任公司', '公司', '集团', '集團', '株式会社', '股份'),
  ...word('technology', '科技', '技术', '技術'),
  ...word('information', '信息', '資訊'),
  ...word('industry', '产业', '產業', '工业', '工業'),
  ...word('electronic', '电子', '電子'),
  ...word('microelectronic', '微电子', '微電子'),
  ...word('optoelectronic', '光电', '光電'),
  ...word('semiconductor', '半导体', '半導體'),
  ...word('ic', '集成电路', '集成電路', '積體電路'),
  ...word('circuit', '电路', '電路'),
  ...word('intelligent', '智能'),
  ...word('ai', '人工智能'),
  ...word('computing', '计算', '計算'),
  ...word('computer', '计算机', '計算機'),
  ...word('supercomputing', '超级计算', '超級計算'),
  ...word('cloud computing', '云计算', '雲計算'),
  ...word('equipment', '设备', '設備', '装备', '裝備'),
  ...word('manufacturing', '制造', '製造'),
  ...word('institute', '研究所', '研究院'),
  ...word('research', '研究'),
  ...word('rd', '研发', '研發'),
  ...word('development', '开发', '開發', '发展', '發展'),
  ...word('design', '设计', '設計'),
  ...word('center', '中心'),
  ...word('laboratory', '实验室', '實驗室'),
  ...word('university', '大学', '大學'),
  ...word('chinese academy science', '中国科学院', '中國科學院'),
  ...word('national', '国家', '國家'),
  ...word('international', '国际', '國際'),
  ...word('defense', '国防', '國防'),
  ...word('storage', '存储', '存儲'),
  ...word('software', '软件', '軟件', '軟體'),
  ...word('network', '网络', '網絡', '網路'),
  ...word('communication', '通信', '通讯', '通訊'),
  ...word('investment', '投资', '投資'),
  ...word('holding', '控股'),
  ...word('trading', '贸易', '貿易'),
  ...word('material', '材料'),
  ...word('system', '系统', '系統'),
  ...word('engineering', '工程'),
  ...word('data', '数据', '數據'),
  ...word('digital', '数字', '數字'),
  ...word('innovation', '创新', '創新'),
  ...word('high performance', '高性能'),
  ...word('hightech', '高科技', '高新技术'),
  ...word('aviation', '航空'),
  ...word('aerospace', '航天'),
  ...word('northern', '北方'),
  ...word('southern', '南方'),
  ...place('china', '中国', '中國'),
  ...place('beijing', '北京'), ...place('shanghai', '上海'), ...place('shenzhen', '深圳'), ...place('tianjin', '天津'),
  ...place('chongqing', '重庆', '重慶'), ...place('guangzhou', '广州', '廣州'), ...place('chengdu', '成都'),
  ...place('wuhan', '武汉', '武漢'), ...place('hangzhou', '杭州'), ...place('nanjing', '南京'),
  ...place('suzhou', '苏州', '蘇州'), ...place('wuxi', '无锡', '無錫'), ...place('hefei', '合肥'), ...place('xian', '西安'),
  ...place('qingdao', '青岛', '青島'), ...place('xiamen', '厦门', '廈門'), ...place('shenyang', '沈阳', '瀋陽'),
  ...place('jinan', '济南', '濟南'), ...place('zhengzhou', '郑州', '鄭州'), ...place('changsha', '长沙', '長沙'),
  ...place('kunshan', '昆山'), ...place('zhuhai', '珠海'), ...place('dongguan', '东莞', '東莞'), ...place('fuzhou', '福州'),
  ...place('hongkong', '香港'), ...place('taiwan', '台湾', '臺灣', '台灣'), ...place('japan', '日本'),
  ...place('korea', '韩国', '韓國'), ...place('singapore', '新加坡'),
  ...place('fujian', '福建'), ...place('jiangsu', '江苏', '江蘇'), ...place('zhejiang', '浙江'), ...place('guangdong', '广东', '廣東'),
  ...place('shandong', '山东', '山東'), ...place('henan', '河南'), ...place('hebei', '河北'), ...place('hubei', '湖北'),
  ...place('hunan', '湖南'), ...place('anhui', '安徽'), ...place('sichuan', '四川'), ...place('jiangxi', '江西'),
  ...place('liaoning', '辽宁', '遼寧'), ...place('guizhou', '贵州', '貴州'), ...place('yunnan', '云南', '雲南'),
  ...place('shaanxi', '陕西', '陝西'),
  ...BRANDS.map((b): [string, GlossaryEntry] => [b.han, { latin: b.latin, kind: 'brand' }]),
]);

/**
 * Administrative suffixes written after a place name (深圳市 "Shenzhen City", 福建省 "Fujian Province"); the list
 * writes the bare place, so they are dropped when they follow a place.
 */
export const PLACE_SUFFIXES: ReadonlySet<string> = new Set(['市', '省']);

/**
 * Brands whose list spelling *is* their pinyin, kept so a homophone (same pinyin, other characters) can be told
 * apart: screening.md §4.4 names 华为 vs 华威/华维/华卫 and 芯源 vs 新源.
 */
export const HOMOPHONE_GUARDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['huawei', ['华为', '華為']],
  ['xinyuan', ['芯源']],
]);

/** Pinyin spellings of brands, mapped to the list spelling (applied to listed names and queries alike). */
export const BRAND_PINYIN: ReadonlyMap<string, string> = new Map(
  BRANDS.filter((b) => b.pinyin !== undefined).map((b) => [b.pinyin!, b.latin]),
);

/** Longest glossary key, bounding the greedy segmentation window. */
export const LONGEST_GLOSSARY_KEY = Math.max(...[...GLOSSARY.keys()].map((k) => k.length));
