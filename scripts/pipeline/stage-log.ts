/**
 * Prints each stage's name, counts and time as the build goes, so an office can see where a
 * slow or failing build is. Timings are also returned for the benchmark.
 */
export interface StageTiming {
  stage: string;
  ms: number;
  summary: string;
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
    this.timings.push({ stage, ms, summary });
    this.print(`  ${stage.padEnd(10)} ${(ms / 1000).toFixed(2).padStart(7)} s   ${summary}`);
  }
}
