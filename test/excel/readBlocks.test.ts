/**
 * readBlocks' sizing (src/excel/read.ts): a formula read starts with a probe, and a probe that the
 * budget cut short (a few short title rows) does not size the rest of the sheet. A fake context
 * refuses a response above its limit, as Excel on the web does above 5 MB.
 */
import { readBlocks } from "../../src/excel/read";

type Job = Parameters<typeof readBlocks>[1][number];

/** Rows of `sizes[i]` characters each, as one formula cell per row. */
function job(sheet: string, sizes: number[], rowBytes: number, measured: boolean): Job {
  const rows: Record<string, unknown[][]> = { formulas: [] };
  return {
    sheet,
    rect: { top: 0, left: 0, bottom: sizes.length - 1, right: 0 },
    props: ["formulas"],
    range: (r) => {
      const range = { formulas: sizes.slice(r.top, r.bottom + 1).map((n) => ["=" + "x".repeat(n)]), load: () => range };
      pending.push(range.formulas);
      return range as unknown as Excel.Range;
    },
    rowBytes,
    measured,
    done: 0,
    rows,
  } as Job;
}

let pending: unknown[][][] = [];

function context(limit: number) {
  const stats = { syncs: 0, refused: 0, largest: 0 };
  const ctx = {
    sync: async () => {
      stats.syncs++;
      const bytes = pending.reduce((s, rows) => s + JSON.stringify(rows).length, 0);
      pending = [];
      if (bytes > limit) {
        stats.refused++;
        throw Object.assign(new Error("ResponsePayloadSizeLimitExceeded"), { code: "ResponsePayloadSizeLimitExceeded" });
      }
      stats.largest = Math.max(stats.largest, bytes);
    },
  } as unknown as Excel.RequestContext;
  return { ctx, stats };
}

describe("readBlocks", () => {
  it("a probe cut short by the budget does not size the rest: no response is refused", async () => {
    // A table read first takes nearly all of the budget; the sheet's probe then gets 2 title rows
    // (12 characters) and the rest of the sheet is long formulas (2 000 characters a row).
    const table = job("Tabell", Array.from({ length: 9_995 }, () => 90), 100, true);
    const sheet = job("Oppfølging", [10, 10, ...Array.from({ length: 1_000 }, () => 2_000)], 250, false);
    // A budget of 1 MB a sync against a limit of 1.25 MB (as 4 MB against Excel's 5 MB).
    const { ctx, stats } = context(1_250_000);
    await readBlocks(ctx, [table, sheet], 1_000_000);
    expect(sheet.rows.formulas).toHaveLength(1_002);
    expect(table.rows.formulas).toHaveLength(9_995);
    expect(stats.refused).toBe(0);
    expect(stats.largest).toBeLessThanOrEqual(1_250_000);
  });

  it("a formula read starts with a probe of at most 64 rows, then reads by the measured size", async () => {
    const sheet = job("Kommunebidrag", Array.from({ length: 1000 }, () => 500), 200, false);
    const { ctx, stats } = context(200_000);
    await readBlocks(ctx, [sheet], 150_000);
    expect(sheet.rows.formulas).toHaveLength(1000);
    expect(stats.refused).toBe(0);
    // The probe, then blocks of about 150 000 / (1.25 × 506) rows.
    expect(stats.syncs).toBeGreaterThan(3);
  });
});
