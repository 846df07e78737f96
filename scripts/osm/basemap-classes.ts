/**
 * Which OSM tags make which basemap feature: the tag → class tables, the zoom each class first
 * shows at, and label ranks. Pure lookups, no geometry; basemap-features.ts does the geometry.
 * Tables rather than if-chains so a tag can be added in one line and read at a glance.
 */
import type { LanduseClass, PlaceClass, RoadClass, WaterClass } from '../../src/contract';
import type { OsmTags } from './read-osm-xml';

/** OSM `highway` values the basemap draws; anything else (proposed, platform, bus_stop…) is left out. */
export const ROAD_CLASS_BY_HIGHWAY: Readonly<Record<string, RoadClass>> = {
  motorway: 'trunk',
  motorway_link: 'trunk',
  trunk: 'trunk',
  trunk_link: 'trunk',
  primary: 'primary',
  primary_link: 'primary',
  secondary: 'secondary',
  secondary_link: 'secondary',
  tertiary: 'tertiary',
  tertiary_link: 'tertiary',
  residential: 'minor',
  unclassified: 'minor',
  living_street: 'minor',
  road: 'minor', // "road of unknown class": draw it as the least surprising thing
  service: 'service',
  footway: 'path',
  pedestrian: 'path',
  steps: 'path',
  path: 'path',
  cycleway: 'path',
  bridleway: 'path',
  track: 'path', // farm and forest tracks: unpaved, drawn like paths
};

/** First zoom of each road class: the network thins out from the bottom as you zoom out. */
export const ROAD_MINZOOM: Readonly<Record<RoadClass, number>> = {
  trunk: 10,
  primary: 10,
  secondary: 11,
  tertiary: 12,
  minor: 13,
  service: 14,
  path: 15,
};

/** `landuse=*` values and the class the style colours them by. */
const LANDUSE_BY_LANDUSE: Readonly<Record<string, LanduseClass>> = {
  residential: 'residential',
  commercial: 'commercial',
  retail: 'retail',
  industrial: 'industrial',
  railway: 'industrial',
  education: 'education',
  grass: 'grass',
  meadow: 'grass',
  village_green: 'grass',
  flowerbed: 'grass',
  greenfield: 'grass',
  recreation_ground: 'park',
  forest: 'forest',
  farmland: 'farmland',
  farmyard: 'farmland',
  orchard: 'farmland',
  vineyard: 'farmland',
  allotments: 'farmland',
  plant_nursery: 'farmland',
  cemetery: 'cemetery',
  military: 'military',
};

const LANDUSE_BY_LEISURE: Readonly<Record<string, LanduseClass>> = {
  park: 'park',
  garden: 'park',
  playground: 'park',
  nature_reserve: 'park',
  pitch: 'sport',
  stadium: 'sport',
  track: 'sport',
  sports_centre: 'sport',
  golf_course: 'sport',
};

const LANDUSE_BY_NATURAL: Readonly<Record<string, LanduseClass>> = {
  wood: 'forest',
  scrub: 'grass',
  grassland: 'grass',
  heath: 'grass',
};

/** Areas mapped as `amenity=*` (a school's grounds, a hospital's campus) are ground too. */
const LANDUSE_BY_AMENITY: Readonly<Record<string, LanduseClass>> = {
  school: 'education',
  kindergarten: 'education',
  college: 'education',
  university: 'education',
  hospital: 'hospital',
  clinic: 'hospital',
  grave_yard: 'cemetery',
};

/** The ground class of an area, or null when its tags say nothing the style colours. */
export function landuseClass(tags: OsmTags): LanduseClass | null {
  const fromTable = (table: Readonly<Record<string, LanduseClass>>, key: string): LanduseClass | undefined => {
    const value = tags[key];
    return value === undefined ? undefined : table[value];
  };
  const cls =
    fromTable(LANDUSE_BY_LEISURE, 'leisure') ??
    fromTable(LANDUSE_BY_AMENITY, 'amenity') ??
    fromTable(LANDUSE_BY_LANDUSE, 'landuse') ??
    fromTable(LANDUSE_BY_NATURAL, 'natural');
  if (cls) return cls;
  // A pedestrian area (area=yes highway=pedestrian) or a mapped square is open paved ground.
  if ((tags.highway === 'pedestrian' && tags.area === 'yes') || tags.place === 'square') return 'plaza';
  return null;
}

/** The class of a water polygon, or null when the area is not water. */
export function waterAreaClass(tags: OsmTags): WaterClass | null {
  if (tags.waterway === 'riverbank') return 'river';
  if (tags.landuse === 'reservoir' || tags.landuse === 'basin') return 'reservoir';
  if (tags.natural === 'water') {
    const water = tags.water;
    if (water === 'river' || water === 'canal') return water;
    if (water === 'reservoir' || water === 'basin') return 'reservoir';
    return 'water';
  }
  return null;
}

/** The class of a waterway line, or null when it is not one the basemap draws. */
export function waterLineClass(tags: OsmTags): WaterClass | null {
  switch (tags.waterway) {
    case 'river':
      return 'river';
    case 'canal':
      return 'canal';
    case 'stream':
    case 'ditch':
    case 'drain':
      return 'stream';
    default:
      return null;
  }
}

