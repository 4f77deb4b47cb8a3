/**
 * Formula text compared as a spreadsheet reads it, so that `kbr check` and the task pane can tell
 * a generated formula from one typed over it (`=96403+0`) without reporting the same formula
 * written another way. The hosts give formulas in two forms: Office.js in Excel's invariant form
 * (`=SUM(Kostnader[2009])`, `[@Col]`), the file reader as stored (`_xlfn.` prefixes,
 * `Table[[#This Row],[Col]]`, see src/xlsx/fileFormula.ts). Ignored: the leading `=`, case,
 * spaces and `$` outside string literals, those prefixes, Excel 365's implicit-intersection `@`,
 * and the two spellings of a structured reference. String literals keep their spaces (case is ignored there too: the criteria of
 * SUMIFS and MATCH are).
 */

function codeKey(part: string): string {
  return part
    .replace(/_xlfn\.|_xlws\./gi, "")
    .replace(/\s+/g, "")
    .replace(/\$/g, "")
    .toUpperCase()
    // Excel 365 shows a legacy formula's implicit intersection as `@` before a reference or call.
    .replace(/(^|[^[])@/g, "$1")
    .replace(/\[#THISROW\],/g, "@") // Table[[#This Row],[Col]] -> Table[@[Col]]
    .replace(/\[@\[([^[\]]*)\]\]/g, "[@$1]") // Table[@[Col]] -> Table[@Col]
    .replace(/\[\[#DATA\],(\[[^[\]]*\])\]/g, "$1") // Table[[#Data],[Col]] -> Table[Col]
    .replace(/\[\[([^[\]#@,:]*)\]\]/g, "[$1]"); // Table[[Col]] -> Table[Col]
}

/**
 * The key two formulas are the same by.
 * @internal
 */
export function formulaKey(formula: string): string {
  let s = formula.trim();
  if (s.startsWith("=")) s = s.slice(1);
  // Split on quotes: odd parts are string literals (a doubled quote inside one gives an empty part, parity kept).
  return s
    .split('"')
    .map((p, i) => (i % 2 === 1 ? p.toUpperCase() : codeKey(p)))
    .join('"');
}

export function sameFormula(a: string, b: string): boolean {
  return a === b || formulaKey(a) === formulaKey(b);
}
