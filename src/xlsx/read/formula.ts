/**
 * Shared formulas: the master cell stores `<f t="shared" si="0" ref="C2:C9">B2*2</f>`, the
 * others only `<f t="shared" si="0"/>`. A follower's formula is the master's with every
 * relative A1 reference moved by the follower's offset (absolute `$` parts stay), as Excel
 * would show it. Text that is not a reference is copied: string literals ("..."), quoted sheet
 * names ('...'), structured references and external-book indices ([...]), function names
 * (followed by `(`) and defined names. A reference moved off the sheet becomes #REF!.
 */
import { colIndex, colLetters } from "../../core/a1";

const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

// At a token start only (the scanner checks the character before). Lookaheads keep names,
// functions and sheet prefixes (`A1!`) out.
const CELL = /(\$?)([A-Za-z]{1,3})(\$?)([0-9]+)(?![A-Za-z0-9_.(!])/y;
const COLS = /(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})(?![A-Za-z0-9_.(!])/y;
const ROWS = /(\$?)([0-9]+):(\$?)([0-9]+)(?![A-Za-z0-9_.(!])/y;

function moveCol(abs: string, letters: string, dc: number): string | null {
  const c = colIndex(letters);
  if (c < 0 || c >= MAX_COL) return null;
  const n = abs ? c : c + dc;
  return n < 0 || n >= MAX_COL ? null : abs + colLetters(n);
}

function moveRow(abs: string, digits: string, dr: number): string | null {
  const r = Number(digits);
  if (r < 1 || r > MAX_ROW) return null;
  const n = abs ? r : r + dr;
  return n < 1 || n > MAX_ROW ? null : abs + String(n);
}

/** The master's formula text moved by (dr, dc) rows and columns. */
export function shiftFormula(formula: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return formula;
  let out = "";
  let i = 0;
  const n = formula.length;
  while (i < n) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      // A literal or a quoted sheet name; a doubled quote stays inside.
      let j = i + 1;
      while (j < n) {
        if (formula[j] === ch) {
          if (formula[j + 1] === ch) j += 2;
          else break;
        } else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "[") {
      let depth = 0;
      let j = i;
      for (; j < n; j++) {
        if (formula[j] === "'" && j + 1 < n) {
          j++; // an escaped character in a structured reference
          continue;
        }
        if (formula[j] === "[") depth++;
        else if (formula[j] === "]" && --depth === 0) break;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const prev = i > 0 ? formula[i - 1] : "";
    if (!/[A-Za-z0-9_.\\]/.test(prev) && /[$A-Za-z0-9]/.test(ch)) {
      COLS.lastIndex = i;
      let m = COLS.exec(formula);
      if (m) {
        const a = moveCol(m[1], m[2], dc);
        const b = moveCol(m[3], m[4], dc);
        out += a && b ? `${a}:${b}` : "#REF!";
        i = COLS.lastIndex;
        continue;
      }
      ROWS.lastIndex = i;
      m = ROWS.exec(formula);
      if (m) {
        const a = moveRow(m[1], m[2], dr);
        const b = moveRow(m[3], m[4], dr);
        out += a && b ? `${a}:${b}` : "#REF!";
        i = ROWS.lastIndex;
        continue;
      }
      CELL.lastIndex = i;
      m = CELL.exec(formula);
      if (m && Number(m[4]) >= 1 && Number(m[4]) <= MAX_ROW && colIndex(m[2]) < MAX_COL) {
        const c = moveCol(m[1], m[2], dc);
        const r = moveRow(m[3], m[4], dr);
        out += c && r ? c + r : "#REF!";
        i = CELL.lastIndex;
        continue;
      }
      // Not a reference: copy the whole word, so its tail is not taken for one.
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_.\\$]/.test(formula[j])) j++;
      out += formula.slice(i, j);
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}