/** First zoom of waterway lines; water polygons go by area instead. */
export const WATER_LINE_MINZOOM: Readonly<Record<'river' | 'canal' | 'stream', number>> = {
  river: 10,
  canal: 11,
  stream: 13,
};

interface PlaceRule {
  cls: PlaceClass;
  /** Label priority, 1 = most important (MapLibre places lower `symbol-sort-key` first). */
  rank: number;
  minzoom: number;
}

const PLACE_BY_PLACE: Readonly<Record<string, PlaceRule>> = {
  city: { cls: 'city', rank: 1, minzoom: 10 },
  town: { cls: 'town', rank: 2, minzoom: 10 },
  suburb: { cls: 'suburb', rank: 3, minzoom: 11 },
  village: { cls: 'village', rank: 3, minzoom: 11 },
  quarter: { cls: 'neighbourhood', rank: 4, minzoom: 13 },
  neighbourhood: { cls: 'neighbourhood', rank: 4, minzoom: 13 },
  city_block: { cls: 'neighbourhood', rank: 6, minzoom: 15 },
  hamlet: { cls: 'hamlet', rank: 5, minzoom: 13 },
  isolated_dwelling: { cls: 'hamlet', rank: 7, minzoom: 15 },
  locality: { cls: 'locality', rank: 6, minzoom: 14 },
  square: { cls: 'square', rank: 6, minzoom: 15 },
};

/**
 * Public facilities worth a label on a sub-district office's map: where the government, police,
 * schools and hospitals are is what a briefing points at. Shops and restaurants are left out.
 */
const PLACE_BY_AMENITY: Readonly<Record<string, PlaceRule>> = {
  townhall: { cls: 'government', rank: 3, minzoom: 13 },
  police: { cls: 'police', rank: 4, minzoom: 14 },
  fire_station: { cls: 'fire_station', rank: 4, minzoom: 14 },
  hospital: { cls: 'hospital', rank: 3, minzoom: 13 },
  clinic: { cls: 'hospital', rank: 6, minzoom: 15 },
  university: { cls: 'university', rank: 3, minzoom: 13 },
  college: { cls: 'university', rank: 4, minzoom: 14 },
  school: { cls: 'school', rank: 5, minzoom: 14 },
  kindergarten: { cls: 'school', rank: 6, minzoom: 15 },
  library: { cls: 'library', rank: 5, minzoom: 14 },
  marketplace: { cls: 'market', rank: 5, minzoom: 14 },
  community_centre: { cls: 'community_centre', rank: 5, minzoom: 14 },
};

const PLACE_BY_LEISURE: Readonly<Record<string, PlaceRule>> = {
  park: { cls: 'park', rank: 4, minzoom: 13 },
  garden: { cls: 'park', rank: 6, minzoom: 15 },
};

const GOVERNMENT_OFFICE: PlaceRule = { cls: 'government', rank: 4, minzoom: 14 };
const STATION: PlaceRule = { cls: 'station', rank: 4, minzoom: 13 };

/** How a named feature is labelled in the places layer, or null when it is not a label. */
export function placeRule(tags: OsmTags): PlaceRule | null {
  const pick = (table: Readonly<Record<string, PlaceRule>>, key: string): PlaceRule | undefined => {
    const value = tags[key];
    return value === undefined ? undefined : table[value];
  };
  const rule = pick(PLACE_BY_PLACE, 'place') ?? pick(PLACE_BY_AMENITY, 'amenity') ?? pick(PLACE_BY_LEISURE, 'leisure');
  if (rule) return rule;
  if (tags.office === 'government') return GOVERNMENT_OFFICE;
  if (tags.railway === 'station' || tags.public_transport === 'station') return STATION;
  return null;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * The name to show: `name` when it is already Chinese (as OSM in China has it), otherwise a
 * Chinese `name:zh-Hans`/`name:zh` when tagged, otherwise the local `name`. Blank names count as none.
 */
export function displayName(tags: OsmTags): string | undefined {
  const clean = (s: string | undefined): string | undefined => {
    const t = s?.trim();
    return t ? t : undefined;
  };
  const local = clean(tags.name);
  if (local !== undefined && CJK.test(local)) return local;
  return clean(tags['name:zh-Hans']) ?? clean(tags['name:zh']) ?? local;
}

/** Metres from an OSM `height` such as `12`, `12.5 m` or `12m`; null for feet or anything else. */
export function parseHeight(raw: string | undefined): number | null {
  const match = raw === undefined ? null : /^\s*(\d+(?:\.\d+)?)\s*(?:m)?\s*$/.exec(raw);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** Storeys from `building:levels` such as `4`; null for `4;6`, `-1` or text. */
export function parseLevels(raw: string | undefined): number | null {
  const match = raw === undefined ? null : /^\s*(\d+(?:\.\d+)?)\s*$/.exec(raw);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** A building is any `building=*` except the explicit `building=no`. */
export function isBuilding(tags: OsmTags): boolean {
  const b = tags.building;
  return b !== undefined && b !== 'no';
}
