/**
 * The coordinate systems an office's files come in (DOMAIN.md, "Coordinates") and how each is
 * named in guatu.config.json. Everything is converted to WGS-84 longitude/latitude (convert.ts).
 *
 * Parameters of the projected systems, checked against the EPSG registry (epsg.io / EPSG
 * dataset, method 9807 "Transverse Mercator", ellipsoid EPSG:1024 "CGCS2000": a = 6378137 m,
 * 1/f = 298.257222101, the same defining figures as GRS 1980, EPSG:7019, hence `+ellps=GRS80`):
 *
 * - EPSG:4513–4533 "CGCS2000 / 3-degree Gauss-Kruger zone 25…45": latitude of origin 0,
 *   central meridian 3° × zone (75°E…135°E), scale 1, false easting zone × 1 000 000 + 500 000
 *   (the zone number is the easting's leading digits, e.g. zone 40 → 40 500 000), false northing 0.
 *   e.g. EPSG:4528 = zone 40, CM 120°E, FE 40 500 000.
 * - EPSG:4534–4554 "CGCS2000 / 3-degree Gauss-Kruger CM 75E…135E": the same zones with the
 *   prefix truncated, false easting 500 000. e.g. EPSG:4547 = CM 114°E, EPSG:4549 = CM 120°E.
 *   (EPSG's remarks pair them: "Also found with truncated false easting – see … CM 126E (4551)"
 *   on zone 42, EPSG:4530.)
 * - EPSG:4490 "China Geodetic Coordinate System 2000", geographic. CGCS2000 and WGS 84 agree to a
 *   few centimetres, far below what a sub-district map can show, so it passes through unchanged.
 *
 * EPSG's axis order for these projected CRSs is northing, easting (X north, Y east); shapefiles,
 * GeoJSON and spreadsheets exported by GIS software write easting first, which is what is read.
 *
 * GCJ-02 (国测局, 高德/腾讯) and BD-09 (百度) are not EPSG systems: an obfuscation of WGS-84
 * (~300–600 m in Chinese cities) and a further offset of it; gcoord converts them.
 */

/** A declared CRS, resolved. */
export type CrsDefinition =
  | { id: 'WGS84' | 'CGCS2000'; kind: 'geographic'; label: string }
  | { id: 'GCJ02' | 'BD09'; kind: 'offset'; label: string }
  | { id: `EPSG:${number}`; kind: 'gauss-kruger'; label: string; centralMeridian: number; zone: number; prefixed: boolean; proj4: string };

export const GK_PREFIXED_FIRST = { epsg: 4513, zone: 25 } as const;
export const GK_PREFIXED_LAST = { epsg: 4533, zone: 45 } as const;
export const GK_TRUNCATED_FIRST = { epsg: 4534, centralMeridian: 75 } as const;
export const GK_TRUNCATED_LAST = { epsg: 4554, centralMeridian: 135 } as const;

