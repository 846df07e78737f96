import { describe, expect, it } from 'vitest';
import { stepIndexOf, timelineSteps } from './timeline-steps';

const cst = (m: number, d: number, h = 0, y = 2026) => Date.UTC(y, m - 1, d, h) - 8 * 3_600_000;

describe('timeline steps', () => {
  it('ends each month on the 1st of the next, and the last step at the as-of', () => {
    expect(timelineSteps(cst(9, 14, 10), cst(11, 20, 17), 'month', 480)).toEqual([cst(10, 1), cst(11, 1), cst(11, 20, 17)]);
  });

  it('ends each week on Monday 00:00', () => {
    // Wednesday 4 November → Mondays 9th and 16th, then Friday 20th 17:00.
    expect(timelineSteps(cst(11, 4, 9), cst(11, 20, 17), 'week', 480)).toEqual([cst(11, 9), cst(11, 16), cst(11, 20, 17)]);
  });

  it('finds the step that shows a time', () => {
    const steps = [cst(10, 1), cst(11, 1), cst(11, 20, 17)];
    expect(stepIndexOf(steps, cst(10, 15))).toBe(1);
    expect(stepIndexOf(steps, cst(11, 20, 17))).toBe(2);
    expect(stepIndexOf(steps, cst(12, 1))).toBe(2);
  });

  it('has one step when the ledger starts at its as-of', () => {
    expect(timelineSteps(cst(11, 20), cst(11, 20), 'week', 480)).toEqual([cst(11, 20)]);
  });
});
