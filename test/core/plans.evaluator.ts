/**
 * A tiny evaluator for the formulas the sheet plans generate (the subset in ALLOWED_FUNCTIONS,
 * A1 cells and ranges on the same sheet, structured references `Table[Column]`), so the unit
 * tests can recalculate a plan without LibreOffice. INT and ROUND behave as in LibreOffice.
 * Not a spreadsheet engine: it throws on anything it does not know.
 */
import { parseA1 } from "../../src/core/a1";
import { roundHalfAway } from "../../src/core/allocation";
import { sheetInt } from "../../src/core/plans/formulas";
import type { CellValue, SheetPlan, TableData } from "../../src/core/workbook/types";

type Scalar = number | string | boolean | null;
type Value = Scalar | Scalar[];

type Token = { t: "num"; v: number } | { t: "str"; v: string } | { t: "ref"; v: string } | { t: "xref"; sheet: string; v: string } | { t: "sref"; table: string; col: string } | { t: "fn"; v: string } | { t: "op"; v: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === " ") {
      i++;
      continue;
    }
    if (ch === '"') {
      let s = "";
      i++;
      for (;;) {
        if (src[i] === '"' && src[i + 1] === '"') {
          s += '"';
          i += 2;
        } else if (src[i] === '"') {
          i++;
          break;
        } else s += src[i++];
      }
      out.push({ t: "str", v: s });
      continue;
    }
    if (ch === "'") {
      // 'Sheet'!A1: a cell of another sheet ('' escapes a quote).
      let sheet = "";
      i++;
      for (;;) {
        if (src[i] === "'" && src[i + 1] === "'") {
          sheet += "'";
          i += 2;
        } else if (src[i] === "'") {
          i++;
          break;
        } else sheet += src[i++];
      }
      if (src[i] !== "!") throw new Error(`expected ! after '${sheet}'`);
      const cell = /^\$?[A-Za-z]+\$?[0-9]+/.exec(src.slice(i + 1));
      if (!cell) throw new Error(`expected a cell after '${sheet}'!`);
      out.push({ t: "xref", sheet, v: cell[0] });
      i += 1 + cell[0].length;
      continue;
    }
    const num = /^[0-9]+(\.[0-9]+)?/.exec(src.slice(i));
    if (num) {
      out.push({ t: "num", v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z_$][A-Za-z0-9_.$]*/.exec(src.slice(i));
    if (word) {
      i += word[0].length;
      if (src[i] === "(") out.push({ t: "fn", v: word[0].toUpperCase() });
      else if (src[i] === "[") {
        // Table[Col] or Table[[ Col ]] (the name taken literally); ' escapes the next character.
        let col = "";
        const double = src[i + 1] === "[";
        i += double ? 2 : 1;
        while (src[i] !== "]") {
          if (src[i] === "'") i++;
          col += src[i++];
        }
        i += double ? 2 : 1;
        out.push({ t: "sref", table: word[0], col });
      } else out.push({ t: "ref", v: word[0] });
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === "<=" || two === ">=" || two === "<>") {
      out.push({ t: "op", v: two });
      i += 2;
      continue;
    }
    if ("+-*/&=<>(),:".includes(ch)) {
      out.push({ t: "op", v: ch });
      i++;
      continue;
    }
    throw new Error(`cannot read ${src.slice(i)}`);
  }
  return out;
}

const num = (v: Scalar): number => {
  if (v === null) return 0;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number") return v;
  throw new Error(`#VALUE! (${v})`);
};
const lift = (a: Value, b: Value, f: (x: Scalar, y: Scalar) => Scalar): Value => {
  if (Array.isArray(a) || Array.isArray(b)) {
    const n = Array.isArray(a) ? a.length : (b as Scalar[]).length;
    return Array.from({ length: n }, (_, i) => f(Array.isArray(a) ? a[i] : a, Array.isArray(b) ? b[i] : b));
  }
  return f(a, b);
};
/**
 * Excel's comparison: a blank is "" beside a text and 0 beside anything else; texts compare
 * ignoring case; otherwise types order number < text < boolean, so "2009" = 2009 is FALSE and a
 * text date compares above every number.
 */
const compare = (x: Scalar, y: Scalar): number => {
  if (x === null || x === undefined) x = typeof y === "string" ? "" : typeof y === "boolean" ? false : 0;
  if (y === null || y === undefined) y = typeof x === "string" ? "" : typeof x === "boolean" ? false : 0;
  const rank = (v: Scalar) => (typeof v === "number" ? 0 : typeof v === "string" ? 1 : 2);
  if (rank(x) !== rank(y)) return rank(x) - rank(y);
  if (typeof x === "string") {
    const s = x.toLowerCase();
    const t = (y as string).toLowerCase();
    return s < t ? -1 : s > t ? 1 : 0;
  }
  return num(x) - num(y);
};

/**
 * MATCH(x;..;0)'s test: a text lookup value is a pattern (`*` any run, `?` one character, `~`
 * escapes the next), as Excel reads it; otherwise as `=`.
 */
