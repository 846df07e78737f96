import { describe, expect, it } from 'vitest';
import { donutSize, ringSegment } from './cluster-marker';

describe('cluster donuts', () => {
  it('grow with the logarithm of the count, within 30–64 px', () => {
    expect(donutSize(1)).toBe(30);
    expect(donutSize(100)).toBe(46);
    expect(donutSize(10_000_000)).toBe(64);
  });

  it('draw a quarter ring from 12 to 3 o’clock', () => {
    // Outer radius 10 around (10, 10): starts at (10, 0), ends at (20, 10); inner radius 5.
    expect(ringSegment(10, 10, 5, 0, 0.25)).toBe('M 10.00 0.00 A 10 10 0 0 1 20.00 10.00 L 15.00 10.00 A 5 5 0 0 0 10.00 5.00 Z');
  });

  it('draw a whole ring as two half circles out and two back, so the arc ends never meet', () => {
    expect(ringSegment(10, 10, 5, 0, 1)).toBe(
      'M 10.00 0.00 A 10 10 0 1 1 10.00 20.00 A 10 10 0 1 1 10.00 0.00 Z M 10.00 5.00 A 5 5 0 1 0 10.00 15.00 A 5 5 0 1 0 10.00 5.00 Z',
    );
  });
});
