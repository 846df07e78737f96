/**
 * A complete, tiny office written to a folder: a square sub-district split into two communities,
 * four level-4 grids, three compounds, a handful of lamps and problems, and a two-road OSM file.
 * Small enough to work its figures by hand; `faults` adds the bad rows the pipeline must reject.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const W = 118.78;
const S = 32.04;
const D = 0.01; // the sub-district is D × D degrees (≈ 0.94 × 1.11 km)

export const rect = (w: number, s: number, e: number, n: number) => ({
  type: 'Polygon',
  coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]],
});
const fc = (features: object[]) => JSON.stringify({ type: 'FeatureCollection', features });
const f = (properties: object, geometry: object | null) => ({ type: 'Feature', properties, geometry });
const csv = (rows: (string | number)[][]) => rows.map((r) => r.map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : c)).join(',')).join('\n') + '\n';

export const SUB = '320102099';
export const C1 = `${SUB}001`;
export const C2 = `${SUB}002`;
export const G = { nw: `${C1}001`, sw: `${C1}002`, ne: `${C2}001`, se: `${C2}002` };

export const PROBLEM_HEADER = ['id', 'lon', 'lat', 'category_code', 'status', 'nature', 'source', 'department_code', 'description', 'address', 'reported_at', 'registered_at', 'dispatched_at', 'disposed_at', 'verified_at', 'closed_at', 'deadline', 'returns'];

/** Good problems: 2 closed, 4 open of which 2 are past their deadline at asOf 2026-11-20T17:00+08:00. */
export const GOOD_PROBLEMS: (string | number)[][] = [
  ['P1', W + 0.002, S + 0.008, '03001', 'closed', 'prominent', 'inspection', 'D01', '门前占道经营', '中山路1号', '2026-10-01T09:00:00+08:00', '2026-10-01T10:00:00+08:00', '2026-10-01T11:00:00+08:00', '2026-10-02T09:00:00+08:00', '2026-10-02T15:00:00+08:00', '2026-10-02T16:00:00+08:00', '2026-10-03T10:00:00+08:00', 0],
  ['P2', W + 0.003, S + 0.007, '01001', 'closed', 'stubborn', 'hotline', 'D02', '暴露垃圾', '中山路2号', '2026-11-01T09:00:00+08:00', '2026-11-01T10:00:00+08:00', '2026-11-01T11:00:00+08:00', '2026-11-01T12:00:00+08:00', '2026-11-01T13:00:00+08:00', '2026-11-01T14:00:00+08:00', '2026-11-01T21:00:00+08:00', 1],
  ['P3', W + 0.002, S + 0.002, '01001', 'dispatched', 'prominent', 'resident', 'D02', '<img src=x onerror=alert(1)>', '汉中路3号', '2026-11-10T09:00:00+08:00', '2026-11-10T10:00:00+08:00', '2026-11-10T11:00:00+08:00', '', '', '', '2026-11-10T21:00:00+08:00', 0],
  ['P4', W + 0.008, S + 0.008, '05001', 'verifying', 'rebound', 'inspection', 'D01', '路灯不亮', '汉中路4号', '2026-11-19T09:00:00+08:00', '2026-11-19T10:00:00+08:00', '2026-11-19T11:00:00+08:00', '2026-11-19T15:00:00+08:00', '', '', '2026-11-20T10:00:00+08:00', 0],
  ['P5', W + 0.008, S + 0.002, '03001', 'registered', 'prominent', 'forum', 'D01', '占道经营', '汉中路5号', '2026-11-20T09:00:00+08:00', '2026-11-20T10:00:00+08:00', '', '', '', '', '2026-11-25T10:00:00+08:00', 0],
  ['P6', W + 0.007, S + 0.003, '03001', 'reported', 'prominent', 'questionnaire', 'D01', '占道经营', '汉中路6号', '2026-11-20T12:00:00+08:00', '', '', '', '', '', '2026-11-27T10:00:00+08:00', 0],
];

/** Bad problems, each with the field the reject must name. */
export const BAD_PROBLEMS: { row: (string | number)[]; field: string }[] = [
  { row: ['B1', '', S + 0.005, '03001', 'reported', 'prominent', 'hotline', 'D01', '无坐标', '', '2026-11-01T09:00:00+08:00', '', '', '', '', '', '2026-11-05T09:00:00+08:00', 0], field: 'lon' },
  { row: ['B2', 118.5, 32.5, '03001', 'reported', 'prominent', 'hotline', 'D01', '界外', '', '2026-11-01T09:00:00+08:00', '', '', '', '', '', '2026-11-05T09:00:00+08:00', 0], field: 'lon,lat' },
  { row: ['B3', W + 0.005, S + 0.005, '77777', 'reported', 'prominent', 'hotline', 'D01', '未知类别', '', '2026-11-01T09:00:00+08:00', '', '', '', '', '', '2026-11-05T09:00:00+08:00', 0], field: 'category_code' },
  { row: ['B4', W + 0.005, S + 0.005, '03001', 'reported', 'prominent', 'hotline', 'D01', '不可能日期', '', '2025-02-30', '', '', '', '', '', '2026-11-05T09:00:00+08:00', 0], field: 'reported_at' },
  { row: ['B5', W + 0.005, S + 0.005, '03001', 'closed', 'prominent', 'hotline', 'D01', '先结案后上报', '', '2026-11-02T09:00:00+08:00', '2026-11-02T10:00:00+08:00', '2026-11-02T11:00:00+08:00', '2026-11-02T12:00:00+08:00', '2026-11-02T13:00:00+08:00', '2026-11-01T09:00:00+08:00', '2026-11-05T09:00:00+08:00', 0], field: 'closed_at' },
];

