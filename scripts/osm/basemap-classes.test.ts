import { describe, expect, it } from 'vitest';
import { ROAD_CLASSES } from '../../src/contract';
import { displayName, landuseClass, parseHeight, parseLevels, placeRule, ROAD_CLASS_BY_HIGHWAY, ROAD_MINZOOM } from './basemap-classes';

describe('basemap classes', () => {
  it('reaches every contract road class from some highway value, each with a first zoom', () => {
    expect(new Set(Object.values(ROAD_CLASS_BY_HIGHWAY))).toEqual(new Set(ROAD_CLASSES));
    expect(Object.keys(ROAD_MINZOOM).sort()).toEqual([...ROAD_CLASSES].sort());
  });

  it('keeps a Chinese name, and prefers a Chinese name:zh over a foreign local name', () => {
    expect(displayName({ name: '中山东路', 'name:zh': '中山東路' })).toBe('中山东路');
    expect(displayName({ name: 'Vaduz', 'name:zh': '瓦杜兹' })).toBe('瓦杜兹');
    expect(displayName({ name: 'Vaduz', 'name:zh-Hans': '瓦杜兹', 'name:zh': '瓦都茲' })).toBe('瓦杜兹');
    expect(displayName({ name: 'Vaduz' })).toBe('Vaduz');
    expect(displayName({ name: ' ' })).toBeUndefined();
    expect(displayName({})).toBeUndefined();
  });

  it('reads metres and storeys, and refuses feet, lists and text', () => {
    expect(parseHeight('12')).toBe(12);
    expect(parseHeight('12.5 m')).toBe(12.5);
    expect(parseHeight('40\'')).toBeNull();
    expect(parseHeight('tall')).toBeNull();
    expect(parseHeight(undefined)).toBeNull();
    expect(parseLevels('4')).toBe(4);
    expect(parseLevels('4;6')).toBeNull();
    expect(parseLevels('-1')).toBeNull();
  });

  it('colours pitches as sport and school grounds as education, and leaves unknown landuse out', () => {
    expect(landuseClass({ leisure: 'pitch' })).toBe('sport');
    expect(landuseClass({ amenity: 'school' })).toBe('education');
    expect(landuseClass({ highway: 'pedestrian', area: 'yes' })).toBe('plaza');
    expect(landuseClass({ landuse: 'religious' })).toBeNull();
    expect(landuseClass({ highway: 'pedestrian' })).toBeNull();
  });

  it('labels a town above a school, and no shop', () => {
    expect(placeRule({ place: 'town' })!.rank).toBeLessThan(placeRule({ amenity: 'school' })!.rank);
    expect(placeRule({ shop: 'mall' })).toBeNull();
  });
});
