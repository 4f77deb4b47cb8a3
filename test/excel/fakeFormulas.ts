/**
 * What Excel refuses when a formula is written through `range.formulas` (or `range.values`):
 * the Excel double calls checkFormula before it stores a formula, and throws InvalidArgument as
 * Excel does, so a test fails where the real write would.
 *
 * Design: a single left-to-right scan over the formula in the API's invariant (en-US) syntax,
 * skipping string literals and array constants, that looks only at what can be wrong:
 *  - a `;` outside an array constant: the API takes `,` between arguments (Excel refuses);
 *  - a function that is not an Excel function (KNOWN_FUNCTIONS). Excel itself would accept the
 *    formula and show #NAME?; the double is stricter so that a misspelt function fails a test;
 *  - a sheet qualifier (`Ark!A1`, `'Mitt ark'!A1`) naming no sheet of the workbook. Excel would
 *    take it as a link to another file; the double refuses it;
 *  - a structured reference to an unknown table or an unknown column, or written against Excel's
 *    grammar (support.microsoft.com, "Using structured references with Excel tables"):
 *      Table[Col]            a simple name: letters, digits, inner spaces and escaped characters;
 *                            one space after `[` and before `]` is ignored (for readability),
 *                            so `T[ Col ]` names `Col`, never ` Col `;
 *      Table[[ Col ]]        inner brackets take the name literally, spaces included; needed for
 *                            the characters in DOUBLE_BRACKET_CHARS;
 *      Table[[#This Row],[Col]], Table[@Col], Table[@[Col]], Table[[A]:[B]], Table[#Totals];
 *      `'` escapes `[`, `]`, `#` and `'` inside a name.
 *    Column names compare ignoring case, as in Excel; spaces count.
 */
import { ALLOWED_FUNCTIONS } from "../../src/core/plans/formulas";

/** Functions the double accepts: every one the plans may use, Excel's common ones, and ours. */
const KNOWN_FUNCTIONS: ReadonlySet<string> = new Set([
  ...ALLOWED_FUNCTIONS,
  ...(
    "ABS AND AVERAGE AVERAGEIF AVERAGEIFS CEILING CHOOSE COLUMN COLUMNS CONCAT CONCATENATE COUNT COUNTA COUNTBLANK " +
    "COUNTIF COUNTIFS DATE DAY EDATE EOMONTH EXACT FILTER FIND FLOOR HLOOKUP HYPERLINK IF IFERROR IFNA IFS INDEX " +
    "INDIRECT INT ISBLANK ISERROR ISNA ISNUMBER ISTEXT LARGE LEFT LEN LET LOOKUP LOWER MATCH MAX MAXIFS MID MIN MINIFS " +
    "MOD MONTH N NA NOT NOW OFFSET OR PRODUCT PROPER RANK RANK.EQ REPT RIGHT ROUND ROUNDDOWN ROUNDUP ROW ROWS SEARCH " +
    "SEQUENCE SIGN SMALL SORT SQRT SUBSTITUTE SUBTOTAL SUM SUMIF SUMIFS SUMPRODUCT SWITCH T TEXT TEXTJOIN TODAY " +
    "TRANSPOSE TRIM TRUNC UNIQUE UPPER VALUE VLOOKUP XLOOKUP XMATCH YEAR KBR.SPLIT KBR.RESOURCE_SHARE"
  ).split(" "),
]);

/** Characters that make Excel want a column name in double brackets (`T[[a.b]]`). */
const DOUBLE_BRACKET_CHARS = "\t\n\r,:.[]#'\"{}$^&*+=-></";

const KEYWORDS = new Set(["#all", "#data", "#headers", "#totals", "#this row"]);

/** What a formula may refer to. */
export interface FormulaWorkbook {
  sheetExists(name: string): boolean;
  /** The headers of a table, or undefined when there is no such table. */
  tableColumns(name: string): readonly string[] | undefined;
  /** The table that holds the cell being written (for `[@Col]` without a table name). */
  tableAtCell?: () => string | undefined;
}

