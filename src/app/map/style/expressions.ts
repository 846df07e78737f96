/**
 * Builders for the expressions the style repeats. The style-spec's tuple types cannot describe a
 * `match` built from a table at run time, so the one cast lives here.
 */
import type { ExpressionSpecification } from './spec-types';

/**
 * `['match', ['get', property], k1, v1, k2, v2, …, fallback]` from a lookup table. Throws on an empty
 * table, which MapLibre would reject when the style loads, far from the cause.
 */
export function matchProperty<V extends string | number | ExpressionSpecification>(
  property: string,
  table: Readonly<Record<string, V>> | readonly (readonly [string, V])[],
  fallback: V,
): ExpressionSpecification {
  const pairs = Array.isArray(table) ? (table as readonly (readonly [string, V])[]) : Object.entries(table as Record<string, V>);
  if (pairs.length === 0) throw new Error(`match on "${property}" needs at least one value`);
  return ['match', ['get', property], ...pairs.flat(), fallback] as unknown as ExpressionSpecification;
}
