/** A small, valid manifest for unit tests (shape of src/contract/tiles.ts Manifest). */
import type { Manifest } from '../../contract';

export function sampleManifest(): Manifest {
  return {
    schemaVersion: 1,
    builtAt: '2026-11-20T18:00:00+08:00',
    asOf: '2026-11-20T17:00:00+08:00',
    demo: true,
    subDistrict: { code: '320102099', name: '梧桐街道' },
    bounds: [118.76, 32.03, 118.8, 32.06],
    center: [118.78, 32.045],
    attribution: ['© OpenStreetMap contributors (ODbL)'],
    archives: [
      { name: 'basemap', file: 'basemap.pmtiles', bytes: 10, sha256: 'a'.repeat(64), tiles: 1, minzoom: 12, maxzoom: 16, layers: [] },
      { name: 'grids', file: 'grids.pmtiles', bytes: 10, sha256: '0123456789abcdef'.repeat(4), tiles: 1, minzoom: 12, maxzoom: 16, layers: [] },
    ],
    inputs: {},
    headline: {
      problemsTotal: 480,
      problemsOpen: 120,
      problemsOverdue: 17,
      closureRate: 0.75,
      compoundsOld: 88,
      compoundsRenovated: 8,
      compoundsUnderWay: 28,
      lampsInstalled: 2000,
      lampsWorking: 1900,
      darkLengthM: 1250,
      problemsRed: 9,
      onTimeClosureRate: 0.81,
    },
    gridMetricBreaks: {
      open_problems: [0, 2, 4, 7, 15],
      problems_per_100hh: [0.5, 1.2, 2, 3.5, 8],
      renovation_coverage: [0.1, 0.3, 0.5, 0.8, 1],
    },
    categories: [
      { code: '03001', name: '占道经营', major_code: '03', major_name: '街面秩序' },
      { code: '04002', name: '飞线充电', major_code: '04', major_name: '安全隐患' },
      { code: '01001', name: '暴露垃圾', major_code: '01', major_name: '市容环境' },
      { code: '04001', name: '消防通道堵塞', major_code: '04', major_name: '安全隐患' },
    ],
    departments: [
      { code: 'D01', name: '物业办' },
      { code: 'D02', name: '安全办' },
    ],
    communities: [{ code: '320102099001', name: '梧桐社区' }],
  };
}
