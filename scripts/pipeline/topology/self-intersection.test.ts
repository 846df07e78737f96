import { describe, expect, it } from 'vitest';
import { ringSelfIntersection } from './self-intersection';
import { geometryProblem } from '../geometry-checks';

describe('ringSelfIntersection', () => {
  it('finds the crossing of a bow-tie, where its diagonals meet', () => {
    // (0,0)→(2,2)→(2,0)→(0,2)→(0,0): the segments (0,0)-(2,2) and (2,0)-(0,2) cross at (1,1).
    expect(ringSelfIntersection([[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]])).toEqual([1, 1]);
  });
  it('passes a simple square, a concave L and a ring with a repeated vertex', () => {
    expect(ringSelfIntersection([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]])).toBeNull();
    expect(ringSelfIntersection([[0, 0], [2, 0], [2, 1], [1, 1], [1, 2], [0, 2], [0, 0]])).toBeNull();
    expect(ringSelfIntersection([[0, 0], [1, 0], [1, 0], [1, 1], [0, 1], [0, 0]])).toBeNull();
  });
  it('passes a spike that only touches itself within 0.1 m (the demo compound XQ121)', () => {
    const xq121 = [[118.794499, 32.040349], [118.794505, 32.040347], [118.794853, 32.040279], [118.795081, 32.040235], [118.795055, 32.04024], [118.795031, 32.040288], [118.795106, 32.040908], [118.795129, 32.041014], [118.795152, 32.041091], [118.795184, 32.041201], [118.795209, 32.041252], [118.795246, 32.041265], [118.795244, 32.04127], [118.795184, 32.041291], [118.794806, 32.041367], [118.794747, 32.041346], [118.794644, 32.040934], [118.794499, 32.040349]];
    expect(ringSelfIntersection(xq121)).toBeNull();
  });
  it('makes the validator refuse a self-intersecting grid, naming where', () => {
    expect(geometryProblem({ type: 'Polygon', coordinates: [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]] }, ['Polygon'])).toMatch(/crosses itself near 1,1/);
  });
});
