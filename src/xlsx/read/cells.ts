/**
 * Cells of one sheet part, streamed (saxes over chunks of the inflating part) and kept only
 * inside the given rectangles: a 3-million-cell ledger that also holds an input table costs
 * one pass and the table's cells, and the walk stops after the last wanted row.
 *
 * Kept raw here (type, stored text, formula, style); values are made in ./tables once the
 * shared strings wanted by all sheets are known (one pass over the sst part for everything).
 * Shared-formula masters are remembered wherever they stand, since a kept follower may point
 * at a master outside every rectangle (above it, or to its left).
 */
import { both } from "../../core/i18n";
import { LocalizedError, XLSX_MESSAGES } from "../messages";
import type { Package } from "../package/types";
import { xmlParser, XmlError } from "../package/xml";
import { shiftFormula } from "./formula";
import { RowSkipper } from "./rowSkipper";
import type { Rect } from "./types";

/** A cell as stored. */
export interface RawCell {
  row: number;
  col: number;
  /** The `t` attribute (`n` when absent). */
  type: string;
  /** `<v>` text; undefined when the cell has no `<v>`. */
  v?: string;
  /** Inline string text (`t="inlineStr"`). */
  inline?: string;
  /** Formula text as stored (no `=`; followers of a shared formula expanded). */
  formula?: string;
  /** cellXfs index. */
  style: number;
}

/** Column and row of an A1 text such as `AB12` (0-based); null when it is not one. */
function parseRef(ref: string): { row: number; col: number } | null {
  let col = 0;
  let i = 0;
  const n = ref.length;
  if (ref.charCodeAt(0) === 36) i++; // $
  for (; i < n; i++) {
    const c = ref.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  if (col === 0) return null;
  if (ref.charCodeAt(i) === 36) i++;
  let row = 0;
  for (; i < n; i++) {
    const c = ref.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    row = row * 10 + (c - 48);
  }
  return row === 0 ? null : { row: row - 1, col: col - 1 };
}

/**
 * Streams `part` and returns the cells inside `rects`, in document order. Stops after the last
 * row any rectangle covers.
 */
export async function readCells(pkg: Package, part: string, rects: readonly Rect[]): Promise<RawCell[]> {
  const out: RawCell[] = [];
  if (rects.length === 0) return out;
  const lastRow = Math.max(...rects.map((r) => r.bottom));
  const firstRow = Math.min(...rects.map((r) => r.top));
  const masters = new Map<string, { formula: string; row: number; col: number }>();

  let row = -1;
  let col = -1;
  let rowWanted = false;
  let inSheetData = false;
  let cell: RawCell | null = null;
  let keep = false;
  // What text goes where: 0 nothing, 1 <v>, 2 <f>, 3 <t> of an inline string.
  let sink = 0;
  // Text is gathered only inside <v>, <f> and <t> (see xmlParser's capture).
  const setSink = (n: number) => {
    sink = n;
    parser.capture(n !== 0);
  };
  let fShared: { si: string; master: boolean } | null = null;
  let fText = "";
  let hasF = false;
  let phonetic = 0;
  let done = false;

  const inRects = (r: number, c: number) => {
    for (const x of rects) if (r >= x.top && r <= x.bottom && c >= x.left && c <= x.right) return true;
    return false;
  };

  const parser = xmlParser({
    open: (name, attrs) => {
      if (!inSheetData) {
        if (name === "sheetData") inSheetData = true;
        return;
      }
      switch (name) {
        case "row": {
          const r = attrs.r;
          row = r ? Number(r) - 1 : row + 1;
          col = -1;
          if (row > lastRow) done = true;
          rowWanted = row >= firstRow && row <= lastRow;
          break;
        }
        case "c": {
          const ref = attrs.r ? parseRef(attrs.r) : null;
          if (ref) {
            col = ref.col;
            if (ref.row !== row) row = ref.row;
          } else col++;
          keep = rowWanted && inRects(row, col);
          hasF = false;
          fShared = null;
          cell = { row, col, type: attrs.t ?? "n", style: attrs.s ? Number(attrs.s) : 0 };
          break;
        }
        case "v":
          if (cell && keep) {
            cell.v = "";
            setSink(1);
          }
          break;
        case "f":
          if (!cell) break;
          hasF = true;
          fText = "";
          if (attrs.t === "shared" && attrs.si !== undefined) fShared = { si: attrs.si, master: attrs.ref !== undefined };
          // Masters are needed wherever they stand; other formulas only in the rectangles.
          if (keep || fShared?.master) setSink(2);
          break;
        case "is":
          if (cell && keep) cell.inline = "";
          break;
        case "t":
          if (cell && keep && cell.inline !== undefined && phonetic === 0) setSink(3);
          break;
        case "rPh":
          phonetic++;
          break;
      }
    },
    text: (t) => {
      if (sink === 1) cell!.v += t;
      else if (sink === 2) fText += t;
      else if (sink === 3) cell!.inline += t;
    },
    close: (name) => {
      switch (name) {
        case "v":
        case "t":
          setSink(0);
          break;
        case "f":
          setSink(0);
          if (fShared?.master && fText) masters.set(fShared.si, { formula: fText, row, col });
          break;
        case "rPh":
          phonetic--;
          break;
        case "sheetData":
          inSheetData = false;
          done = true;
          break;
        case "c":
          // A cell with neither value nor formula (only a style) reads as blank: not kept, so a
          // formatted but empty million-row column costs no memory.
          if (cell && keep && (hasF || cell.v !== undefined || cell.inline !== undefined)) {
            if (hasF) {
              if (fShared && !fShared.master) {
                const m = masters.get(fShared.si);
                if (m) cell.formula = shiftFormula(m.formula, cell.row - m.row, cell.col - m.col);
              } else if (fText) cell.formula = fText;
            }
            out.push(cell);
          }
          cell = null;
          break;
      }
    },
  });
  try {
    // Rows above every rectangle are cut before parsing (./rowSkipper); later ones end the walk.
    const skipper = firstRow > 0 ? new RowSkipper((r) => r >= firstRow) : null;
    const feed = (text: string) => {
      if (!text) return;
      try {
        parser.write(text);
      } catch (e) {
        // Past everything wanted, the rest of the part does not matter, broken or not.
        if (!done) throw e;
      }
    };
    await pkg.streamText(part, (chunk) => {
      feed(skipper ? skipper.push(chunk) : chunk);
      return !done;
    });
    if (!done && skipper) feed(skipper.flush());
    if (!done) parser.close();
  } catch (e) {
    if (e instanceof XmlError) throw new LocalizedError(both(XLSX_MESSAGES.badXml, { file: pkg.file, part }), 2);
    throw e;
  }
  return out;
}
