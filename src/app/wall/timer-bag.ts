/**
 * The timeouts one owner has pending, so it can cancel all of them at once: the wall screen runs
 * for days, and every timer it forgets is a leak the soak benchmark would find.
 */
export class TimerBag {
  private readonly pending = new Set<ReturnType<typeof setTimeout>>();

  later(ms: number, fn: () => void): ReturnType<typeof setTimeout> {
    const t = setTimeout(() => {
      this.pending.delete(t);
      fn();
    }, ms);
    this.pending.add(t);
    return t;
  }

  clear(t: ReturnType<typeof setTimeout>): void {
    clearTimeout(t);
    this.pending.delete(t);
  }

  clearAll(): void {
    for (const t of this.pending) clearTimeout(t);
    this.pending.clear();
  }

  get size(): number {
    return this.pending.size;
  }
}
