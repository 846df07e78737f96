/**
 * Prints each stage's name, counts and time as the build goes, so an office can see where a
 * slow or failing build is. Timings are also returned for the benchmark.
 */
export interface StageTiming {
  stage: string;
  ms: number;
  summary: string;
  /** Resident set size when the stage ended and the process's peak so far, MB: where memory goes. */
  rssMb: number;
  peakRssMb: number;
}

export class StageLog {
  readonly timings: StageTiming[] = [];
  constructor(private readonly quiet = false) {}

  run<T>(stage: string, work: () => T, summarise: (result: T) => string): T {
    const start = performance.now();
    const result = work();
    this.record(stage, start, summarise(result));
    return result;
  }

  async runAsync<T>(stage: string, work: () => Promise<T>, summarise: (result: T) => string): Promise<T> {
    const start = performance.now();
    const result = await work();
    this.record(stage, start, summarise(result));
    return result;
  }

  print(line: string): void {
    if (!this.quiet) console.log(line);
  }

  private record(stage: string, start: number, summary: string): void {
    const ms = performance.now() - start;
    const rssMb = process.memoryUsage.rss() / 2 ** 20;
    // maxRSS is in kilobytes.
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    this.timings.push({ stage, ms, summary, rssMb, peakRssMb });
    this.print(`  ${stage.padEnd(10)} ${(ms / 1000).toFixed(2).padStart(7)} s ${rssMb.toFixed(0).padStart(6)} MB (peak ${peakRssMb.toFixed(0)})   ${summary}`);
  }
}
