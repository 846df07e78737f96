/**
 * Which level-4 grids each compound lies in, and how much of it: the area split of
 * src/analysis/renovation/split.ts over the kept grids. The derive stage uses it for the grid
 * choropleth's renovation figures and the renovation stage for the coverage product, so both count
 * a straddling compound the same way.
 */
import type { Compound, GridL4 } from '../../../src/contract';
import { CellIndex, splitArea, type AreaSplit } from '../../../src/analysis/renovation/split';
import type { Areal, Located } from '../validate';

export function splitCompoundsOverGrids(compounds: readonly Located<Compound, Areal>[], gridsL4: readonly Located<GridL4, Areal>[]): AreaSplit[] {
  const cells = new CellIndex(gridsL4.map((g) => g.geometry));
  return compounds.map((c) => splitArea(c.geometry, cells));
}
