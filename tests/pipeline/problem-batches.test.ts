/**
 * The problems ledger is validated batch by batch (formats/csv-batches.ts → validate.ts →
 * problems/problem-table.ts). Cut anywhere, the batches must give what one batch gives: the same
 * kept rows with the same row numbers, the same rejects (a duplicate whose first copy is in an
 * earlier batch included) and counts that add up.
 */
import { describe, expect, it } from 'vitest';
import type { TableBatches } from '../../scripts/pipeline/formats/read-layer';
import { readInputs, type RawInputs, type RawTable } from '../../scripts/pipeline/read';
import { RejectLedger, validateInputs } from '../../scripts/pipeline/validate';

const SAMPLE = 'data/sample/guatu.config.json';

/** All of the source's rows as one table. */
function whole(source: TableBatches): RawTable {
  const out: RawTable = { file: source.file, header: [], rows: [], lines: [] };
  for (const batch of source.batches()) {
    out.header = batch.header;
    out.rows.push(...batch.rows);
    out.lines.push(...batch.lines);
  }
  return out;
}

/** The table cut after the given row counts. */
function cut(table: RawTable, at: number[]): TableBatches {
  const edges = [0, ...at, table.rows.length];
  return {
    file: table.file,
    *batches() {
      for (let k = 0; k + 1 < edges.length; k++) {
        const [from, to] = [edges[k]!, edges[k + 1]!];
        yield { file: table.file, header: table.header, rows: table.rows.slice(from, to), lines: table.lines.slice(from, to) };
      }
    },
  };
}

function validate(raw: RawInputs, problems: TableBatches) {
  const ledger = new RejectLedger();
  const valid = validateInputs({ ...raw, problems }, ledger);
  return { valid, ledger };
}

describe('problems validated in batches', () => {
  it('keep and reject exactly what one batch keeps and rejects, wherever the cuts fall', async () => {
    const raw = await readInputs(SAMPLE);
    const table = whole(raw.problems);
    const one = validate(raw, cut(table, []));
    // The demo ledger has a duplicate id on consecutive rows: cut between the two copies too.
    const duplicate = one.ledger.rejects.find((r) => r.file === table.file && r.field === 'id' && /duplicate id/.test(r.reason));
    expect(duplicate, 'the demo ledger carries a duplicate id').toBeDefined();
    const cuts = [1, 999, duplicate!.row - 1, duplicate!.row + 3, table.rows.length - 1];
    const many = validate(raw, cut(table, cuts));

    expect(many.valid.problems.length).toBe(one.valid.problems.length);
    expect([...many.valid.problems]).toEqual([...one.valid.problems]);
    expect(many.ledger.rejects).toEqual(one.ledger.rejects);
    expect(many.ledger.counts.problems).toEqual(one.ledger.counts.problems);
    const c = many.ledger.counts.problems!;
    expect(c.read).toBe(table.rows.length);
    expect(c.kept + c.rejected).toBe(c.read);
    expect(many.valid.asOf).toBe(one.valid.asOf);
    expect(many.valid.ledgerCompletion).toEqual(one.valid.ledgerCompletion);
  });
});