export const OSM = `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6">
  <node id="1" lat="${S + 0.005}" lon="${W - 0.001}"/>
  <node id="2" lat="${S + 0.005}" lon="${W + D + 0.001}"/>
  <node id="3" lat="${S - 0.001}" lon="${W + 0.005}"/>
  <node id="4" lat="${S + D + 0.001}" lon="${W + 0.005}"/>
  <node id="10" lat="${S + 0.0081}" lon="${W + 0.0011}"/>
  <node id="11" lat="${S + 0.0081}" lon="${W + 0.0019}"/>
  <node id="12" lat="${S + 0.0089}" lon="${W + 0.0019}"/>
  <node id="13" lat="${S + 0.0089}" lon="${W + 0.0011}"/>
  <way id="100"><nd ref="1"/><nd ref="2"/><tag k="highway" v="primary"/><tag k="name" v="汉中路"/></way>
  <way id="101"><nd ref="3"/><nd ref="4"/><tag k="highway" v="secondary"/><tag k="name" v="中山路"/></way>
  <way id="102"><nd ref="10"/><nd ref="11"/><nd ref="12"/><nd ref="13"/><nd ref="10"/><tag k="building" v="yes"/></way>
</osm>
`;

export interface MiniOfficeOptions {
  /** Add the bad rows (problems, a project naming a missing compound, a lamp outside). */
  faults?: boolean;
  /** Override individual files' text, e.g. to make one malformed. */
  override?: Partial<Record<string, string>>;
}

