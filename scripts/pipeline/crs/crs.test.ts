import { describe, expect, it } from 'vitest';
import { converterFromWgs84, converterToWgs84 } from './convert';
import { gaussKrugerEpsg, resolveCrs, zoneOfLongitude } from './definitions';
import { crsFromPrj } from './prj';
import proj4 from 'proj4';

const crs = (name: string) => {
  const def = resolveCrs(name);
  if (!def) throw new Error(`unknown ${name}`);
  return def;
};

/** Metres between two lon/lat positions (equirectangular; exact enough below 1 km). */
function metres(a: number[], b: number[]): number {
  const lat = ((a[1]! + b[1]!) / 2) * (Math.PI / 180);
  return Math.hypot((a[0]! - b[0]!) * 111_320 * Math.cos(lat), (a[1]! - b[1]!) * 111_320);
}

describe('proj4 Transverse Mercator against the EPSG worked example', () => {
  // IOGP Guidance Note 7-2 (Coordinate Conversions and Transformations), §3.5.3.1 Transverse
  // Mercator, worked example for OSGB 1936 / British National Grid: φ = 50°30'N, λ = 0°30'E
  // → E = 577 274.99 m, N = 69 740.50 m. The same engine converts every Gauss-Krüger zone.
  it('reproduces E and N to 2 cm', () => {
    const bng = '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy +units=m +no_defs';
    const [e, n] = proj4(bng, [0.5, 50.5]);
    expect(e).toBeCloseTo(577274.99, 1);
    expect(n).toBeCloseTo(69740.5, 1);
  });
});

describe('CGCS2000 3° Gauss-Krüger zones against the EPSG registry', () => {
  // epsg.io (EPSG dataset) publishes for each CRS the projected "Center coordinates" of its area
  // of use, the centre of its WGS84 bounds. Read there:
  //   EPSG:4522 zone 34: bounds 100.5–103.5°E, 21.13–42.69°N → 34 500 000.0, 3 531 872.69
  //   EPSG:4530 zone 42: bounds 124.5–127.5°E, 40.19–53.2°N  → 42 500 000.0, 5 173 340.81
  //   EPSG:4524 zone 36: bounds 106.5–109.51°E, 18.19–42.47°N → 36 500 480.83, 3 356 695.63
  const centres: [string, [number, number], [number, number]][] = [
    ['EPSG:4522', [(100.5 + 103.5) / 2, (21.13 + 42.69) / 2], [34_500_000.0, 3_531_872.69]],
    ['EPSG:4530', [(124.5 + 127.5) / 2, (40.19 + 53.2) / 2], [42_500_000.0, 5_173_340.81]],
    ['EPSG:4524', [(106.5 + 109.51) / 2, (18.19 + 42.47) / 2], [36_500_480.83, 3_356_695.63]],
  ];
  it.each(centres)('%s maps the centre of its area of use to the published coordinates within 1 cm', (code, lonLat, expected) => {
    const [x, y] = converterFromWgs84(crs(code))(lonLat);
    expect(Math.abs(x! - expected[0])).toBeLessThan(0.01);
    expect(Math.abs(y! - expected[1])).toBeLessThan(0.01);
  });
  it.each(centres)('%s converts the published coordinates back to the centre within 1e-8°', (code, lonLat, expected) => {
    const [lon, lat] = converterToWgs84(crs(code))(expected);
    expect(Math.abs(lon! - lonLat[0])).toBeLessThan(1e-7);
    expect(Math.abs(lat! - lonLat[1])).toBeLessThan(1e-7);
  });
  it('the truncated zone differs from the prefixed one by exactly the zone prefix (4549 vs 4528, Nanjing)', () => {
    const nanjing = [118.7969, 32.0603];
    const [x1, y1] = converterFromWgs84(crs('EPSG:4528'))(nanjing);
    const [x2, y2] = converterFromWgs84(crs('EPSG:4549'))(nanjing);
    expect(x1! - x2!).toBeCloseTo(40_000_000, 6);
    expect(y1).toBeCloseTo(y2!, 6);
  });
  it('numbers the zones as EPSG does: 4513 = zone 25 … 4533 = zone 45, 4534 = CM 75°E … 4554 = CM 135°E', () => {
    expect(crs('EPSG:4513')).toMatchObject({ zone: 25, centralMeridian: 75, prefixed: true });
    expect(crs('EPSG:4528')).toMatchObject({ zone: 40, centralMeridian: 120, prefixed: true });
    expect(crs('EPSG:4533')).toMatchObject({ zone: 45, centralMeridian: 135, prefixed: true });
    expect(crs('EPSG:4534')).toMatchObject({ centralMeridian: 75, prefixed: false });
    expect(crs('EPSG:4547')).toMatchObject({ centralMeridian: 114, prefixed: false });
    expect(crs('EPSG:4549')).toMatchObject({ centralMeridian: 120, prefixed: false });
    expect(crs('EPSG:4554')).toMatchObject({ centralMeridian: 135, prefixed: false });
    expect(resolveCrs('EPSG:4512')).toBeNull();
    expect(resolveCrs('EPSG:4555')).toBeNull();
  });
  it('puts Nanjing (118.8°E) in zone 40, whose codes are 4528 and 4549', () => {
    expect(zoneOfLongitude(118.8)).toBe(40);
    expect([gaussKrugerEpsg(40, true), gaussKrugerEpsg(40, false)]).toEqual(['EPSG:4528', 'EPSG:4549']);
  });
});

