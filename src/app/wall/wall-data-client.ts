/** The page's side of wall-data.worker.ts: one request at a time per caller, answered by id. */
import type { WallData, WallDataRequest, WallDataResponse } from './wall-data';

export class WallDataClient {
  private readonly worker = new Worker(new URL('./wall-data.worker.ts', import.meta.url), { type: 'module' });
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (d: WallData) => void; reject: (e: Error) => void }>();

  constructor() {
    this.worker.onmessage = (event: MessageEvent<WallDataResponse>) => {
      const r = event.data;
      const p = this.pending.get(r.id);
      if (!p) return;
      this.pending.delete(r.id);
      if (r.ok) p.resolve(r.data);
      else p.reject(new Error(r.error));
    };
    this.worker.onerror = (event) => {
      const error = new Error(event.message || 'wall data worker failed');
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
  }

  read(request: Omit<WallDataRequest, 'id'>): Promise<WallData> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id } satisfies WallDataRequest);
    });
  }

  dispose(): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error('wall data worker stopped'));
    this.pending.clear();
  }
}
