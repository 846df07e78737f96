/**
 * Reads the CRS of a shapefile's .prj (WKT 1, as ArcGIS, QGIS and the surveying bureau's software
 * write it) into a Guatu CRS. The EPSG code when the WKT carries one, else the parameters:
 * ArcGIS writes `PROJCS["CGCS2000_3_Degree_GK_Zone_40", …]` with no AUTHORITY, so the projection,
 * central meridian, false easting and ellipsoid decide. Systems Guatu cannot convert (Beijing 1954,
 * Xian 1980: their shift to CGCS2000 needs parameters that are not public) are named in the error.
 */
import { gaussKrugerEpsg, resolveCrs, zoneOfMeridian, type CrsDefinition } from './definitions';

export type PrjReading = { ok: true; crs: CrsDefinition; name: string } | { ok: false; name: string; reason: string };

/** CGCS2000 and GRS 1980 share a = 6378137 m and 1/f = 298.257222101 (EPSG:1024, EPSG:7019). */
const GRS80 = { a: 6378137, rf: 298.257222101 };
/** WGS 84 (EPSG:7030): a = 6378137 m, 1/f = 298.257223563. */
const WGS84 = { a: 6378137, rf: 298.257223563 };

export function crsFromPrj(wkt: string): PrjReading {
  const text = wkt.trim();
  const name = /^(?:PROJCS|GEOGCS|PROJCRS|GEOGCRS)\s*\[\s*"([^"]*)"/i.exec(text)?.[1] ?? text.slice(0, 60);
  if (/xian|xi'?an|beijing|krassowsky|krasovsky|IAG[_ ]1975|1954|1980/i.test(text) && !/2000/.test(text)) {
    return { ok: false, name, reason: `is in ${name}, an older Chinese datum; its shift to CGCS2000/WGS-84 needs local parameters. Reproject the layer to CGCS2000 (e.g. EPSG:4528/4549) in ArcGIS or QGIS and export again` };
  }
  // The outermost AUTHORITY (the last one in WKT 1) is the CRS's own code.
  const authorities = [...text.matchAll(/(?:AUTHORITY|ID)\s*\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]/gi)];
  const own = authorities.at(-1)?.[1];
  if (own !== undefined) {
    const byCode = resolveCrs(`EPSG:${own}`);
    if (byCode) return { ok: true, crs: byCode, name };
  }
  const spheroid = /SPHEROID\s*\[\s*"[^"]*"\s*,\s*([\d.]+)\s*,\s*([\d.]+)/i.exec(text) ?? /ELLIPSOID\s*\[\s*"[^"]*"\s*,\s*([\d.]+)\s*,\s*([\d.]+)/i.exec(text);
  const a = spheroid ? Number(spheroid[1]) : NaN;
  const rf = spheroid ? Number(spheroid[2]) : NaN;
  const isGrs80 = Math.abs(a - GRS80.a) < 0.01 && Math.abs(rf - GRS80.rf) < 1e-6;
  const isWgs84 = Math.abs(a - WGS84.a) < 0.01 && Math.abs(rf - WGS84.rf) < 1e-6;
  const projected = /^PROJ(CS|CRS)/i.test(text);
  if (!projected) {
    if (isWgs84) return { ok: true, crs: resolveCrs('WGS84')!, name };
    if (isGrs80) return { ok: true, crs: resolveCrs('CGCS2000')!, name };
    return { ok: false, name, reason: `is in the geographic system "${name}" (ellipsoid a=${a}, 1/f=${rf}); expected WGS 84 or CGCS2000` };
  }
  const parameter = (key: string): number => {
    const m = new RegExp(`PARAMETER\\s*\\[\\s*"${key}"\\s*,\\s*(-?[\\d.]+)`, 'i').exec(text);
    return m ? Number(m[1]) : NaN;
  };
  const method = /PROJECTION\s*\[\s*"([^"]+)"/i.exec(text)?.[1] ?? /METHOD\s*\[\s*"([^"]+)"/i.exec(text)?.[1] ?? '';
  const cm = first(parameter('central_meridian'), parameter('Longitude of natural origin'));
  const fe = first(parameter('false_easting'), parameter('False easting'));
  const fn = first(parameter('false_northing'), parameter('False northing'));
  const k = first(parameter('scale_factor'), parameter('Scale factor at natural origin'));
  const lat0 = first(parameter('latitude_of_origin'), parameter('Latitude of natural origin'));
  const isTm = /transverse[_ ]mercator|gauss[_ ]kruger/i.test(method);
  if (!isTm || !isGrs80) {
    return { ok: false, name, reason: `is in "${name}" (${method || 'unknown projection'}); expected CGCS2000 geographic or a CGCS2000 3° Gauss-Krüger zone` };
  }
  const zone = zoneOfMeridian(cm);
  const standard = Number.isInteger(zone) && (k === 1 || Number.isNaN(k)) && (fn === 0 || Number.isNaN(fn)) && (lat0 === 0 || Number.isNaN(lat0));
  const prefixed = fe === zone * 1_000_000 + 500_000;
  const crs = standard && (fe === 500_000 || prefixed) ? resolveCrs(gaussKrugerEpsg(zone, prefixed)) : null;
  if (crs) return { ok: true, crs, name };
  return { ok: false, name, reason: `is a Transverse Mercator on CGCS2000 with central meridian ${cm}, false easting ${fe}, scale ${k}; expected a 3° Gauss-Krüger zone (central meridian a multiple of 3, false easting 500000 or zone×1000000+500000)` };
}

function first(...values: number[]): number {
  return values.find((v) => !Number.isNaN(v)) ?? NaN;
}
