/**
 * Reading untrusted JSON (a tour file, a briefing deck someone emailed) with messages that name
 * the file, the field's path and what was expected, e.g.
 * `deck.json: scenes[2].camera.zoom is "abc"; expected a number from 0 to 24`.
 */
export class JsonFileError extends Error {
  constructor(
    readonly file: string,
    readonly path: string,
    detail: string,
  ) {
    super(`${file}: ${path ? `${path} ` : ''}${detail}`);
    this.name = 'JsonFileError';
  }
}

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Short, printable form of a bad value for an error message (long strings are cut). */
export function shown(v: unknown): string {
  if (v === undefined) return 'missing';
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** Field-by-field reader bound to one file: each method returns the value or throws JsonFileError. */
export class JsonReader {
  constructor(readonly file: string) {}

  fail(path: string, got: unknown, expected: string): never {
    throw new JsonFileError(this.file, path, `is ${shown(got)}; expected ${expected}`);
  }

  object(v: unknown, path: string): Obj {
    return isObj(v) ? v : this.fail(path, v, 'an object');
  }

  array(v: unknown, path: string, maxLength: number): unknown[] {
    if (!Array.isArray(v)) return this.fail(path, v, 'an array');
    if (v.length > maxLength) throw new JsonFileError(this.file, path, `has ${v.length} entries; at most ${maxLength} are allowed`);
    return v;
  }

  string(v: unknown, path: string, maxLength: number, options: { nonEmpty?: boolean } = {}): string {
    if (typeof v !== 'string') return this.fail(path, v, 'a string');
    if (options.nonEmpty && v.trim() === '') return this.fail(path, v, 'a non-empty string');
    if (v.length > maxLength) throw new JsonFileError(this.file, path, `is ${v.length} characters long; at most ${maxLength} are allowed`);
    return v;
  }

  optionalString(v: unknown, path: string, maxLength: number): string | undefined {
    return v === undefined ? undefined : this.string(v, path, maxLength);
  }

  number(v: unknown, path: string, min: number, max: number): number {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) return this.fail(path, v, `a number from ${min} to ${max}`);
    return v;
  }

  optionalNumber(v: unknown, path: string, min: number, max: number): number | undefined {
    return v === undefined ? undefined : this.number(v, path, min, max);
  }

  isoTime(v: unknown, path: string): string {
    if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) return this.fail(path, v, 'an ISO-8601 time such as "2026-11-20T17:00:00+08:00"');
    return v;
  }

  oneOf<T extends string>(v: unknown, path: string, allowed: readonly T[]): T {
    return (allowed as readonly unknown[]).includes(v) ? (v as T) : this.fail(path, v, `one of ${allowed.map((a) => `"${a}"`).join(', ')}`);
  }
}

/** Parses JSON text, naming the file and the position when it is not JSON at all. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new JsonFileError(file, '', `is not valid JSON (${(e as Error).message})`);
  }
}
