/**
 * Excel's rules for sheet names and for the one namespace that table names and defined names
 * share, as the Excel double enforces them (Excel throws InvalidArgument or ItemAlreadyExists).
 *
 * Sheet names: 1 to 31 characters, none of \ / ? * [ ] :, not starting or ending with ', not
 * "History" (reserved), unique ignoring case. A table name and a defined name may not be equal
 * (ignoring case), nor two tables or two names.
 */

export interface NameSpace {
  sheetNames(): readonly string[];
  tableNames(): readonly string[];
  definedNames(): readonly string[];
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Why Excel refuses `name` for a sheet (`self`: the sheet being renamed), or null. */
export function sheetNameProblem(name: string, ns: NameSpace, self?: string): string | null {
  if (name.length < 1 || name.length > 31) return `InvalidArgument: sheet name ${JSON.stringify(name)} must have 1 to 31 characters`;
  if (/[\\/?*[\]:]/.test(name)) return `InvalidArgument: sheet name ${JSON.stringify(name)} contains one of \\ / ? * [ ] :`;
  if (name.startsWith("'") || name.endsWith("'")) return `InvalidArgument: sheet name ${JSON.stringify(name)} starts or ends with '`;
  if (same(name, "History")) return "InvalidArgument: History is reserved by Excel";
  if (ns.sheetNames().some((s) => same(s, name) && (self === undefined || !same(s, self)))) return `ItemAlreadyExists: a sheet is already called ${name}`;
  return null;
}

/** Why Excel refuses `name` for a table (`self`: the table being renamed), or null. */
export function tableNameProblem(name: string, ns: NameSpace, self?: string): string | null {
  if (ns.tableNames().some((t) => same(t, name) && (self === undefined || !same(t, self)))) return `InvalidArgument: a table is already called ${name}`;
  if (ns.definedNames().some((n) => same(n, name))) return `InvalidArgument: a defined name is already called ${name}; a table cannot take it`;
  return null;
}

/** Why Excel refuses a new defined name `name`, or null. */
export function definedNameProblem(name: string, ns: NameSpace): string | null {
  if (ns.definedNames().some((n) => same(n, name))) return `ItemAlreadyExists: a defined name is already called ${name}`;
  if (ns.tableNames().some((t) => same(t, name))) return `InvalidArgument: a table is already called ${name}; a defined name cannot take it`;
  return null;
}
