/**
 * Place names as users' files write them, matched to the names of the shipped maps: world-atlas's countries
 * (Natural Earth, English short names) and the provinces of China (short Chinese names: 浙江, 内蒙古 …).
 */

/** Country names and codes as files write them (lower case, no dots) → world-atlas's name. */
const COUNTRY_ALIASES: Record<string, string> = {
  'united states': 'United States of America', usa: 'United States of America', us: 'United States of America', america: 'United States of America',
  uk: 'United Kingdom', 'great britain': 'United Kingdom', britain: 'United Kingdom', england: 'United Kingdom', scotland: 'United Kingdom', wales: 'United Kingdom', 'northern ireland': 'United Kingdom',
  eire: 'Ireland', 'republic of ireland': 'Ireland', rsa: 'South Africa', 'czech republic': 'Czechia', holland: 'Netherlands', 'the netherlands': 'Netherlands',
  'south korea': 'South Korea', korea: 'South Korea', 'republic of korea': 'South Korea', 'north korea': 'North Korea', uae: 'United Arab Emirates',
  'russian federation': 'Russia', 'viet nam': 'Vietnam', 'ivory coast': "Côte d'Ivoire", 'bosnia and herzegovina': 'Bosnia and Herz.', 'north macedonia': 'Macedonia',
  'dominican republic': 'Dominican Rep.', 'central african republic': 'Central African Rep.', 'democratic republic of the congo': 'Dem. Rep. Congo', swaziland: 'eSwatini',
  'hong kong': 'China', macau: 'China', macao: 'China', prc: 'China', 'peoples republic of china': 'China',
  中国: 'China', 中华人民共和国: 'China', 美国: 'United States of America', 英国: 'United Kingdom', 德国: 'Germany', 法国: 'France', 日本: 'Japan', 韩国: 'South Korea',
  加拿大: 'Canada', 澳大利亚: 'Australia', 新加坡: 'Malaysia', 意大利: 'Italy', 西班牙: 'Spain', 俄罗斯: 'Russia', 印度: 'India', 巴西: 'Brazil', 荷兰: 'Netherlands',
  瑞士: 'Switzerland', 瑞典: 'Sweden', 新西兰: 'New Zealand', 爱尔兰: 'Ireland', 泰国: 'Thailand', 越南: 'Vietnam', 马来西亚: 'Malaysia', 墨西哥: 'Mexico',
};

/** The provinces of China: the map's short name, its pinyin and the suffix its full name carries. */
const PROVINCES: [string, string, string][] = [
  ['北京', 'Beijing', '市'], ['天津', 'Tianjin', '市'], ['上海', 'Shanghai', '市'], ['重庆', 'Chongqing', '市'], ['河北', 'Hebei', '省'], ['山西', 'Shanxi', '省'],
  ['辽宁', 'Liaoning', '省'], ['吉林', 'Jilin', '省'], ['黑龙江', 'Heilongjiang', '省'], ['江苏', 'Jiangsu', '省'], ['浙江', 'Zhejiang', '省'], ['安徽', 'Anhui', '省'],
  ['福建', 'Fujian', '省'], ['江西', 'Jiangxi', '省'], ['山东', 'Shandong', '省'], ['河南', 'Henan', '省'], ['湖北', 'Hubei', '省'], ['湖南', 'Hunan', '省'],
  ['广东', 'Guangdong', '省'], ['海南', 'Hainan', '省'], ['四川', 'Sichuan', '省'], ['贵州', 'Guizhou', '省'], ['云南', 'Yunnan', '省'], ['陕西', 'Shaanxi', '省'],
  ['甘肃', 'Gansu', '省'], ['青海', 'Qinghai', '省'], ['台湾', 'Taiwan', '省'], ['内蒙古', 'Inner Mongolia', '自治区'], ['广西', 'Guangxi', '壮族自治区'],
  ['西藏', 'Tibet', '自治区'], ['宁夏', 'Ningxia', '回族自治区'], ['新疆', 'Xinjiang', '维吾尔自治区'], ['香港', 'Hong Kong', '特别行政区'], ['澳门', 'Macau', '特别行政区'],
];

const key = (s: string) => s.trim().toLowerCase().replace(/[.]/g, '').replace(/\s+/g, ' ');

/** The province's map name for a value written in Chinese (浙江, 浙江省) or pinyin (Zhejiang, Zhejiang Province). */
export function provinceOf(value: string): string | null {
  const v = key(value).replace(/ (province|municipality|autonomous region|sar|city)$/, '');
  for (const [zh, py, suffix] of PROVINCES) {
    if (v === zh || v === `${zh}${suffix}` || v === key(py) || (zh === '内蒙古' && v === 'nei mongol') || (zh === '西藏' && v === 'xizang') || (zh === '澳门' && v === 'macao')) return zh;
  }
  return null;
}

/** world-atlas's name for a country as written (United States, USA, EIRE, 美国 …), when the map has it. */
export function countryOf(value: string, mapNames: ReadonlySet<string>): string | null {
  const v = value.trim();
  if (mapNames.has(v)) return v;
  const alias = COUNTRY_ALIASES[key(v)];
  if (alias && mapNames.has(alias)) return alias;
  for (const name of mapNames) if (key(name) === key(v)) return name;
  return null;
}

/** Which map an attribute's values call for: China's provinces when most of them are provinces, else the world. */
export function mapKind(values: readonly string[], mapNames: ReadonlySet<string>): 'china' | 'world' | null {
  if (!values.length) return null;
  const provinces = values.filter((v) => provinceOf(v)).length;
  const countries = values.filter((v) => countryOf(v, mapNames)).length;
  if (provinces >= values.length / 2 && provinces >= countries) return 'china';
  if (countries >= values.length / 2) return 'world';
  return null;
}