export function writeMiniOffice(dir: string, options: MiniOfficeOptions = {}): string {
  mkdirSync(dir, { recursive: true });
  const faults = options.faults ?? false;
  const files: Record<string, string> = {
    'guatu.config.json': JSON.stringify({
      name: '测试街道', demo: false, subDistrict: { code: SUB, name: '测试街道' }, asOf: '2026-11-20T17:00:00+08:00', crs: 'WGS84', oldCompoundBefore: 2000,
      basemap: { osm: 'city.osm' },
      files: { boundary: 'boundary.geojson', areas: 'areas.csv', communities: 'communities.geojson', gridsL4: 'grids_l4.geojson', gridsL5: 'grids_l5.geojson', compounds: 'compounds.geojson', projects: 'projects.csv', renovationItems: 'renovation_items.csv', roadWorks: 'road_works.geojson', lamps: 'lamps.geojson', problems: 'problems.csv', categories: 'categories.csv', departments: 'departments.csv' },
    }),
    'city.osm': OSM,
    'boundary.geojson': fc([f({ code: SUB, name: '测试街道' }, rect(W, S, W + D, S + D))]),
    'areas.csv': csv([['code', 'name'], ['PQ01', '一片区']]),
    'communities.geojson': fc([
      f({ code: C1, name: '西社区', area_code: 'PQ01', kind: 'community', adopting_dept: 'D01' }, rect(W, S, W + D / 2, S + D)),
      f({ code: C2, name: '东社区', area_code: 'PQ01', kind: 'community', adopting_dept: '' }, rect(W + D / 2, S, W + D, S + D)),
    ]),
    'grids_l4.geojson': fc([
      f({ code: G.nw, community_code: C1, name: '西北网格', chief: '张三', households: 300, merchants: 10 }, rect(W, S + D / 2, W + D / 2, S + D)),
      f({ code: G.sw, community_code: C1, name: '西南网格', chief: '李四', households: 200, merchants: 5 }, rect(W, S, W + D / 2, S + D / 2)),
      f({ code: G.ne, community_code: C2, name: '东北网格', chief: '王五', households: 100, merchants: 20 }, rect(W + D / 2, S + D / 2, W + D, S + D)),
      f({ code: G.se, community_code: C2, name: '东南网格', chief: '赵六', households: 0, merchants: 40 }, rect(W + D / 2, S, W + D, S + D / 2)),
    ]),
    'grids_l5.geojson': fc([
      f({ code: `${G.nw}01`, grid_code: G.nw, chief: '张一', households: 150, merchants: 5 }, rect(W, S + D / 2, W + D / 4, S + D)),
      f({ code: `${G.nw}02`, grid_code: G.nw, chief: '张二', households: 150, merchants: 5 }, rect(W + D / 4, S + D / 2, W + D / 2, S + D)),
      f({ code: `${G.sw}00`, grid_code: G.sw, chief: '李四', households: 200, merchants: 5 }, rect(W, S, W + D / 2, S + D / 2)),
      f({ code: `${G.ne}00`, grid_code: G.ne, chief: '王五', households: 100, merchants: 20 }, rect(W + D / 2, S + D / 2, W + D, S + D)),
      f({ code: `${G.se}00`, grid_code: G.se, chief: '赵六', households: 0, merchants: 40 }, rect(W + D / 2, S, W + D, S + D / 2)),
    ]),
    'compounds.geojson': fc([
      f({ id: 'XQ1', name: '梧桐新村', built_year: 1985, households: 200, buildings: 6, property_management: 'none', address: '中山路1号' }, rect(W + 0.001, S + 0.006, W + 0.004, S + 0.009)),
      f({ id: 'XQ2', name: '石榴小区', built_year: 1995, households: 100, buildings: 3, property_management: 'simple', address: '中山路9号' }, rect(W + 0.001, S + 0.001, W + 0.004, S + 0.004)),
      f({ id: 'XQ3', name: '新城花园', built_year: 2010, households: 80, buildings: 2, property_management: 'professional', address: '汉中路8号' }, rect(W + 0.006, S + 0.006, W + 0.009, S + 0.009)),
    ]),
    'renovation_items.csv': csv([['code', 'name', 'class', 'unit'], ['B01', '水电气管网改造', 'basic', '项'], ['I01', '电动车充电桩', 'improve', '个']]),
    'projects.csv': csv([
      ['id', 'name', 'compound_ids', 'batch_year', 'status', 'planned_at', 'approved_at', 'started_at', 'completed_at', 'accepted_at', 'items', 'budget_wan', 'funds_received_wan'],
      ['GZ1', '梧桐新村改造', 'XQ1', 2022, 'completed', '2022-01-10', '2022-03-01', '2022-05-01', '2022-12-01', '', 'B01:1;I01:20', 120, 110],
      ['GZ2', '石榴小区改造', 'XQ2', 2026, 'approved', '2026-01-10', '2026-03-01', '', '', '', 'B01:1', 80, 20],
      ...(faults
        ? [
            ['GB1', '不存在小区', 'XQ9', 2024, 'planned', '2024-01-10', '', '', '', '', 'B01:1', 50, 0],
            ['GB2', '倒序日期', 'XQ2', 2023, 'completed', '2023-01-10', '2023-02-01', '2023-06-01', '2023-05-01', '', 'B01:1', 50, 40],
            ['GB3', '负预算', 'XQ2', 2023, 'planned', '2023-01-10', '', '', '', '', 'B01:1', -5, 0],
          ]
        : []),
    ]),
    'road_works.geojson': fc([f({ id: 'DL1', name: '汉中路整治', year: 2024, status: 'completed', budget_wan: 300 }, { type: 'LineString', coordinates: [[W + 0.001, S + 0.005], [W + 0.009, S + 0.005]] })]),
    'lamps.geojson': fc([
      f({ id: 'L1', type: 'grid', status: 'working', power_w: 150, road: '汉中路', install_year: 2015, schedule_group: 'main' }, { type: 'Point', coordinates: [W + 0.002, S + 0.005] }),
      f({ id: 'L2', type: 'grid', status: 'faulty', power_w: 150, road: '汉中路', install_year: 2012, schedule_group: 'main' }, { type: 'Point', coordinates: [W + 0.004, S + 0.005] }),
      f({ id: 'L3', type: 'solar', status: 'working', power_w: 60, road: '中山路', install_year: 2022, schedule_group: 'back_street' }, { type: 'Point', coordinates: [W + 0.005, S + 0.007] }),
      f({ id: 'L4', type: 'grid', status: 'removed', power_w: 100, road: '中山路', install_year: 2000, schedule_group: 'branch' }, { type: 'Point', coordinates: [W + 0.0051, S + 0.002] }),
      ...(faults
        ? [
            f({ id: 'LB1', type: 'grid', status: 'working', power_w: 100, road: '界外路', install_year: 2020, schedule_group: 'main' }, { type: 'Point', coordinates: [118.9, 32.2] }),
            f({ id: 'LB2', type: 'grid', status: 'working', power_w: 100, road: '无几何', install_year: 2020, schedule_group: 'main' }, null),
          ]
        : []),
    ]),
    'problems.csv': csv([PROBLEM_HEADER, ...GOOD_PROBLEMS, ...(faults ? BAD_PROBLEMS.map((b) => b.row) : [])]),
    'categories.csv': csv([
      ['code', 'name', 'major_code', 'major_name', 'kind', 'deadline_value', 'deadline_unit', 'default_department', 'severity'],
      ['01001', '暴露垃圾', '01', '市容环境', 'event', 2, 'hours', 'D02', 2],
      ['03001', '占道经营', '03', '街面秩序', 'event', 1, 'working_days', 'D01', 1],
      ['05001', '路灯不亮', '05', '市政设施', 'component', 1, 'working_days', 'D01', 3],
    ]),
    'departments.csv': csv([['code', 'name', 'level'], ['D01', '城管执法中队', 'street'], ['D02', '环卫所', 'street']]),
    ...options.override,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text ?? '');
  return join(dir, 'guatu.config.json');
}
