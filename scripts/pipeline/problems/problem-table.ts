/**
 * The kept problems of a ledger as columns, from validate to tile.
 *
 * Why columns and not a record per row: at 1M problems a `Located<ProblemRecord>` object per row
 * is ~500 bytes (18 fields, 9 boxed doubles, the wrapper), half a gigabyte before derive, ledger
 * and tile add their own. Here a row is 9 doubles in Float64Arrays, 5 small indices into interned
 * code lists and 3 strings (id, description, address): ~190 bytes. Validate streams the file's rows
 * in batches straight into this table (problem-rows.ts), so the file's text is never whole either.
 *
 * Stages read columns where they loop over every problem (derive, ledger, tile) and `record(i)` /
 * iteration where a whole record is simpler (topology, renovation): those objects are made on
 * demand and die young, so they cost the garbage collector little and the heap nothing.
 */
import type { ProblemNature, ProblemRecord, ProblemSource, ProblemStatus } from '../../../src/contract';
import type { Located } from '../validate';

/** One string per distinct value (codes, statuses): a column holds its index. */
class Interned<T extends string> {
  readonly values: T[] = [];
  private readonly index = new Map<string, number>();

  indexOf(value: T): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      if (i > 0xffff) throw new Error(`ProblemTable: more than 65,536 distinct values in one code column`);
      this.values.push(value);
      this.index.set(value, i);
    }
    return i;
  }
}

const INITIAL_CAPACITY = 1024;

export class ProblemTable implements Iterable<Located<ProblemRecord, null>> {
  /** Rows kept; the columns' first `length` entries are meaningful. */
  length = 0;
  private capacity = 0;

  lon: Float64Array = new Float64Array(0);
  lat: Float64Array = new Float64Array(0);
  reported: Float64Array = new Float64Array(0);
  registered: Float64Array = new Float64Array(0);
  dispatched: Float64Array = new Float64Array(0);
  disposed: Float64Array = new Float64Array(0);
  verified: Float64Array = new Float64Array(0);
  closed: Float64Array = new Float64Array(0);
  deadline: Float64Array = new Float64Array(0);
  returns: Uint8Array = new Uint8Array(0);
  /** Indices into `categories.values`, `departments.values`, … */
  category: Uint16Array = new Uint16Array(0);
  department: Uint16Array = new Uint16Array(0);
  status: Uint16Array = new Uint16Array(0);
  nature: Uint16Array = new Uint16Array(0);
  source: Uint16Array = new Uint16Array(0);
  /** The row's 1-based data row in the file (rejects and warnings name it). */
  row: Int32Array = new Int32Array(0);
  id: string[] = [];
  description: string[] = [];
  address: string[] = [];

  readonly categories = new Interned<string>();
  readonly departments = new Interned<string>();
  readonly statuses = new Interned<ProblemStatus>();
  readonly natures = new Interned<ProblemNature>();
  readonly sources = new Interned<ProblemSource>();
  /**
   * The file's optional grid column (网格编码 mapped to grid_code) by data row, for topology's
   * declared-grid checks; only rows that state one.
   */
  readonly declaredGrid = new Map<number, string>();

  constructor(
    /** The file as messages name it. */
    readonly file: string,
  ) {}

  static from(file: string, rows: Iterable<{ value: ProblemRecord; row: number }>): ProblemTable {
    const table = new ProblemTable(file);
    for (const r of rows) table.push(r.value, r.row);
    return table;
  }

  push(p: ProblemRecord, row: number): void {
    if (this.length === this.capacity) this.grow(Math.max(INITIAL_CAPACITY, this.capacity * 2));
    const i = this.length++;
    this.lon[i] = p.lon;
    this.lat[i] = p.lat;
    this.reported[i] = p.reported_at;
    // NaN in a time column is an empty time (null in the record).
    this.registered[i] = p.registered_at ?? NaN;
    this.dispatched[i] = p.dispatched_at ?? NaN;
    this.disposed[i] = p.disposed_at ?? NaN;
    this.verified[i] = p.verified_at ?? NaN;
    this.closed[i] = p.closed_at ?? NaN;
    this.deadline[i] = p.deadline;
    this.returns[i] = p.returns;
    this.category[i] = this.categories.indexOf(p.category_code);
    this.department[i] = this.departments.indexOf(p.department_code);
    this.status[i] = this.statuses.indexOf(p.status);
    this.nature[i] = this.natures.indexOf(p.nature);
    this.source[i] = this.sources.indexOf(p.source);
    this.row[i] = row;
    this.id[i] = p.id;
    this.description[i] = p.description;
    this.address[i] = p.address;
  }