describe('GCJ-02 and BD-09 against published reference values', () => {
  // wandergis/coordtransform, test/app.js (the reference JS port of the GCJ-02/BD-09 formulas):
  //   wgs84togcj02(116.404, 39.915) → [116.41024449916938, 39.91640428150164]
  //   gcj02tobd09(116.404, 39.915)  → [116.41036949371029, 39.92133699351021]
  //   bd09togcj02(116.404, 39.915)  → [116.39762729119315, 39.90865673957631]
  it('WGS-84 → GCJ-02 gives the reference point to 1e-9°', () => {
    const [lon, lat] = converterFromWgs84(crs('GCJ02'))([116.404, 39.915]);
    expect(lon).toBeCloseTo(116.41024449916938, 9);
    expect(lat).toBeCloseTo(39.91640428150164, 9);
  });
  it('GCJ-02 → WGS-84 inverts the reference point within 0.5 m', () => {
    const back = converterToWgs84(crs('GCJ02'))([116.41024449916938, 39.91640428150164]);
    expect(metres(back, [116.404, 39.915])).toBeLessThan(0.5);
  });
  it('BD-09 → WGS-84 lands where the GCJ-02 reference point is in WGS-84', () => {
    // BD (116.41036949371029, 39.92133699351021) is GCJ (116.404, 39.915); its WGS-84 position
    // must map forward to that GCJ point again.
    const wgs = converterToWgs84(crs('BD09'))([116.41036949371029, 39.92133699351021]);
    const gcj = converterFromWgs84(crs('GCJ02'))(wgs);
    expect(metres(gcj, [116.404, 39.915])).toBeLessThan(0.5);
    const bd = converterFromWgs84(crs('BD09'))(wgs);
    expect(metres(bd, [116.41036949371029, 39.92133699351021])).toBeLessThan(0.5);
  });
  it('BD-09 → GCJ-02 of (116.404, 39.915) matches bd09togcj02 (via WGS-84 within 0.5 m)', () => {
    const wgs = converterToWgs84(crs('BD09'))([116.404, 39.915]);
    expect(metres(converterFromWgs84(crs('GCJ02'))(wgs), [116.39762729119315, 39.90865673957631])).toBeLessThan(0.5);
  });
  it('round-trips GCJ-02 → WGS-84 → GCJ-02 within 0.5 m across Chinese cities', () => {
    const toWgs = converterToWgs84(crs('GCJ02'));
    const toGcj = converterFromWgs84(crs('GCJ02'));
    const cities = [[118.7969, 32.0603], [116.3975, 39.9087], [121.4737, 31.2304], [113.2644, 23.1291], [104.0665, 30.5723], [87.6168, 43.8256], [126.535, 45.8038], [110.3312, 20.0311]];
    for (const city of cities) {
      for (let dx = -0.05; dx <= 0.05; dx += 0.025) {
        for (let dy = -0.05; dy <= 0.05; dy += 0.025) {
          const gcj = [city[0]! + dx, city[1]! + dy];
          const wgs = toWgs(gcj);
          expect(metres(toGcj(wgs), gcj)).toBeLessThan(0.5);
          // The shift itself is real: hundreds of metres, not zero.
          expect(metres(wgs, gcj)).toBeGreaterThan(100);
        }
      }
    }
  });
  it('leaves a point outside China unchanged (GCJ-02 is defined for China only)', () => {
    expect(converterToWgs84(crs('GCJ02'))([9.52, 47.14])).toEqual([9.52, 47.14]);
  });
});

