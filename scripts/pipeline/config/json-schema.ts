/**
 * A small JSON Schema (draft 2020-12) checker for the keywords guatu.config.json's schema uses:
 * type, required, properties, additionalProperties, enum, pattern, minLength, minimum, maximum,
 * anyOf and description. The schema is data (config-schema.ts), also written out as a file so
 * an editor can check a config while the office types it; this checker gives the build the same
 * verdict with a message that names the key and says what was expected.
 */

export interface JsonSchema {
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
  type?: 'object' | 'string' | 'boolean' | 'integer' | 'number' | 'array' | ('string' | 'integer')[];
  required?: readonly string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  enum?: readonly (string | number | boolean)[];
  pattern?: string;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  anyOf?: JsonSchema[];
  /** What to tell a person, as "must …": e.g. "be a 9-digit code" (not a JSON Schema keyword; editors ignore it). */
  expected?: string;
}

export interface SchemaError {
  /** Dotted path of the key, e.g. `files.problems.encoding`; `(root)` for the whole document. */
  path: string;
  message: string;
}

export function checkAgainstSchema(value: unknown, schema: JsonSchema, path = ''): SchemaError | null {
  const here = path === '' ? '(root)' : path;
  const expected = (fallback: string): string => schema.expected ?? fallback;
  if (schema.anyOf) {
    const errors = schema.anyOf.map((s) => checkAgainstSchema(value, s, path));
    if (errors.some((e) => e === null)) return null;
    // The branch of the value's own kind says the most (an object for the object form, …).
    const typed = schema.anyOf.findIndex((s) => s.type !== undefined && typeMatches(value, s.type));
    return typed === -1 ? { path: here, message: `must ${expected(schema.anyOf.map(describeType).join(', or '))}; got ${show(value)}` } : errors[typed]!;
  }
  if (schema.type !== undefined && !typeMatches(value, schema.type)) {
    return { path: here, message: `must ${describeType(schema)}; got ${show(value)}` };
  }
  if (schema.enum && !schema.enum.includes(value as never)) {
    return { path: here, message: `must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}; got ${show(value)}` };
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) return { path: here, message: `must not be empty` };
    if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) return { path: here, message: `must ${expected(`be text matching ${schema.pattern}`)}; got ${show(value)}` };
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) return { path: here, message: `must ${expected(`be at least ${schema.minimum}`)}; got ${value}` };
    if (schema.maximum !== undefined && value > schema.maximum) return { path: here, message: `must ${expected(`be at most ${schema.maximum}`)}; got ${value}` };
  }
  if (isObject(value)) {
    for (const key of schema.required ?? []) {
      if (!(key in value)) {
        const child = schema.properties?.[key];
        return { path: join(path, key), message: `must ${child ? describeType(child) : 'be given'}; it is missing` };
      }
    }
    for (const [key, child] of Object.entries(value)) {
      const childSchema = schema.properties?.[key] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      if (childSchema) {
        const error = checkAgainstSchema(child, childSchema, join(path, key));
        if (error) return error;
      } else if (schema.additionalProperties === false) {
        return { path: join(path, key), message: `is not a key Guatu knows here; expected one of ${Object.keys(schema.properties ?? {}).join(', ')}` };
      }
    }
  }
  return null;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeMatches(value: unknown, type: NonNullable<JsonSchema['type']>): boolean {
  if (Array.isArray(type)) return type.some((t) => typeMatches(value, t));
  switch (type) {
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return typeof value === type;
  }
}

function describeType(schema: JsonSchema): string {
  if (schema.expected) return schema.expected;
  const type = schema.type;
  if (Array.isArray(type)) return `be ${type.map((t) => describeType({ type: t }).slice(3)).join(' or ')}`;
  switch (type) {
    case 'object':
      return 'be an object';
    case 'string':
      return 'be text';
    case 'boolean':
      return 'be true or false';
    case 'integer':
      return 'be a whole number';
    case 'number':
      return 'be a number';
    case 'array':
      return 'be a list';
    default:
      return 'be given';
  }
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