  /** Row i as a record (a new object each call). */
  record(i: number): ProblemRecord {
    this.checkIndex(i);
    return {
      id: this.id[i]!,
      lon: this.lon[i]!,
      lat: this.lat[i]!,
      category_code: this.categories.values[this.category[i]!]!,
      status: this.statuses.values[this.status[i]!]!,
      nature: this.natures.values[this.nature[i]!]!,
      source: this.sources.values[this.source[i]!]!,
      department_code: this.departments.values[this.department[i]!]!,
      description: this.description[i]!,
      address: this.address[i]!,
      reported_at: this.reported[i]!,
      registered_at: nullable(this.registered[i]!),
      dispatched_at: nullable(this.dispatched[i]!),
      disposed_at: nullable(this.disposed[i]!),
      verified_at: nullable(this.verified[i]!),
      closed_at: nullable(this.closed[i]!),
      deadline: this.deadline[i]!,
      returns: this.returns[i]!,
    };
  }

  located(i: number): Located<ProblemRecord, null> {
    return { value: this.record(i), geometry: null, file: this.file, row: this.row[i]! };
  }

  categoryCode(i: number): string {
    return this.categories.values[this.category[i]!]!;
  }

  statusOf(i: number): ProblemStatus {
    return this.statuses.values[this.status[i]!]!;
  }

  *[Symbol.iterator](): Iterator<Located<ProblemRecord, null>> {
    for (let i = 0; i < this.length; i++) yield this.located(i);
  }

  /** Each row as a record, one at a time. */
  *records(): Generator<ProblemRecord> {
    for (let i = 0; i < this.length; i++) yield this.record(i);
  }

  setPosition(i: number, lon: number, lat: number): void {
    this.checkIndex(i);
    this.lon[i] = lon;
    this.lat[i] = lat;
  }

  /** Keeps the rows `keep` says yes to, in order (normalise drops those outside the sub-district). */
  retain(keep: (i: number) => boolean): void {
    // The column list once, not per moved row: after one early reject every later row moves.
    const numeric = [this.lon, this.lat, this.reported, this.registered, this.dispatched, this.disposed, this.verified, this.closed, this.deadline, this.returns, this.category, this.department, this.status, this.nature, this.source, this.row];
    const text = [this.id, this.description, this.address];
    let out = 0;
    for (let i = 0; i < this.length; i++) {
      if (!keep(i)) continue;
      if (out !== i) {
        for (const column of numeric) column[out] = column[i]!;
        for (const column of text) column[out] = column[i]!;
      }
      out++;
    }
    this.id.length = this.description.length = this.address.length = out;
    this.length = out;
  }

  /**
   * Drops every row and its memory. The build calls it once the last reader is done (the tile
   * stage's PointTable copies what the tiles need): at 1M problems that is ~300 MB.
   */
  clear(): void {
    this.length = 0;
    this.id = [];
    this.description = [];
    this.address = [];
    this.declaredGrid.clear();
    this.grow(0);
  }

  /** Frees the spare capacity once no more rows come (validate ends). */
  trim(): void {
    if (this.capacity > this.length) this.grow(this.length);
  }

  private grow(capacity: number): void {
    const f64 = (old: Float64Array) => copyInto(new Float64Array(capacity), old, this.length);
    const u16 = (old: Uint16Array) => copyInto(new Uint16Array(capacity), old, this.length);
    this.lon = f64(this.lon);
    this.lat = f64(this.lat);
    this.reported = f64(this.reported);
    this.registered = f64(this.registered);
    this.dispatched = f64(this.dispatched);
    this.disposed = f64(this.disposed);
    this.verified = f64(this.verified);
    this.closed = f64(this.closed);
    this.deadline = f64(this.deadline);
    this.returns = copyInto(new Uint8Array(capacity), this.returns, this.length);
    this.category = u16(this.category);
    this.department = u16(this.department);
    this.status = u16(this.status);
    this.nature = u16(this.nature);
    this.source = u16(this.source);
    this.row = copyInto(new Int32Array(capacity), this.row, this.length);
    this.capacity = capacity;
  }

  private checkIndex(i: number): void {
    if (!(Number.isInteger(i) && i >= 0 && i < this.length)) throw new RangeError(`ProblemTable: row index ${i} is outside 0…${this.length - 1}`);
  }
}

/** A time column's value as the record's: NaN is an empty time. */
export function nullable(t: number): number | null {
  return Number.isNaN(t) ? null : t;
}

function copyInto<A extends Float64Array | Uint8Array | Uint16Array | Int32Array>(to: A, from: A, n: number): A {
  to.set(from.subarray(0, n));
  return to;
}
