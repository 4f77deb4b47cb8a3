/**
 * Formulas as files store them: no leading `=`, and functions newer than Excel 2007 with their
 * `_xlfn.` prefix. Shared by the package reader and writer.
 */

/**
 * Functions introduced after Excel 2007 must be stored with the `_xlfn.` prefix in the file, or
 * Excel and LibreOffice read them as unknown names (#NAME?). Office.js adds it by itself.
 */
const FUTURE_FUNCTIONS = [
  "AGGREGATE", "CEILING.MATH", "CONCAT", "FILTER", "FLOOR.MATH", "IFNA", "IFS", "LET", "MAXIFS",
  "MINIFS", "RANDARRAY", "SEQUENCE", "SORT", "SORTBY", "SWITCH", "TEXTJOIN", "UNIQUE", "XLOOKUP",
  "XMATCH", "ROUND.HALF", "STDEV.S", "STDEV.P", "VAR.S", "VAR.P", "MODE.SNGL", "PERCENTILE.INC",
  "QUARTILE.INC", "RANK.EQ", "NETWORKDAYS.INTL", "WORKDAY.INTL", "ISOWEEKNUM", "DAYS", "XOR",
];
const FUTURE = new Set(FUTURE_FUNCTIONS);
// Most formulas call none of them: one test spares them the per-call replace (big sheets).
const ANY_FUTURE = new RegExp(`(?:${FUTURE_FUNCTIONS.map((f) => f.replace(/\./g, "\\.")).join("|")})\\(`, "i");
// A name directly followed by "(" and not part of a longer name, a table column or a prefix.
const CALL_RE = /(^|[^A-Za-z0-9_.\]])([A-Za-z][A-Za-z0-9.]*)(?=\()/g;

function prefixCalls(part: string): string {
  return part.replace(CALL_RE, (m: string, before: string, name: string) => {
    const upper = name.toUpperCase();
    return FUTURE.has(upper) ? `${before}_xlfn.${upper}` : m;
  });
}

/** Plan formula (`=SUM(A1:A3)`) to file formula (`SUM(A1:A3)`, future functions prefixed). */
export function toFileFormula(formula: string): string {
  const body = formula.startsWith("=") ? formula.slice(1) : formula;
  if (!ANY_FUTURE.test(body)) return body;
  if (!body.includes('"')) return prefixCalls(body);
  // Leave string literals alone: split on quotes, prefix only outside them.
  return body
    .split('"')
    .map((part, i) => (i % 2 === 0 ? prefixCalls(part) : part))
    .join('"');
}

/** File formula back to the invariant form the engine compares with (`=` and no prefixes). */
export function fromFileFormula(formula: string): string {
  return "=" + formula.replace(/_xlfn\.|_xlws\./g, "");
}