const matches = (v: Scalar, x: Scalar): boolean => {
  if (typeof x !== "string" || !/[*?~]/.test(x)) return compare(v, x) === 0;
  if (typeof v !== "string") return false;
  let re = "";
  for (let i = 0; i < x.length; i++) {
    const ch = x[i];
    if (ch === "~" && i + 1 < x.length) re += x[++i].replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    else if (ch === "*") re += "[\\s\\S]*";
    else if (ch === "?") re += "[\\s\\S]";
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`, "i").test(v);
};

export class PlanEvaluator {
  private readonly memo = new Map<number, Scalar>();
  private readonly formulas = new Map<number, string>();
  private readonly literals = new Map<number, Scalar>();
  private readonly ranges = new Map<string, Scalar[]>();
  private readonly tables = new Map<string, TableData>();

  /** Other sheets' plans, for `'Sheet'!A1` references (evaluated over the same tables). */
  private readonly others = new Map<string, PlanEvaluator>();

  constructor(plan: SheetPlan, tables: readonly TableData[], others: readonly SheetPlan[] = []) {
    for (const o of others) if (o.name !== plan.name) this.others.set(o.name, new PlanEvaluator(o, tables));
    for (const c of plan.cells) {
      const key = c.row * 20000 + c.col;
      if (c.formula) this.formulas.set(key, c.formula.slice(1));
      else this.literals.set(key, c.value ?? null);
    }
    for (const t of tables) this.tables.set(t.name.toLowerCase(), t);
  }

  cell(row: number, col: number): Scalar {
    const key = row * 20000 + col;
    if (this.memo.has(key)) return this.memo.get(key)!;
    const f = this.formulas.get(key);
    const v = f === undefined ? (this.literals.get(key) ?? null) : this.evaluate(f);
    this.memo.set(key, v);
    return v;
  }

  evaluate(formula: string): Scalar {
    const toks = tokenize(formula);
    let p = 0;
    const peek = () => toks[p];
    const isOp = (v: string) => peek()?.t === "op" && (peek() as { v: string }).v === v;
    const expect = (v: string) => {
      if (!isOp(v)) throw new Error(`expected ${v} in ${formula}`);
      p++;
    };
    const comparison = (): Value => {
      let a = concat();
      while (["=", "<>", "<", ">", "<=", ">="].some(isOp)) {
        const op = (toks[p++] as { v: string }).v;
        const b = concat();
        a = lift(a, b, (x, y) => {
          const c = compare(x, y);
          return op === "=" ? c === 0 : op === "<>" ? c !== 0 : op === "<" ? c < 0 : op === ">" ? c > 0 : op === "<=" ? c <= 0 : c >= 0;
        });
      }
      return a;
    };
    const concat = (): Value => {
      let a = additive();
      while (isOp("&")) {
        p++;
        const b = additive();
        a = lift(a, b, (x, y) => `${x ?? ""}${y ?? ""}`);
      }
      return a;
    };
    const additive = (): Value => {
      let a = multiplicative();
      while (isOp("+") || isOp("-")) {
        const op = (toks[p++] as { v: string }).v;
        const b = multiplicative();
        a = lift(a, b, (x, y) => (op === "+" ? num(x) + num(y) : num(x) - num(y)));
      }
      return a;
    };
    const multiplicative = (): Value => {
      let a = unary();
      while (isOp("*") || isOp("/")) {
        const op = (toks[p++] as { v: string }).v;
        const b = unary();
        a = lift(a, b, (x, y) => {
          // #DIV/0! as NaN: IF evaluates both branches here, and a NaN result fails any comparison.
          if (op === "/" && (typeof x === "string" || typeof y === "string" || num(y) === 0)) return NaN;
          return op === "*" ? num(x) * num(y) : num(x) / num(y);
        });
      }
      return a;
    };
    const unary = (): Value => {
      if (isOp("-")) {
        p++;
        return lift(unary(), 0, (x) => -num(x));
      }
      return primary();
    };
    const args = (): Value[] => {
      expect("(");
      const out: Value[] = [];
      if (!isOp(")")) {
        out.push(comparison());
        while (isOp(",")) {
          p++;
          out.push(comparison());
        }
      }
      expect(")");
      return out;
    };
    const primary = (): Value => {
      const tk = toks[p++];
      if (tk.t === "num" || tk.t === "str") return tk.v;
      if (tk.t === "op" && tk.v === "(") {
        const v = comparison();
        expect(")");
        return v;
      }
      if (tk.t === "sref") {
        const t = this.tables.get(tk.table.toLowerCase());
        if (!t) throw new Error(`#REF! table ${tk.table}`);
        const c = t.headers.findIndex((h) => h.toLowerCase() === tk.col.toLowerCase());
        if (c < 0) throw new Error(`#REF! column ${tk.col}`);
        return t.rows.map((r) => scalar(r[c]));
      }
      if (tk.t === "xref") {
        const other = this.others.get(tk.sheet);
        if (!other) throw new Error(`#REF! sheet ${tk.sheet}`);
        const at = parseA1(tk.v)!;
        return other.cell(at.row, at.col);
      }
      if (tk.t === "ref") {
        const from = parseA1(tk.v);
        if (!from) throw new Error(`#NAME? ${tk.v}`);
        if (isOp(":")) {
          p++;
          const to = parseA1((toks[p++] as { v: string }).v)!;
          const rk = `${from.row},${from.col},${to.row},${to.col}`;
          const cached = this.ranges.get(rk);
          if (cached) return cached;
          const out: Scalar[] = [];
          for (let r = from.row; r <= to.row; r++) for (let c = from.col; c <= to.col; c++) out.push(this.cell(r, c));
          this.ranges.set(rk, out);
          return out;
        }
        return this.cell(from.row, from.col);
      }
      if (tk.t === "fn") return call(tk.v, args());
      throw new Error(`unexpected ${JSON.stringify(tk)} in ${formula}`);
    };
    const flat = (vs: Value[]): Scalar[] => vs.flatMap((v) => (Array.isArray(v) ? v : [v]));
    const call = (fn: string, a: Value[]): Value => {
      switch (fn) {
        case "SUM":
          return flat(a).reduce<number>((s, v) => s + (typeof v === "number" ? v : 0), 0);
        case "SUMPRODUCT": {
          const arrs = a.map((v) => (Array.isArray(v) ? v : [v]));
          let s = 0;
          for (let i = 0; i < arrs[0].length; i++) {
            let prod = 1;
            for (const arr of arrs) prod *= typeof arr[i] === "number" ? (arr[i] as number) : 0;
            s += prod;
          }
          return s;
        }
        case "SUMIFS": {
          // Sum range, then (criteria range, value) pairs; equality criteria only.
          const sum = a[0] as Scalar[];
          let s = 0;
          sum.forEach((v, i) => {
            for (let k = 1; k < a.length; k += 2) if (compare((a[k] as Scalar[])[i], a[k + 1] as Scalar) !== 0) return;
            if (typeof v === "number") s += v;
          });
          return s;
        }
        case "INDEX":
          // INDEX(array;0): the whole array (Excel's way to pass an array expression to MATCH).
          if (num(a[1] as Scalar) === 0) return a[0];
          return (a[0] as Scalar[])[num(a[1] as Scalar) - 1];
        case "ISNUMBER":
          return lift(a[0], null, (x) => typeof x === "number" && !Number.isNaN(x));
        case "MATCH": {
          // An array of lookup values (inside SUMPRODUCT): one position each, NaN for #N/A.
          if (Array.isArray(a[0])) {
            const within = a[1] as Scalar[];
            return a[0].map((x) => {
              const j = within.findIndex((v) => matches(v, x));
              return j < 0 ? NaN : j + 1;
            });
          }
          const i = (a[1] as Scalar[]).findIndex((v) => matches(v, a[0] as Scalar));
          // #N/A as NaN: IF evaluates both branches here; a NaN shown fails the comparison.
          if (i < 0) return NaN;
          return i + 1;
        }
        case "MAX": {
          const xs = flat(a).filter((v): v is number => typeof v === "number");
          return xs.some(Number.isNaN) ? NaN : xs.length ? Math.max(...xs) : 0;
        }
        case "IFERROR":
          return lift(a[0], a[1], (x, y) => (typeof x === "number" && Number.isNaN(x) ? y : x));
        case "AGGREGATE": {
          // Only AGGREGATE(14;6;array;k): LARGE ignoring errors (NaN here).
          if (num(a[0] as Scalar) !== 14 || num(a[1] as Scalar) !== 6) throw new Error("#NAME? AGGREGATE form");
          const xs = flat([a[2]]).filter((v): v is number => typeof v === "number" && !Number.isNaN(v)).sort((p, q) => q - p);
          const k = num(a[3] as Scalar);
          return k >= 1 && k <= xs.length ? xs[k - 1] : NaN;
        }
        case "ROWS":
          return (a[0] as Scalar[]).length;
        case "INT":
          return lift(a[0], 0, (x) => sheetInt(num(x)));
        case "ROUND":
          return roundHalfAway(num(a[0] as Scalar), num(a[1] as Scalar));
        case "IF":
          return num(a[0] as Scalar) !== 0 ? a[1] : a[2];
        case "TRIM":
          // Excel's TRIM: only the space character (a non-breaking space or a tab stays).
          return lift(a[0], null, (x) => String(x ?? "").replace(/ +/g, " ").replace(/^ | $/g, ""));
        case "SUBSTITUTE":
          return lift(a[0], null, (x) => String(x ?? "").split(String(a[1] ?? "")).join(String(a[2] ?? "")));
        case "LEN":
          return lift(a[0], null, (x) => String(x ?? "").length);
        default:
          throw new Error(`#NAME? ${fn}`);
      }
    };
    const v = comparison();
    if (p !== toks.length) throw new Error(`trailing tokens in ${formula}`);
    if (Array.isArray(v)) throw new Error(`array result in ${formula}`);
    // A formula that returns an empty cell's content shows 0.
    return v === null ? 0 : v;
  }
}

function scalar(v: CellValue | undefined): Scalar {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return v.getTime() / 86400000 + 25569; // Excel serial date
  if (typeof v === "object") throw new Error(`cell holds ${v.error}`);
  return v;
}