describe('WGS-84 and CGCS2000 geographic', () => {
  it('passes positions through unchanged (the two frames agree to centimetres)', () => {
    expect(converterToWgs84(crs('EPSG:4490'))([118.7969, 32.0603])).toEqual([118.7969, 32.0603]);
    expect(converterToWgs84(crs('WGS84'))([118.7969, 32.0603])).toEqual([118.7969, 32.0603]);
  });
  it('accepts the spellings offices write and refuses unknown ones', () => {
    expect(['WGS84', 'wgs-84', 'EPSG:4326', 'GPS'].map((n) => resolveCrs(n)?.id)).toEqual(['WGS84', 'WGS84', 'WGS84', 'WGS84']);
    expect(['GCJ-02', 'gcj02', '高德'].map((n) => resolveCrs(n)?.id)).toEqual(['GCJ02', 'GCJ02', 'GCJ02']);
    expect(['BD-09', '百度'].map((n) => resolveCrs(n)?.id)).toEqual(['BD09', 'BD09']);
    expect(['CGCS2000', 'EPSG:4490'].map((n) => resolveCrs(n)?.id)).toEqual(['CGCS2000', 'CGCS2000']);
    expect(resolveCrs('EPSG:3857')).toBeNull();
    expect(resolveCrs('Xian80')).toBeNull();
  });
});

describe('crsFromPrj', () => {
  it('reads ArcGIS\'s CGCS2000_3_Degree_GK_CM_120E (no EPSG code) as EPSG:4549 from its parameters', () => {
    const prj = 'PROJCS["CGCS2000_3_Degree_GK_CM_120E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    expect(crsFromPrj(prj)).toMatchObject({ ok: true, crs: { id: 'EPSG:4549' } });
  });
  it('reads ArcGIS\'s CGCS2000_3_Degree_GK_Zone_40 (false easting 40 500 000) as EPSG:4528', () => {
    const prj = 'PROJCS["CGCS2000_3_Degree_GK_Zone_40",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",40500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    expect(crsFromPrj(prj)).toMatchObject({ ok: true, crs: { id: 'EPSG:4528' } });
  });
  it('reads the EPSG registry\'s own WKT of EPSG:4547 (epsg.io/4547.wkt) by its code', () => {
    const prj = 'PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 114E",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",114],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AUTHORITY["EPSG","4547"]]';
    expect(crsFromPrj(prj)).toMatchObject({ ok: true, crs: { id: 'EPSG:4547', centralMeridian: 114 } });
  });
  it('reads geographic WGS 84 and CGCS2000', () => {
    expect(crsFromPrj('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]')).toMatchObject({ ok: true, crs: { id: 'WGS84' } });
    expect(crsFromPrj('GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]')).toMatchObject({ ok: true, crs: { id: 'CGCS2000' } });
  });
  it('refuses Xian 1980 and Web Mercator, naming them and what to do', () => {
    const xian = crsFromPrj('PROJCS["Xian_1980_3_Degree_GK_CM_120E",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]');
    expect(xian).toMatchObject({ ok: false });
    expect(xian.ok ? '' : xian.reason).toMatch(/older Chinese datum.*Reproject the layer to CGCS2000/);
    const merc = crsFromPrj('PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],PARAMETER["Central_Meridian",0.0],UNIT["Meter",1.0]]');
    expect(merc).toMatchObject({ ok: false });
  });
});
