/**
 * The problem ledger workspace (问题台账): its settings, the compact per-problem table the pipeline
 * writes for the browser's worker, and the manifest section that names it.
 *
 * Why a table of its own and not the vector tiles: every view, figure and list of the workspace
 * follows the filters (category, status, nature, department, source, dates, community or grid) and
 * an "as of" time the user can move. Supervision colours, rebounds and the KPIs are functions of that
 * time, so they cannot be baked into tiles; and filtering a million points with MapLibre filter
 * expressions re-parses every tile. A Web Worker scans this table instead (≈ 50 bytes a problem, no
 * text), and the text (ids, descriptions, addresses) sits in chunks fetched only for the rows a list
 * shows or an export writes.
 */
import type { ProblemNature, ProblemSource, ProblemStatus } from './entities';

/** Supervision colour of an open problem at an as-of time (三色督办: 白单 / 黄单 / 红单). */
export const SUPERVISION_LEVELS = ['white', 'yellow', 'red'] as const;
export type SupervisionLevel = (typeof SUPERVISION_LEVELS)[number];

/**
 * The workspace's settings. Defaults and a comment per key live in src/analysis/ledger/settings.ts;
 * a dataset overrides them with the JSON file named by `ledger.settings` in guatu.config.json
 * (the demo's is data/sample/ledger-settings.json). The UI shows them where the score is shown.
 */
export interface LedgerSettings {
  /** A report of the same category in the same level-4 grid this many days after a closure is a rebound (反弹). */
  reboundWindowDays: number;
  supervision: {
    /** Yellow once this share of the time limit is used (0.8 = 80%). */
    yellowShareOfLimit: number;
    /** Yellow at this many returns (返工) … */
    yellowReturns: number;
    /** … red at this many. */
    redReturns: number;
  };
  /** The monthly red/black list score (红黑榜), modelled on the city's evaluation deductions. */
  score: {
    /** Weight of a problem on a back street (背街小巷). */
    backStreetWeight: number;
    /** Weight of a problem in a compound without property management (无物业小区). */
    noPropertyWeight: number;
    /** Rebound problems count this many times (the evaluation deducts them doubly). */
    reboundFactor: number;
    /** Points deducted per weighted problem found in the month, per 1,000 households (the score stops at 0). */
    perFound: number;
    /** Points deducted per weighted problem still overdue at the month's end, per 1,000 households. */
    perOverdue: number;
    /** A unit with fewer households is scored as if it had this many (a commercial block is not infinitely bad). */
    householdFloor: number;
  };
  lists: {
    /** Units praised on the red list (红榜): the top N. */
    red: number;
    /** Units criticised on the black list (黑榜): the bottom N. */
    black: number;
  };
  /** How the pipeline decides that a problem lies on a back street (背街小巷). */
  backStreet: {
    /** OSM `highway` values of lanes and alleys. */
    highways: string[];
    /** The nearest such lane within this many metres … */
    nearM: number;
    /** … and no main road (below) within this many metres. */
    mainRoadClearM: number;
    mainHighways: string[];
  };
  /** Office hours and time zone for working-hour deadlines. Holidays come from the calendar file. */
  office: {
    /** Minutes east of UTC of the office's clock (480 for China Standard Time). */
    utcOffsetMinutes: number;
    /** Office windows in local hours, e.g. [[8.5, 12], [14, 17.5]]. */
    windows: [number, number][];
  };
}

/** Holidays and make-up working days (调休), local dates `YYYY-MM-DD`; see data/calendar/README.md. */
export interface CalendarDays {
  holidays: string[];
  workdays: string[];
}

/** Bit flags of the `flags` column: where a problem lies, as the evaluation weighs it. */
export const LEDGER_FLAG = {
  /** On a back street (背街小巷), by LedgerSettings.backStreet. */
  backStreet: 1,
  /** Inside a compound whose property_management is 'none' (无物业小区). */
  noProperty: 2,
} as const;

/**
 * The columns of the compact table, in file order. Times are whole minutes: `reported` since the Unix
 * epoch, the others relative to `reported` (small numbers, so gzip packs them), LEDGER_NULL when empty.
 * `x`/`y` are the position quantised to 0…65535 over the header's bounds (≈ 5 cm for a sub-district).
 * Index columns point into the header's lookup tables; LEDGER_NO_INDEX when none.
 */
export const LEDGER_COLUMNS = [
  { name: 'x', type: 'u16' },
  { name: 'y', type: 'u16' },
  { name: 'category', type: 'u16' },
  { name: 'department', type: 'u16' },
  /** Level-4 grid (its community follows from the grid table). */
  { name: 'grid', type: 'u16' },
  { name: 'status', type: 'u8' },
  /** The nature the office declared (PROBLEM_NATURES index); the rebound derivation is separate. */
  { name: 'nature', type: 'u8' },
  { name: 'source', type: 'u8' },
  { name: 'returns', type: 'u8' },
  { name: 'flags', type: 'u8' },
  { name: 'reported', type: 'i32' },
  { name: 'registered', type: 'i32' },
  { name: 'dispatched', type: 'i32' },
  { name: 'disposed', type: 'i32' },
  { name: 'verified', type: 'i32' },
  { name: 'closed', type: 'i32' },
  { name: 'deadline', type: 'i32' },
  /**
   * The latest closure of the same category in the same level-4 grid before this report, relative
   * to `reported` (≤ 0), or LEDGER_NULL. A rebound at window w days is `prevClose ≥ −w·1440`, so the
   * window can change in the browser without a rebuild.
   */
  { name: 'prevClose', type: 'i32' },
] as const;
export type LedgerColumnName = (typeof LEDGER_COLUMNS)[number]['name'];
export type LedgerColumnType = (typeof LEDGER_COLUMNS)[number]['type'];

