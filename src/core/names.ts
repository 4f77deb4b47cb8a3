/**
 * How names compare, one way everywhere (model, checks, custom functions, both hosts' adapters).
 * Unicode normalisation (NFC: "Åmot" typed with a combining ring is the same name as with the
 * composed letter, as it looks) and a locale-independent lower case (toLowerCase, not
 * toLocaleLowerCase: the result must not depend on the machine's language, e.g. Turkish "I").
 *
 * - sameName: names Excel itself identifies (sheets, tables, defined names): case-insensitive,
 *   spaces significant ("Budsjett " is another sheet).
 * - nameKey: texts typed in cells and headers (municipalities, scenarios, parameters, table and
 *   column names): also trimmed, with runs of whitespace read as one space.
 */

/** Lower case, then NFC (lower-casing a composed capital may leave combining marks to compose again). */
export function foldName(s: string): string {
  return s.toLowerCase().normalize("NFC");
}

/** Excel compares sheet, table and defined names without regard to case (and we to composition). */
export function sameName(a: string, b: string): boolean {
  return a === b || foldName(a) === foldName(b);
}

/** The key a typed name is matched by: NFC, lower case, trimmed, whitespace runs as one space. */
export function nameKey(s: string): string {
  return foldName(s.replace(/\s+/g, " ").trim());
}

/**
 * A name as the generated sheets' formulas match it: `TRIM(x)=y` folds runs of the space
 * character and trims them, and `=` ignores case. Other whitespace (a non-breaking space, a tab)
 * stays, so the engine, which must agree with the sheet, does not match it either; composition
 * is folded as everywhere (foldName).
 */
export function sheetKey(s: string): string {
  return foldName(s.replace(/ +/g, " ").replace(/^ | $/g, ""));
}
