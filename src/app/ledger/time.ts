/** The as-of time in the address: office-local `YYYY-MM-DDTHH:mm` ↔ epoch ms. */
import { localDayMs } from '../../analysis/ledger/filters';
import { MINUTE_MS } from '../../analysis/ledger/working-calendar';

/** Local `YYYY-MM-DDTHH:mm` → epoch ms in an office `offset` minutes east of UTC. */
export function localMinuteMs(text: string, offset: number): number | null {
  const day = localDayMs(text.slice(0, 10), offset);
  const m = /T(\d{2}):(\d{2})$/.exec(text);
  if (day === null || !m) return null;
  return day + (Number(m[1]) * 60 + Number(m[2])) * MINUTE_MS;
}

export function msToLocalMinute(ms: number, offset: number): string {
  return new Date(ms + offset * MINUTE_MS).toISOString().slice(0, 16);
}

/** `YYYY-MM` of the month before. */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