class FormulaRefused extends Error {
  readonly code = "InvalidArgument";
  constructor(formula: string, why: string) {
    super(`InvalidArgument: the formula ${formula} is refused: ${why}`);
  }
}

/** One column name or keyword of a structured reference, unescaped. */
export type StructuredItem = { keyword: string } | { column: string };

/** Reads a bracketed name from `at` (on the `[`), `'` escaping the next character; returns the end. */
function readBracket(s: string, at: number): { text: string; raw: string; end: number } {
  let text = "";
  let i = at + 1;
  while (i < s.length && s[i] !== "]") {
    if (s[i] === "[") throw new Error(`an unescaped [ inside [${s.slice(at + 1)}`);
    if (s[i] === "'") i++;
    if (i >= s.length) break;
    text += s[i++];
  }
  if (s[i] !== "]") throw new Error(`an unclosed [ in ${s.slice(at)}`);
  return { text, raw: s.slice(at + 1, i), end: i + 1 };
}

/**
 * Parses what stands inside the outer brackets of `Table[...]` into its items, per Excel's
 * grammar; throws a plain Error saying what is wrong.
 */
export function parseStructured(inner: string): StructuredItem[] {
  if (inner === "") return [];
  if (inner.startsWith("#")) {
    if (!KEYWORDS.has(inner.toLowerCase())) throw new Error(`unknown item specifier ${inner}`);
    return [{ keyword: inner.toLowerCase() }];
  }
  let s = inner;
  const items: StructuredItem[] = [];
  if (s.startsWith("@")) {
    items.push({ keyword: "#this row" });
    s = s.slice(1);
    if (s === "") return items;
  }
  // One readability space after the first `[` and before the last `]`.
  const body = s.replace(/^ /, "").replace(/ $/, "");
  if (!body.startsWith("[")) {
    // The simple form: no double-bracket character unless escaped, no spaces at either end.
    let name = "";
    for (let i = 0; i < body.length; i++) {
      const ch = body[i];
      if (ch === "'") {
        if (i + 1 >= body.length || !"[]#'".includes(body[i + 1])) throw new Error(`a ' that escapes nothing in [${inner}]`);
        name += body[++i];
      } else if (DOUBLE_BRACKET_CHARS.includes(ch)) throw new Error(`[${inner}] needs double brackets for ${JSON.stringify(ch)}`);
      else name += ch;
    }
    if (name !== name.trim()) throw new Error(`[${inner}]: a name with spaces at its ends needs double brackets`);
    items.push({ column: name });
    return items;
  }
  // A list: [item], [item] or [a]:[b], with spaces allowed after commas.
  let i = 0;
  let expectItem = true;
  while (i < body.length) {
    const ch = body[i];
    if (expectItem) {
      if (ch !== "[") throw new Error(`expected [ at ${JSON.stringify(body.slice(i))} in [${inner}]`);
      const b = readBracket(body, i);
      if (b.raw.startsWith("#")) {
        if (!KEYWORDS.has(b.raw.toLowerCase())) throw new Error(`unknown item specifier [${b.raw}]`);
        items.push({ keyword: b.raw.toLowerCase() });
      } else {
        const unescaped = b.raw.replace(/'./g, "");
        if (/[[\]#']/.test(unescaped)) throw new Error(`[${b.raw}] has an unescaped [ ] # or '`);
        items.push({ column: b.text });
      }
      i = b.end;
      expectItem = false;
    } else if (ch === "," || ch === ":") {
      i++;
      while (body[i] === " ") i++;
      expectItem = true;
    } else throw new Error(`unexpected ${JSON.stringify(ch)} in [${inner}]`);
  }
  if (expectItem) throw new Error(`[${inner}] ends in a separator`);
  return items;
}

/** The end (after the closing `]`) of a bracket group opening at `at`, honouring `'` escapes and nesting. */
function bracketEnd(f: string, at: number): number {
  let depth = 0;
  for (let i = at; i < f.length; i++) {
    const ch = f[i];
    if (ch === "'") {
      i++;
      continue;
    }
    if (ch === "[") depth++;
    else if (ch === "]" && --depth === 0) return i + 1;
  }
  return -1;
}

function checkColumns(table: string, items: readonly StructuredItem[], wb: FormulaWorkbook, formula: string): void {
  const cols = wb.tableColumns(table);
  if (!cols) throw new FormulaRefused(formula, `there is no table ${table}`);
  for (const it of items) {
    if ("column" in it && !cols.some((c) => c.toLowerCase() === it.column.toLowerCase())) {
      throw new FormulaRefused(formula, `table ${table} has no column ${JSON.stringify(it.column)} (its columns: ${cols.map((c) => JSON.stringify(c)).join(", ")})`);
    }
  }
}

/** Throws FormulaRefused where Excel (or the stricter double, see above) refuses `formula`. */
export function checkFormula(formula: string, wb: FormulaWorkbook): void {
  const f = formula;
  let i = f.startsWith("=") ? 1 : 0;
  let braces = 0;
  const refuse = (why: string): never => {
    throw new FormulaRefused(formula, why);
  };
  const sheet = (name: string) => {
    for (const part of name.split(":")) if (!wb.sheetExists(part)) refuse(`there is no sheet ${part}`);
  };
  while (i < f.length) {
    const ch = f[i];
    if (ch === '"') {
      let j = i + 1;
      for (;;) {
        const q = f.indexOf('"', j);
        if (q < 0) refuse("a text without its closing quote");
        if (f[q + 1] === '"') j = q + 2;
        else {
          i = q + 1;
          break;
        }
      }
      continue;
    }
    if (ch === "'") {
      // A quoted sheet name, '' standing for '.
      let name = "";
      let j = i + 1;
      for (;;) {
        if (j >= f.length) refuse("a sheet name without its closing quote");
        if (f[j] === "'" && f[j + 1] === "'") {
          name += "'";
          j += 2;
        } else if (f[j] === "'") break;
        else name += f[j++];
      }
      if (f[j + 1] !== "!") refuse(`'${name}' is not followed by !`);
      sheet(name);
      i = j + 2;
      continue;
    }
    if (ch === "{") braces++;
    else if (ch === "}") braces--;
    else if (ch === ";" && braces === 0) refuse("it separates arguments with ; (the API takes en-US syntax: ,)");
    else if (ch === "[") {
      const end = bracketEnd(f, i);
      if (end < 0) refuse("an unclosed [");
      const table = wb.tableAtCell?.();
      if (!table) refuse(`[${f.slice(i + 1, end - 1)}] has no table name and the cell is in no table`);
      try {
        checkColumns(table!, parseStructured(f.slice(i + 1, end - 1)), wb, formula);
      } catch (e) {
        if (e instanceof FormulaRefused) throw e;
        refuse((e as Error).message);
      }
      i = end;
      continue;
    } else if (/[0-9]/.test(ch)) {
      const m = /^[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?/.exec(f.slice(i));
      i += m ? m[0].length : 1;
      continue;
    } else if (/[\p{L}_\\$]/u.test(ch)) {
      const m = /^[\p{L}\p{N}_.\\$?]+/u.exec(f.slice(i))!;
      const word = m[0];
      const next = f[i + word.length];
      if (next === "(") {
        const fn = word.toUpperCase().replace(/^_XLFN\.|^_XLWS\./, "");
        if (!KNOWN_FUNCTIONS.has(fn)) refuse(`${word} is not an Excel function`);
      } else if (next === "!") {
        sheet(word);
        i += word.length + 1;
        continue;
      } else if (next === "[") {
        const at = i + word.length;
        const end = bracketEnd(f, at);
        if (end < 0) refuse("an unclosed [");
        try {
          checkColumns(word, parseStructured(f.slice(at + 1, end - 1)), wb, formula);
        } catch (e) {
          if (e instanceof FormulaRefused) throw e;
          refuse((e as Error).message);
        }
        i = end;
        continue;
      }
      i += word.length;
      continue;
    }
    i++;
  }
}
