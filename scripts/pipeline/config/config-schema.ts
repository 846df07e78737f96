/**
 * The schema of guatu.config.json, as data. dataset-config.ts checks every config against it;
 * `npx tsx scripts/pipeline/config/write-config-schema.ts` writes it to
 * docs/guatu.config.schema.json for editors (a config may name it in "$schema").
 */
import { DATASET_FILE_KEYS, LAYER_FORMATS, OPTIONAL_DATASET_FILE_KEYS, TEXT_ENCODINGS } from '../../../src/contract';
import { CRS_HELP } from '../crs/definitions';
import type { JsonSchema } from './json-schema';

const CRS_NAME: JsonSchema = {
  type: 'string',
  minLength: 1,
  description: `The coordinate system of the positions: ${CRS_HELP}.`,
};

/** `files.<key>`: a file name, or an object saying how to read it. */
export const LAYER_SOURCE_SCHEMA: JsonSchema = {
  expected: 'name a file (relative to the config), or be an object { "file", "format", "encoding", "crs", "sheet", "columns", "values" }',
  anyOf: [
    { type: 'string', minLength: 1, expected: 'name a file (relative to the config)' },
    {
      type: 'object',
      required: ['file'],
      additionalProperties: false,
      properties: {
        file: { type: 'string', minLength: 1, expected: 'name a file (relative to the config)', description: 'The file, relative to this config.' },
        format: { enum: LAYER_FORMATS, description: 'geojson, csv, xlsx or shapefile (a .zip, or a .shp with its .dbf/.prj beside it). Default: from the file extension.' },
        encoding: { enum: TEXT_ENCODINGS, description: 'CSV only: auto (UTF-8 with or without BOM, else GBK/GB18030), utf-8, gbk or gb18030. Default: utf-8.' },
        crs: CRS_NAME,
        sheet: { type: ['string', 'integer'], description: 'XLSX: the sheet name or 1-based number (default: the first). Zipped shapefile: the layer name when the zip holds several.' },
        columns: {
          type: 'object',
          additionalProperties: { type: 'string', minLength: 1, expected: 'be the name of a contract field, e.g. "lon"' },
          description: 'The file\'s column (or property) → the contract field, e.g. { "经度": "lon", "纬度": "lat", "问题类型": "category_code" }.',
        },
        values: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            additionalProperties: { type: 'string', expected: 'be the contract value, e.g. "closed"' },
            expected: 'be an object mapping the file\'s values to the contract\'s, e.g. { "结案": "closed" }',
          },
          description: 'Per contract field, the file\'s values → the contract\'s, e.g. { "status": { "结案": "closed" } }.',
        },
      },
    },
  ],
};

/** Sections other features own and check themselves (e.g. lighting in src/contract/lighting.ts). */
const FEATURE_SECTIONS = ['ledger', 'renovation', 'lighting', 'wall', 'briefing'] as const;

export const DATASET_CONFIG_SCHEMA: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'guatu.config.schema.json',
  title: 'Guatu dataset config (guatu.config.json)',
  description: 'Which files describe one sub-district office, and how to read them. Paths are relative to the config.',
  type: 'object',
  required: ['name', 'demo', 'subDistrict', 'crs', 'oldCompoundBefore', 'basemap', 'files'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string', description: 'This schema, for editors.' },
    name: { type: 'string', minLength: 1, description: 'A name for the dataset, e.g. 梧桐街道 2026.' },
    demo: { type: 'boolean', description: 'True for generated demo data: the dashboard marks it 演示数据.' },
    subDistrict: {
      type: 'object',
      required: ['code', 'name'],
      additionalProperties: false,
      properties: {
        code: { type: 'string', pattern: '^\\d{9}$', expected: 'be a 9-digit code (6 county + 3 street), e.g. "320102099"' },
        name: { type: 'string', minLength: 1 },
      },
    },
    asOf: { type: 'string', expected: 'be an ISO-8601 date-time such as 2026-11-20T17:00:00+08:00', description: 'Figures such as overdue are computed at this instant. Default: the latest time in the ledger.' },
    crs: { ...CRS_NAME, description: `The CRS of every layer that does not declare its own. ${CRS_HELP}.` },
    oldCompoundBefore: { type: 'integer', minimum: 1900, maximum: 2100, expected: 'be a year such as 2000', description: 'Compounds built before this year count as old (老旧小区).' },
    basemap: {
      type: 'object',
      required: ['osm'],
      additionalProperties: false,
      properties: {
        osm: { type: 'string', pattern: '\\.(osm|xml|pbf)$', expected: 'name an OpenStreetMap extract (.osm, .osm.xml or .osm.pbf)' },
      },
    },
    files: {
      type: 'object',
      required: DATASET_FILE_KEYS,
      additionalProperties: false,
      properties: Object.fromEntries([...DATASET_FILE_KEYS, ...OPTIONAL_DATASET_FILE_KEYS].map((key) => [key, LAYER_SOURCE_SCHEMA])),
    },
    checks: {
      type: 'object',
      additionalProperties: false,
      properties: {
        crs: { type: 'boolean', description: 'Stop the build when a layer does not line up with the sub-district or the basemap (default true). Turn off only for data you have checked by eye.' },
        topologyToleranceM2: { type: 'number', minimum: 0, description: 'Overlaps and gaps between sibling grids smaller than this are not reported (default 50 m²).' },
      },
    },
    ...Object.fromEntries(FEATURE_SECTIONS.map((key) => [key, { type: 'object', description: `Settings of the ${key} workspace (checked by its own code).` } satisfies JsonSchema])),
  },
};