export const LEDGER_NULL = -2147483648;
export const LEDGER_NO_INDEX = 0xffff;
/** First bytes of the table file; the version follows in the header JSON. */
export const LEDGER_TABLE_MAGIC = 'GTLEDGER';

/** Lookup rows of the table header: what the index columns point to. */
export interface LedgerCategoryRow {
  code: string;
  name: string;
  major_code: string;
  major_name: string;
  severity: number;
  deadline_unit: 'hours' | 'working_hours' | 'working_days';
  deadline_value: number;
  default_department: string;
}
export interface LedgerGridRow {
  code: string;
  name: string;
  /** Index into `communities`, or LEDGER_NO_INDEX. */
  community: number;
  chief: string;
  households: number;
}
export interface LedgerCommunityRow {
  code: string;
  name: string;
  /** 挂点联系: the department that adopts the community ('' when none). */
  adopting_dept: string;
  households: number;
}

/**
 * The header of the table file (JSON after the magic and its byte length). Everything the worker
 * needs to decode and label the rows.
 */
export interface LedgerTableHeader {
  version: 1;
  rows: number;
  /** Quantisation box of x/y: [west, south, east, north]. */
  bounds: [number, number, number, number];
  /** Byte offset of each column's data from the start of the body, 4-byte aligned. */
  offsets: Record<LedgerColumnName, number>;
  /** The data's as-of instant, epoch ms. */
  asOf: number;
  categories: LedgerCategoryRow[];
  departments: { code: string; name: string; level: string }[];
  communities: LedgerCommunityRow[];
  grids: LedgerGridRow[];
  statuses: readonly ProblemStatus[];
  natures: readonly ProblemNature[];
  sources: readonly ProblemSource[];
  calendar: CalendarDays;
  settings: LedgerSettings;
  /** Rows per text chunk: row r's text is entry r % rowsPerChunk of chunk ⌊r / rowsPerChunk⌋. */
  textRowsPerChunk: number;
  /**
   * True when rows are in report order (the pipeline writes them so): a date range is then a slice
   * found by binary search, and the latest reports are the last rows.
   */
  sortedByReported?: boolean;
}

/** One text chunk (JSON, gzipped): the columns no filter needs, for lists, popups and exports. */
export interface LedgerTextChunk {
  first: number;
  id: string[];
  description: string[];
  address: string[];
}

/** Files of the ledger, under `ledger/` in the tiles folder. */
export const LEDGER_DIR = 'ledger';
export const LEDGER_TABLE_FILE = 'table.bin.gz';
export const ledgerTextFile = (chunk: number): string => `text-${String(chunk).padStart(4, '0')}.json.gz`;

/** The manifest's `ledger` section. */
export interface LedgerSummary {
  /** Path of the table relative to the tiles folder, its size and checksum (the query busts caches). */
  table: { file: string; bytes: number; sha256: string; rows: number };
  text: { files: string[]; bytes: number; rowsPerChunk: number };
  settings: LedgerSettings;
  /** Where the settings came from (a file name), null for the built-in defaults. */
  settingsFile: string | null;
  calendar: { file: string | null; holidays: number; workdays: number; lastDate: string | null };
  /** Reported-time span of the ledger, ISO-8601. */
  firstReported: string | null;
  lastReported: string | null;
  /** Rebounds at the settings' window: derived, declared by the office, and both. */
  rebounds: { derived: number; declared: number; both: number };
  /** Problems on back streets and in compounds without property management. */
  places: { backStreet: number; noProperty: number };
  /** Deadlines the pipeline computed from the category table (the file left them empty). */
  computedDeadlines: number;
  /** Departments the pipeline routed from the category table (the file left them empty). */
  routedDepartments: number;
  /**
   * The red/black lists (红黑榜) of the last whole month before as-of, over the whole ledger, for
   * screens that do not run the workspace's worker (the wall screen). Best first.
   */
  redBlack: { month: string; communities: LedgerRankedUnit[]; grids: LedgerRankedUnit[] };
}

/** One unit of a monthly ranking (src/analysis/ledger/red-black.ts). */
export interface LedgerRankedUnit {
  code: string;
  name: string;
  score: number;
  rank: number;
  list: 'red' | 'black' | null;
  found: number;
  overdue: number;
}

/** Headline fields the ledger fills (src/contract/tiles.ts HeadlineFigures). */
export type LedgerHeadlineField = 'problemsRed' | 'onTimeClosureRate';

/**
 * `ledger` in guatu.config.json (all optional, paths relative to the config):
 * - `settings`: the workspace settings (LedgerSettings, any subset; the rest are the defaults);
 * - `calendar`: holidays and make-up working days (data/calendar/cn-workdays.csv);
 * - `mapping`: a ledger import mapping for a problems file laid out another way (another city's
 *   311 export, say): how each contract field is made from the file's columns (see
 *   scripts/pipeline/ledger/ledger-mapping.ts and data/sf311/problems-mapping.json).
 */
export interface LedgerConfig {
  settings?: string;
  calendar?: string;
  mapping?: string;
}
