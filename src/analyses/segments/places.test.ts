import { describe, expect, it } from 'vitest';
import { countryOf, mapKind, provinceOf } from './places';

const WORLD = new Set(['United States of America', 'United Kingdom', 'Ireland', 'China', 'Germany', 'France']);

describe('place names on the maps', () => {
  it('matches provinces written in Chinese or pinyin, with or without their suffix', () => {
    expect(['浙江', '浙江省', 'Zhejiang', 'zhejiang province', '内蒙古自治区', 'Inner Mongolia', '广西壮族自治区', 'Shaanxi', '北京市'].map(provinceOf))
      .toEqual(['浙江', '浙江', '浙江', '浙江', '内蒙古', '内蒙古', '广西', '陕西', '北京']);
    expect(provinceOf('Shanxi')).toBe('山西');
    expect(provinceOf('California')).toBeNull();
  });

  it('matches countries by name, code or Chinese name, and leaves the rest unmatched', () => {
    expect(['United States', 'USA', 'EIRE', 'england', '美国', 'Germany', 'germany'].map((v) => countryOf(v, WORLD)))
      .toEqual(['United States of America', 'United States of America', 'Ireland', 'United Kingdom', 'United States of America', 'Germany', 'Germany']);
    expect(countryOf('Channel Islands', WORLD)).toBeNull();
  });

  it('picks the map the values call for', () => {
    expect(mapKind(['Beijing', 'Guangdong', 'California'], WORLD)).toBe('china');
    expect(mapKind(['China', 'United Kingdom', 'Narnia'], WORLD)).toBe('world');
    expect(mapKind(['Web', 'App'], WORLD)).toBeNull();
  });
});
