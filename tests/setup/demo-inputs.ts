/**
 * Vitest global setup: pipeline tests read the demo office in data/sample/, whose problems.csv is
 * not tracked (6 MB). Regenerate it (deterministic, ~5 s) before any test runs on a fresh clone.
 */
import { ensureDemoInputs } from '../../scripts/ensure-demo';

export default async function setup(): Promise<void> {
  await ensureDemoInputs({ quiet: true });
}