/** The proj4 definition of a CGCS2000 3° Gauss-Krüger zone (parameters as in the header). */
export function gaussKrugerProj4(centralMeridian: number, falseEasting: number): string {
  return `+proj=tmerc +lat_0=0 +lon_0=${centralMeridian} +k=1 +x_0=${falseEasting} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
}

/** 3° zone number of a central meridian (zone 40 ↔ 120°E). */
export const zoneOfMeridian = (centralMeridian: number): number => centralMeridian / 3;

/** The 3° zone a longitude falls in: zones are centred on multiples of 3°. */
export function zoneOfLongitude(lon: number): number {
  return Math.round(lon / 3);
}

export function gaussKrugerEpsg(zone: number, prefixed: boolean): `EPSG:${number}` {
  return prefixed ? `EPSG:${GK_PREFIXED_FIRST.epsg + zone - GK_PREFIXED_FIRST.zone}` : `EPSG:${GK_TRUNCATED_FIRST.epsg + zone - zoneOfMeridian(GK_TRUNCATED_FIRST.centralMeridian)}`;
}

function gaussKruger(epsg: number): CrsDefinition | null {
  if (epsg >= GK_PREFIXED_FIRST.epsg && epsg <= GK_PREFIXED_LAST.epsg) {
    const zone = GK_PREFIXED_FIRST.zone + (epsg - GK_PREFIXED_FIRST.epsg);
    const cm = zone * 3;
    return {
      id: `EPSG:${epsg}`,
      kind: 'gauss-kruger',
      label: `CGCS2000 / 3-degree Gauss-Kruger zone ${zone} (CM ${cm}E, easting with zone prefix)`,
      centralMeridian: cm,
      zone,
      prefixed: true,
      proj4: gaussKrugerProj4(cm, zone * 1_000_000 + 500_000),
    };
  }
  if (epsg >= GK_TRUNCATED_FIRST.epsg && epsg <= GK_TRUNCATED_LAST.epsg) {
    const cm = GK_TRUNCATED_FIRST.centralMeridian + 3 * (epsg - GK_TRUNCATED_FIRST.epsg);
    return {
      id: `EPSG:${epsg}`,
      kind: 'gauss-kruger',
      label: `CGCS2000 / 3-degree Gauss-Kruger CM ${cm}E (zone ${zoneOfMeridian(cm)}, easting without zone prefix)`,
      centralMeridian: cm,
      zone: zoneOfMeridian(cm),
      prefixed: false,
      proj4: gaussKrugerProj4(cm, 500_000),
    };
  }
  return null;
}

/** Names an office may write, all spellings of the same few systems (case and dashes ignored). */
const ALIASES: Record<string, 'WGS84' | 'CGCS2000' | 'GCJ02' | 'BD09'> = {
  wgs84: 'WGS84',
  epsg4326: 'WGS84',
  gps: 'WGS84',
  cgcs2000: 'CGCS2000',
  epsg4490: 'CGCS2000',
  gcj02: 'GCJ02',
  高德: 'GCJ02',
  腾讯: 'GCJ02',
  bd09: 'BD09',
  百度: 'BD09',
};

const LABELS = {
  WGS84: 'WGS-84 longitude/latitude (GPS, OpenStreetMap)',
  CGCS2000: 'CGCS2000 longitude/latitude (EPSG:4490)',
  GCJ02: 'GCJ-02 (高德/腾讯 maps)',
  BD09: 'BD-09 (百度 maps)',
} as const;

/** The canonical CRS for a name in the config, or null when it is not one Guatu knows. */
export function resolveCrs(name: string): CrsDefinition | null {
  const key = name.trim().toLowerCase().replace(/[\s\-_:]/g, '');
  const named = ALIASES[key];
  if (named === 'GCJ02' || named === 'BD09') return { id: named, kind: 'offset', label: LABELS[named] };
  if (named) return { id: named, kind: 'geographic', label: LABELS[named] };
  const epsg = /^epsg(\d{4,5})$/.exec(key);
  return epsg ? gaussKruger(Number(epsg[1])) : null;
}

/** What the config accepts, for error messages. */
export const CRS_HELP =
  'WGS84 (or EPSG:4326), GCJ02 (高德/腾讯), BD09 (百度), CGCS2000 (or EPSG:4490), or a CGCS2000 3° Gauss-Krüger zone EPSG:4513–4533 (easting with zone prefix, e.g. EPSG:4528 = zone 40) or EPSG:4534–4554 (without, e.g. EPSG:4549 = CM 120°E)';

/** Both Gauss-Krüger forms of the 3° zone containing a longitude (for the sanity check's guesses). */
export function gaussKrugerZonesAt(lon: number): CrsDefinition[] {
  const zone = zoneOfLongitude(lon);
  return [true, false].flatMap((prefixed) => {
    const def = resolveCrs(gaussKrugerEpsg(zone, prefixed));
    return def ? [def] : [];
  });
}
