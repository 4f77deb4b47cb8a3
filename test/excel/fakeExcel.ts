/**
 * A small in-test fake of the Excel objects the Office.js adapter uses, with Office's batch
 * model: calls only queue operations, `context.sync()` runs them in order, and a loaded property
 * can be read only after the sync that follows its `load` (reading it earlier throws, as in
 * Excel). A request above 5 MB is refused whole, as Excel on the web does. Failures can be
 * injected at a given operation, or planned as cuts (`faults`: sync s fails after k commands,
 * the first k applied, as Excel does; see FakeExcel.faults). office-addin-mock has no collections or queueing, so it serves
 * only the requirement-set test.
 *
 * Stricter than a plain store, so tests fail where Excel would: members above the run's ExcelApi
 * level fail with ApiNotFound (fakeApi.ts), formulas Excel refuses throw InvalidArgument
 * (fakeFormulas.ts), and sheet, table and defined names follow Excel's rules (fakeRules.ts).
 * Sizes and links (issue 7; most of it in the section at the end): the response of each sync is
 * measured (the JSON size of everything loaded) and refused above 5 MB like the request; the
 * largest request and response, the sync count and every range read are recorded for the tests.
 * Deleting a sheet turns references to it in other sheets' formulas, in defined names and in
 * chart series into #REF!, as Excel does; renaming one rewrites them. A formula that is only a
 * reference (`=Sheet!A1`, `=NAME`) reads back the value it points at, so a test sees a link work.
 */
import { colLetters as colLetter } from "../../src/core/a1";
import { splitSheet } from "../../src/core/a1";
import { parseRect, type Rect } from "../../src/excel/a1";
import { API_LEVEL, apiNotFound, installRequirements, isSetSupportedAt, type ApiLevel } from "./fakeApi";
import { checkFormula, type FormulaWorkbook } from "./fakeFormulas";
import { definedNameProblem, sheetNameProblem, tableNameProblem, type NameSpace } from "./fakeRules";

export interface FCell {
  value: string | number | boolean | { error: string } | null;
  formula?: string;
  numberFormat?: string;
  bold?: boolean;
  italic?: boolean;
  fill?: string;
  align?: string;
  borderTop?: boolean;
  wrap?: boolean;
  verticalAlign?: string;
  fontColor?: string;
  fontSize?: number;
}

/** What worksheet.pageLayout was set to (ExcelApi 1.9). */
export interface FPage {
  orientation?: string;
  paperSize?: string;
  zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  centerHorizontally?: boolean;
  margins?: { unit: string; options: Record<string, number> };
  titleRows?: string;
  footer?: { left?: string; center?: string; right?: string };
}

export interface FChart {
  type: string;
  /** Chart.name (Excel gives "Chart 1"…; the adapter names its own). */
  name?: string;
  title?: string;
  /** Ranges are kept as sheet + rectangle: like Excel's, they follow a renamed sheet. */
  series: { name?: string; values?: Target; xValues?: Target; refError?: boolean }[];
  position?: [string, string];
}

export class FSheet {
  cells = new Map<string, FCell>();
  widths = new Map<number, number>();
  hidden = new Set<number>();
  frozenRows = 0;
  heights = new Map<number, number>();
  page?: FPage;
  charts: FChart[] = [];
  constructor(
    public id: string,
    public name: string,
  ) {}
  cell(row: number, col: number): FCell | undefined {
    return this.cells.get(`${row},${col}`);
  }
  touch(row: number, col: number): FCell {
    const k = `${row},${col}`;
    let c = this.cells.get(k);
    if (!c) this.cells.set(k, (c = { value: null }));
    return c;
  }
}

export interface FTable {
  name: string;
  sheet: FSheet;
  rect: Rect;
  style?: string;
  /** Table.showTotals; the fake keeps no totals row in `rect`, it only reports the flag. */
  showTotals?: boolean;
}

export interface FName {
  name: string;
  sheet: FSheet | null;
  address: string;
  comment?: string;
  /** What NamedItem.formula reads when the name is not a plain cell reference (`=Tabell1[Beløp]`). */
  formula?: string;
  /** A name that is a text constant (`="…"`) rather than a reference: its text. */
  constant?: string;
  /** NamedItem.visible set to false. */
  hidden?: boolean;
}

/** `="text"` (quotes doubled inside) to its text, or null for any other formula. */
function textConstant(formula: string): string | null {
  const m = /^="((?:[^"]|"")*)"$/.exec(formula.trim());
  if (!m) return null;
  // Excel: a text in a formula is at most 255 characters.
  const text = m[1].replace(/""/g, '"');
  if (text.length > 255) throw officeError("InvalidArgument", "a text in a formula is at most 255 characters");
  return text;
}

/** The workbook behind the fake: plain data the tests seed and inspect. */
export class FakeModel {
  sheets: FSheet[] = [];
  tables: FTable[] = [];
  names: FName[] = [];
  private nextId = 1;

  addSheet(name: string): FSheet {
    const problem = sheetNameProblem(name, this.nameSpace());
    if (problem) throw new Error(problem);
    const s = new FSheet(`{S${this.nextId++}}`, name);
    this.sheets.push(s);
    return s;
  }
  sheet(name: string): FSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }
  nameSpace(): NameSpace {
    return { sheetNames: () => this.sheets.map((s) => s.name), tableNames: () => this.tables.map((t) => t.name), definedNames: () => this.names.map((n) => n.name) };
  }
  /** What a formula written into `sheet` at (row, col) may refer to. */
  formulaBook(sheet: FSheet, row: number, col: number): FormulaWorkbook {
    const headers = (t: FTable) => {
      const out: string[] = [];
      for (let c = t.rect.left; c <= t.rect.right; c++) {
        const v = t.sheet.cell(t.rect.top, c)?.value;
        out.push(v === null || v === undefined ? "" : typeof v === "object" ? v.error : String(v));
      }
      return out;
    };
    return {
      sheetExists: (n) => this.sheet(n) !== undefined,
      tableColumns: (n) => {
        const t = this.tables.find((x) => x.name.toLowerCase() === n.toLowerCase());
        return t && headers(t);
      },
      tableAtCell: () => this.tables.find((t) => t.sheet === sheet && t.rect.top < row && row <= t.rect.bottom && t.rect.left <= col && col <= t.rect.right)?.name,
    };
  }
  /** Seeds a table with its header and body cells. */
  seedTable(sheetName: string, name: string, top: number, left: number, headers: string[], rows: FCell["value"][][], formats?: (string | undefined)[][]): FTable {
    const sheet = this.sheet(sheetName) ?? this.addSheet(sheetName);
    headers.forEach((h, j) => (sheet.touch(top, left + j).value = h));
    rows.forEach((r, i) =>
      r.forEach((v, j) => {
        const c = sheet.touch(top + 1 + i, left + j);
        c.value = v;
        const f = formats?.[i]?.[j];
        if (f) c.numberFormat = f;
      }),
    );
    const t: FTable = { name, sheet, rect: { top, left, bottom: top + Math.max(1, rows.length), right: left + headers.length - 1 } };
    this.tables.push(t);
    return t;
  }
  mark(sheet: FSheet, name: string): void {
    this.names.push({ name, sheet, address: "$A$1" });
  }
  /** A deep copy (same sheet ids), so a sweep can start each run from one workbook. */
  clone(): FakeModel {
    const m = new FakeModel();
    m.nextId = this.nextId;
    const map = new Map<FSheet, FSheet>();
    const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
    for (const s of this.sheets) {
      const c = new FSheet(s.id, s.name);
      c.cells = new Map([...s.cells].map(([k, v]) => [k, copy(v)]));
      c.widths = new Map(s.widths);
      c.heights = new Map(s.heights);
      c.hidden = new Set(s.hidden);
      c.frozenRows = s.frozenRows;
      if (s.page) c.page = copy(s.page);
      map.set(s, c);
      m.sheets.push(c);
    }
    const target = (t?: Target) => t && { sheet: map.get(t.sheet)!, rect: { ...t.rect } };
    for (const s of this.sheets) {
      map.get(s)!.charts = s.charts.map((ch) => ({
        ...copy({ ...ch, series: [] }),
        series: ch.series.map((x) => ({ name: x.name, values: target(x.values), xValues: target(x.xValues), refError: x.refError })),
      }));
    }
    m.tables = this.tables.map((t) => ({ ...t, sheet: map.get(t.sheet)!, rect: { ...t.rect } }));
    m.names = this.names.map((n) => ({ ...n, sheet: n.sheet && map.get(n.sheet)! }));
    return m;
  }
  /** A deep, comparable picture of everything in the workbook. */
  snapshot(): unknown {
    return JSON.parse(
      JSON.stringify({
        sheets: this.sheets.map((s) => ({ id: s.id, name: s.name, cells: [...s.cells.entries()].sort(), widths: [...s.widths], heights: [...s.heights], page: s.page ?? null, hidden: [...s.hidden], frozen: s.frozenRows, charts: s.charts.map((c) => ({ ...c, series: c.series.map((x) => ({ name: x.name, values: x.values && addrOf(x.values.sheet, x.values.rect), x: x.xValues && addrOf(x.xValues.sheet, x.xValues.rect) })) })) })),
        tables: this.tables.map((t) => ({ name: t.name, sheet: t.sheet.name, rect: t.rect, style: t.style })),
        names: this.names.map((n) => ({ name: n.name, sheet: n.sheet?.name ?? null, address: n.address, constant: n.constant, hidden: n.hidden })),
      }),
    );
  }
}

const q = (s: string) => (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(s) ? s : `'${s.replace(/'/g, "''")}'`);
export const addrOf = (sheet: FSheet, r: Rect) => `${q(sheet.name)}!${colLetter(r.left)}${r.top + 1}:${colLetter(r.right)}${r.bottom + 1}`;
const ERRORS = new Set(["#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!"]);

/** What Excel makes of one entry of a `values`/`formulas` array (it parses text as typed). */
function parseInput(cell: FCell, v: unknown): void {
  delete cell.formula;
  if (typeof v === "string") {
    if (v.startsWith("'")) cell.value = v.slice(1);
    else if (v.startsWith("=")) {
      cell.formula = v;
      cell.value = null;
    } else if (v === "") cell.value = null;
    else if (/^-?\d+(\.\d+)?$/.test(v.trim())) cell.value = Number(v);
    else if (/^(true|false)$/i.test(v)) cell.value = v.toLowerCase() === "true";
    else if (ERRORS.has(v)) cell.value = { error: v };
    else cell.value = v;
  } else cell.value = v as FCell["value"];
}

type Op = { label: string; run: () => void };

/** Lazily resolved target of a proxy: resolved by the first queued operation that needs it. */
class Ref<T> {
  private v: T | undefined;
  private done = false;
  constructor(private readonly resolve: () => T) {}
  get(): T {
    if (!this.done) {
      this.v = this.resolve();
      this.done = true;
    }
    return this.v as T;
  }
}

class Loaded {
  private props = new Map<string, unknown>();
  protected read<T>(name: string): T {
    if (!this.props.has(name)) throw new Error(`PropertyNotLoaded: ${name} (load it and sync first)`);
    return this.props.get(name) as T;
  }
  protected put(name: string, v: unknown): void {
    this.props.set(name, v);
    // A collection's items count by their own loaded properties (each put on its own).
    if (responding) responding.respond(Array.isArray(v) && v[0] instanceof Loaded ? [] : v);
  }
}

export class FakeContext {
  private queue: Op[] = [];
  private bytes = 0;
  /** Estimated payload of each sync, in order. */
  readonly requests: number[] = [];
  /** JSON size of what each sync loaded, in order (syncs that failed before answering are left out). */
  readonly responses: number[] = [];
  private responseBytes = 0;
  /** Set when the Excel.run that made this context has ended: its proxies are dead from then on. */
  closed = false;
  readonly workbook: { worksheets: FWorksheets; tables: FTables; names: FNames };
  readonly application = { suspendApiCalculationUntilNextSync: () => this.enqueue("suspend", () => void this.fake.suspends++) };

  constructor(readonly fake: FakeExcel) {
    this.workbook = { worksheets: new FWorksheets(this), tables: new FTables(this, null), names: new FNames(this) };
  }
  get model(): FakeModel {
    return this.fake.model;
  }
  /** Queues ApiNotFound when `member` is above the ExcelApi level of this Excel. */
  api(member: string): void {
    const e = apiNotFound(member, this.fake.apiLevel);
    if (e) this.enqueue(member, () => {
      throw e;
    });
  }
  enqueue(label: string, run: () => void, payload?: unknown): void {
    // Excel: an object belongs to the batch (request context) that made it.
    if (this.closed) throw officeError("InvalidObjectPath", `${label}: the object was made in an Excel.run that has ended`);
    this.queue.push({ label, run });
    this.bytes += 40 + (payload === undefined ? 0 : JSON.stringify(payload).length);
  }
  async sync(): Promise<void> {
    if (this.closed) throw officeError("InvalidObjectPath", "sync on a request context whose Excel.run has ended");
    const ops = this.queue;
    const bytes = this.bytes;
    this.queue = [];
    this.bytes = 0;
    this.requests.push(bytes);
    this.fake.syncs++;
    this.fake.maxRequest = Math.max(this.fake.maxRequest, bytes);
    if (bytes > this.fake.requestLimit) throw officeError("RequestPayloadSizeLimitExceeded", `${bytes} bytes`);
    this.responseBytes = 0;
    // The running sync is where loaded values are counted (a module-level pointer, not an alias).
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    responding = this;
    this.fake.commands.push(ops.length);
    // A planned cut (faults): Excel applies the commands of a failed batch up to the failing one
    // and none after it; nothing is rolled back. `after` at or past the end: all applied, and the
    // answer is lost (the connection dropped on the way back).
    const fault = this.fake.faults.find((f) => f.sync === this.fake.syncs);
    const cut = () => officeError(fault?.code ?? "GeneralException", `injected cut of sync ${fault?.sync} after ${fault?.after} of ${ops.length} commands`);
    try {
      for (const [i, op] of ops.entries()) {
        if (fault && i === fault.after) throw cut();
        if (this.fake.failWhen?.(op.label, this.fake.syncs)) {
          this.fake.failWhen = undefined;
          throw new Error(`GeneralException: injected failure at ${op.label}`);
        }
        if (this.fake.failAlways?.(op.label, this.fake.syncs)) throw new Error(`GeneralException: injected failure at ${op.label}`);
        op.run();
      }
      if (fault) throw cut();
    } finally {
      responding = null;
    }
    const response = this.responseBytes;
    this.responses.push(response);
    this.fake.maxResponse = Math.max(this.fake.maxResponse, response);
    // Excel has done the work, but the answer does not fit: the batch fails as a whole.
    if (response > this.fake.responseLimit) throw officeError("ResponsePayloadSizeLimitExceeded", `${response} bytes`);
  }
  /** Adds a loaded value to this sync's response (its JSON size, as sent back). */
  respond(v: unknown): void {
    this.responseBytes += 10 + (v === undefined ? 0 : JSON.stringify(v).length);
  }
}

/** A cut of one sync: its first `after` commands are applied, then it fails with `code` (default GeneralException). */
export interface Fault {
  sync: number;
  after: number;
  code?: string;
}

/** Owns the model; `run` is what OfficeWorkbook takes instead of Excel.run (a new context per run). */
export class FakeExcel {
  syncs = 0;
  suspends = 0;
  requestLimit = 5_000_000;
  /** Excel on the web refuses responses above 5 MB too. */
  responseLimit = 5_000_000;
  /** Largest request and response of any sync so far (bytes). */
  maxRequest = 0;
  maxResponse = 0;
  /** Every range whose cells were loaded (values, formulas, formats…), in order. */
  readonly reads: RangeRead[] = [];
  /**
   * The fault plan: sync number `sync` (counted as `syncs`, 1-based after resetStats) applies
   * its first `after` commands and then fails (0: refused whole). A command is what one method
   * call or property set puts into the request (load, suspend, getItem, a set…), as Excel counts
   * the actions of a batch.
   */
  faults: Fault[] = [];
  /** Commands of each sync, in order (for sweeping the cut points of an operation). */
  readonly commands: number[] = [];
  /** Like failWhen, but stays armed: every matching operation fails. */
  failAlways?: (label: string, sync: number) => boolean;
  readonly contexts: FakeContext[] = [];
  /** Throws at the first queued operation for which this returns true (then clears itself). */
  failWhen?: (label: string, sync: number) => boolean;
  constructor(
    readonly model = new FakeModel(),
    readonly apiLevel: ApiLevel = API_LEVEL,
  ) {
    // The adapter's defaults ask Office.context.requirements: they follow this Excel's level.
    installRequirements(apiLevel);
  }
  /** `Office.context.requirements.isSetSupported` of this Excel. */
  readonly isSetSupported = (name: string, version?: string) => isSetSupportedAt(this.apiLevel)(name, version);
  /** Starts counting afresh: syncs, largest request and response, reads. */
  resetStats(): void {
    this.syncs = 0;
    this.commands.length = 0;
    this.maxRequest = 0;
    this.maxResponse = 0;
    this.reads.length = 0;
  }
  run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const ctx = new FakeContext(this);
    this.contexts.push(ctx);
    try {
      return await batch(ctx as unknown as Excel.RequestContext);
    } finally {
      ctx.closed = true;
    }
  };
}

// ------------------------------------------------------------------ worksheets

class FWorksheets extends Loaded {
  constructor(private readonly ctx: FakeContext) {
    super();
  }
  get items(): FWorksheet[] {
    return this.read("items");
  }
  load(props: string): this {
    this.ctx.enqueue("worksheets.load", () => {
      const items = this.ctx.model.sheets.map((s) => new FWorksheet(this.ctx, new Ref(() => s)));
      items.forEach((w) => w.snap(props));
      this.put("items", items);
    });
    return this;
  }
  add(name: string): FWorksheet {
    const ref = new Ref(() => this.ctx.model.addSheet(name));
    this.ctx.enqueue("worksheets.add", () => ref.get(), name);
    return new FWorksheet(this.ctx, ref);
  }
  getItem(name: string): FWorksheet {
    const ref = new Ref(() => {
      const s = this.ctx.model.sheet(name);
      if (!s) throw new Error(`ItemNotFound: sheet ${name}`);
      return s;
    });
    this.ctx.enqueue("worksheets.getItem", () => ref.get(), name);
    return new FWorksheet(this.ctx, ref);
  }
}

class FWorksheet extends Loaded {
  private readonly page: FPageLayout;
  readonly freezePanes = {
    freezeRows: (n: number) => {
      this.ctx.api("worksheet.freezePanes");
      this.ctx.enqueue("freezeRows", () => void (this.ref.get().frozenRows = n), n);
    },
    unfreeze: () => {
      this.ctx.api("freezePanes.unfreeze");
      this.ctx.enqueue("freezePanes.unfreeze", () => void (this.ref.get().frozenRows = 0));
    },
  };
  readonly charts: FCharts;
  readonly tables: FTables;
  constructor(
    private readonly ctx: FakeContext,
    readonly ref: Ref<FSheet>,
  ) {
    super();
    this.tables = new FTables(ctx, ref);
    this.page = new FPageLayout(ctx, ref);
    this.charts = new FCharts(ctx, ref, (type, source) => this.addChart(type, source));
  }
  get pageLayout(): FPageLayout {
    this.ctx.api("worksheet.pageLayout");
    return this.page;
  }
  snap(props: string): void {
    const s = this.ref.get();
    for (const p of props.split(",").map((x) => x.trim().replace(/^items\//, ""))) {
      if (p === "name") this.put("name", s.name);
      else if (p === "id") this.put("id", s.id);
      else if (p === "position") this.put("position", this.ctx.model.sheets.indexOf(s));
      else throw new Error(`fake: cannot load worksheet.${p}`);
    }
  }
  load(props: string): this {
    this.ctx.enqueue("worksheet.load", () => this.snap(props));
    return this;
  }
  get name(): string {
    return this.read("name");
  }
  set name(v: string) {
    this.ctx.enqueue("worksheet.rename", () => {
      const s = this.ref.get();
      const problem = sheetNameProblem(v, this.ctx.model.nameSpace(), s.name);
      if (problem) throw new Error(problem);
      renameRefs(this.ctx.model, s.name, v);
      s.name = v;
    }, v);
  }
  get id(): string {
    return this.read("id");
  }
  get position(): number {
    return this.read("position");
  }
  set position(p: number) {
    this.ctx.enqueue("worksheet.position", () => {
      const s = this.ref.get();
      const list = this.ctx.model.sheets;
      list.splice(list.indexOf(s), 1);
      list.splice(Math.min(p, list.length), 0, s);
    }, p);
  }
  delete(): void {
    this.ctx.enqueue("worksheet.delete", () => {
      const s = this.ref.get();
      const m = this.ctx.model;
      if (!m.sheets.includes(s)) throw new Error("ItemNotFound: sheet already deleted");
      m.sheets = m.sheets.filter((x) => x !== s);
      m.tables = m.tables.filter((t) => t.sheet !== s);
      for (const n of m.names) if (n.sheet === s) n.sheet = null; // #REF!, as in Excel
      breakRefs(m, s);
    });
  }
  getRange(address = ""): FRange {
    return new FRange(this.ctx, new Ref(() => {
      // No address: the whole sheet.
      const r = address === "" ? { top: 0, left: 0, bottom: MAX_ROW, right: MAX_COL } : parseRect(address);
      if (!r) throw new Error(`InvalidArgument: address ${address}`);
      return { sheet: this.ref.get(), rect: r };
    }), address);
  }
  getRanges(address: string): FRangeAreas {
    this.ctx.api("worksheet.getRanges");
    return new FRangeAreas(this.ctx, this.ref, address);
  }
  /**
   * ExcelApi 1.4. As in Excel, the smallest range around the cells with a value or formatting;
   * with `valuesOnly`, around the cells with a value (a formula counts as one) only.
   */
  getUsedRangeOrNullObject(valuesOnly = false): FRange {
    this.ctx.api("worksheet.getUsedRangeOrNullObject");
    return new FRange(this.ctx, new Ref(() => {
      const s = this.ref.get();
      const r: Rect = { top: Infinity, left: Infinity, bottom: -1, right: -1 };
      for (const [k, c] of s.cells) {
        if (c.value === null && c.formula === undefined && (valuesOnly || !isFormatted(c))) continue;
        const [row, col] = k.split(",").map(Number);
        r.top = Math.min(r.top, row);
        r.left = Math.min(r.left, col);
        r.bottom = Math.max(r.bottom, row);
        r.right = Math.max(r.right, col);
      }
      return r.bottom < 0 ? null : { sheet: s, rect: r };
    }));
  }
  private addChart(type: string, source: FRange): FChartProxy {
    const chart: FChart = { type, series: [] };
    this.ctx.enqueue("charts.add", () => {
      chart.series.push({ values: source.target() });
      const sheet = this.ref.get();
      chart.name = `Chart ${sheet.charts.length + 1}`;
      sheet.charts.push(chart);
    }, type);
    return new FChartProxy(this.ctx, chart, this.ref);
  }
}

/** worksheet.pageLayout: every setting is queued and lands in FSheet.page. */
class FPageLayout {
  readonly headersFooters: { defaultForAllPages: { leftFooter: string; centerFooter: string; rightFooter: string } };
  constructor(
    private readonly ctx: FakeContext,
    private readonly ref: Ref<FSheet>,
  ) {
    const footer = (side: "left" | "center" | "right") => (v: string) => this.set(`pageLayout.${side}Footer`, (p) => (p.footer = { ...p.footer, [side]: v }), v);
    const left = footer("left");
    const center = footer("center");
    const right = footer("right");
    this.headersFooters = {
      defaultForAllPages: {
        set leftFooter(v: string) {
          left(v);
        },
        set centerFooter(v: string) {
          center(v);
        },
        set rightFooter(v: string) {
          right(v);
        },
      } as { leftFooter: string; centerFooter: string; rightFooter: string },
    };
  }
  private set(label: string, f: (p: FPage) => void, v: unknown): void {
    this.ctx.enqueue(label, () => {
      const s = this.ref.get();
      f((s.page ??= {}));
    }, v);
  }
  set orientation(v: string) {
    this.set("pageLayout.orientation", (p) => (p.orientation = v), v);
  }
  set paperSize(v: string) {
    this.set("pageLayout.paperSize", (p) => (p.paperSize = v), v);
  }
  set zoom(v: FPage["zoom"]) {
    if (v && v.verticalFitToPages === 0) throw new Error("fake: verticalFitToPages 0 is not documented; leave it out for 'automatic'");
    this.set("pageLayout.zoom", (p) => (p.zoom = { ...v }), v);
  }
  set centerHorizontally(v: boolean) {
    this.set("pageLayout.centerHorizontally", (p) => (p.centerHorizontally = v), v);
  }
  setPrintMargins(unit: string, options: Record<string, number>): void {
    this.set("pageLayout.setPrintMargins", (p) => (p.margins = { unit, options: { ...options } }), [unit, options]);
  }
  setPrintTitleRows(rows: string): void {
    if (!/^\$\d+:\$\d+$/.test(rows)) throw new Error(`InvalidArgument: print title rows ${rows}`);
    this.set("pageLayout.setPrintTitleRows", (p) => (p.titleRows = rows), rows);
  }
}

class FChartProxy {
  readonly title: { text: string };
  readonly series: { getItemAt: (i: number) => FSeries; add: (name: string) => FSeries };
  constructor(
    private readonly ctx: FakeContext,
    private readonly chart: FChart,
    private readonly sheet?: Ref<FSheet>,
  ) {
    const c = chart;
    this.title = {
      set text(v: string) {
        ctx.enqueue("chart.title", () => void (c.title = v), v);
      },
    } as { text: string };
    this.series = {
      getItemAt: (i) => new FSeries(ctx, () => c.series[i]),
      add: (name) => {
        const s = { name };
        ctx.api("chart.series.add");
        ctx.enqueue("series.add", () => void c.series.push(s), name);
        return new FSeries(ctx, () => s);
      },
    };
  }
  setPosition(a: string, b: string): void {
    this.ctx.enqueue("chart.setPosition", () => void (this.chart.position = [a, b]), [a, b]);
  }
  set name(v: string) {
    this.ctx.api("chart.name");
    this.ctx.enqueue("chart.name", () => void (this.chart.name = v), v);
  }
  get name(): string {
    return this.chart.name ?? "";
  }
  delete(): void {
    this.ctx.api("chart.delete");
    this.ctx.enqueue("chart.delete", () => {
      const s = this.sheet?.get();
      if (!s || !s.charts.includes(this.chart)) throw new Error("ItemNotFound: chart");
      s.charts = s.charts.filter((c) => c !== this.chart);
    });
  }
}

class FSeries {
  constructor(
    private readonly ctx: FakeContext,
    private readonly s: () => FChart["series"][number],
  ) {}
  set name(v: string) {
    this.ctx.enqueue("series.name", () => void (this.s().name = v), v);
  }
  setValues(r: FRange): void {
    this.ctx.api("series.setValues");
    this.ctx.enqueue("series.setValues", () => {
      this.s().values = r.target();
    });
  }
  setXAxisValues(r: FRange): void {
    this.ctx.api("series.setXAxisValues");
    this.ctx.enqueue("series.setXAxisValues", () => {
      this.s().xValues = r.target();
    });
  }
}

// ------------------------------------------------------------------ ranges

export type Target = { sheet: FSheet; rect: Rect };

function eachCell(t: Target, f: (c: FCell, i: number, j: number) => void): void {
  for (let i = 0; i <= t.rect.bottom - t.rect.top; i++) for (let j = 0; j <= t.rect.right - t.rect.left; j++) f(t.sheet.touch(t.rect.top + i, t.rect.left + j), i, j);
}

/** Range format (also used for RangeAreas: it applies to every area). */
class FFormat {
  readonly font: { bold: boolean; italic: boolean; color: string; size: number };
  readonly fill: { color: string };
  readonly borders: { getItem: (edge: string) => { style: string; weight: string } };
  constructor(
    private readonly ctx: FakeContext,
    private readonly targets: () => Target[],
  ) {
    const set = (label: string, f: (c: FCell) => void, v: unknown) => ctx.enqueue(label, () => targets().forEach((t) => eachCell(t, f)), v);
    this.font = {
      set bold(v: boolean) {
        set("format.bold", (c) => (c.bold = v), v);
      },
      set italic(v: boolean) {
        set("format.italic", (c) => (c.italic = v), v);
      },
      set color(v: string) {
        set("format.fontColor", (c) => (c.fontColor = v), v);
      },
      set size(v: number) {
        set("format.fontSize", (c) => (c.fontSize = v), v);
      },
    } as { bold: boolean; italic: boolean; color: string; size: number };
    this.fill = {
      set color(v: string) {
        set("format.fill", (c) => (c.fill = v), v);
      },
    } as { color: string };
    this.borders = {
      getItem: (edge: string) =>
        ({
          set style(v: string) {
            if (edge !== "EdgeTop") throw new Error(`fake: border ${edge}`);
            // EdgeTop borders the top row of each area only.
            ctx.enqueue("format.border", () => targets().forEach((t) => eachCell(t, (c, i) => i === 0 && (c.borderTop = v === "Continuous"))), v);
          },
          set weight(_v: string) {
            ctx.enqueue("format.borderWeight", () => undefined, _v);
          },
        }) as { style: string; weight: string },
    };
  }
  set horizontalAlignment(v: string) {
    if (!["General", "Left", "Center", "Right", "Fill", "Justify", "CenterAcrossSelection", "Distributed"].includes(v)) throw new Error(`fake: horizontalAlignment ${v}`);
    this.ctx.enqueue("format.align", () => this.targets().forEach((t) => eachCell(t, (c) => (c.align = v))), v);
  }
  set verticalAlignment(v: string) {
    this.ctx.enqueue("format.verticalAlign", () => this.targets().forEach((t) => eachCell(t, (c) => (c.verticalAlign = v))), v);
  }
  set wrapText(v: boolean) {
    this.ctx.enqueue("format.wrapText", () => this.targets().forEach((t) => eachCell(t, (c) => (c.wrap = v))), v);
  }
  set rowHeight(v: number) {
    this.ctx.enqueue("format.rowHeight", () => this.targets().forEach((t) => {
      for (let r = t.rect.top; r <= t.rect.bottom; r++) t.sheet.heights.set(r, v);
    }), v);
  }
  set useStandardWidth(v: boolean) {
    if (!v) throw new Error("fake: useStandardWidth = false is not modelled");
    this.ctx.api("format.useStandardWidth");
    this.ctx.enqueue("format.useStandardWidth", () => this.targets().forEach((t) => {
      for (const c of [...t.sheet.widths.keys()]) if (c >= t.rect.left && c <= t.rect.right) t.sheet.widths.delete(c);
    }), v);
  }
  set useStandardHeight(v: boolean) {
    if (!v) throw new Error("fake: useStandardHeight = false is not modelled");
    this.ctx.api("format.useStandardHeight");
    this.ctx.enqueue("format.useStandardHeight", () => this.targets().forEach((t) => {
      for (const r of [...t.sheet.heights.keys()]) if (r >= t.rect.top && r <= t.rect.bottom) t.sheet.heights.delete(r);
    }), v);
  }
  set columnWidth(v: number) {
    this.ctx.enqueue("format.columnWidth", () => this.targets().forEach((t) => {
      for (let c = t.rect.left; c <= t.rect.right; c++) t.sheet.widths.set(c, v);
    }), v);
  }
}

class FRange extends Loaded {
  readonly format: FFormat;
  constructor(
    private readonly ctx: FakeContext,
    private readonly ref: Ref<Target | null>,
    private readonly label = "",
  ) {
    super();
    this.format = new FFormat(ctx, () => [this.target()]);
  }
  target(): Target {
    // A range handed to another batch's call (tables.add, copyFrom, setValues…) is refused there.
    if (responding && responding !== this.ctx) throw officeError("InvalidObjectPath", "a range from another Excel.run (request context) was used");
    const t = this.ref.get();
    if (!t) throw new Error("fake: null range used");
    return t;
  }
  private assign(label: string, v: unknown[][], f: (c: FCell, x: unknown) => void): void {
    this.ctx.enqueue(label, () => {
      const t = this.target();
      const h = t.rect.bottom - t.rect.top + 1;
      const w = t.rect.right - t.rect.left + 1;
      if (v.length !== h || v.some((r) => r.length !== w)) throw new Error(`InvalidArgument: ${label} is not ${h}x${w} for ${this.label}`);
      // Excel parses text that starts with = as a formula, from values as from formulas.
      if (label === "range.values" || label === "range.formulas") {
        v.forEach((r, i) => r.forEach((x, j) => {
          if (typeof x === "string" && x.startsWith("=")) checkFormula(x, this.ctx.model.formulaBook(t.sheet, t.rect.top + i, t.rect.left + j));
        }));
      }
      eachCell(t, (c, i, j) => {
        const x = v[i][j];
        if (x !== null) f(c, x); // null leaves the cell unchanged (Office.js rule)
      });
    }, v);
  }
  set values(v: unknown[][]) {
    this.assign("range.values", v, parseInput);
  }
  set formulas(v: unknown[][]) {
    this.assign("range.formulas", v, parseInput);
  }
  set numberFormat(v: unknown[][]) {
    this.assign("range.numberFormat", v, (c, x) => (c.numberFormat = String(x)));
  }
  /**
   * Range.clear() (ExcelApi 1.1): contents and formats of the cells; widths and heights stay. A
   * table whose every cell is cleared goes with them, as in Excel (Clear All over a whole table).
   */
  clear(applyTo = "All"): void {
    if (applyTo !== "All") throw new Error(`fake: clear(${applyTo}) is not modelled`);
    this.ctx.enqueue("range.clear", () => {
      const t = this.target();
      for (const [k] of [...t.sheet.cells]) {
        const [r, c] = k.split(",").map(Number);
        if (r >= t.rect.top && r <= t.rect.bottom && c >= t.rect.left && c <= t.rect.right) t.sheet.cells.delete(k);
      }
      const within = (x: Rect) => x.top >= t.rect.top && x.bottom <= t.rect.bottom && x.left >= t.rect.left && x.right <= t.rect.right;
      this.ctx.model.tables = this.ctx.model.tables.filter((x) => x.sheet !== t.sheet || !within(x.rect));
    });
  }
  /**
   * Range.copyFrom (ExcelApi 1.9), type All: the source's cells (values, formulas, number formats
   * and cell formats) replace the destination's, blanks included; the destination grows to the
   * source's size from its top-left cell. Formulas are copied as text, so the fake refuses a copy
   * to another position (Excel would shift their relative references).
   */
  copyFrom(source: string | FRange, copyType = "All", skipBlanks = false, transpose = false): void {
    this.ctx.api("range.copyFrom");
    if (copyType !== "All" || skipBlanks || transpose) throw new Error("fake: only copyFrom(source, All) is modelled");
    this.ctx.enqueue("range.copyFrom", () => {
      const dest = this.target();
      const src = typeof source === "string" ? resolveAddress(this.ctx.model, source) : source.target();
      if (src.rect.top !== dest.rect.top || src.rect.left !== dest.rect.left) throw new Error("fake: copyFrom to another position is not modelled");
      const rect = src.rect;
      for (const [k] of [...dest.sheet.cells]) {
        const [r, c] = k.split(",").map(Number);
        if (r >= rect.top && r <= rect.bottom && c >= rect.left && c <= rect.right) dest.sheet.cells.delete(k);
      }
      for (const [k, cell] of src.sheet.cells) {
        const [r, c] = k.split(",").map(Number);
        if (r >= rect.top && r <= rect.bottom && c >= rect.left && c <= rect.right) dest.sheet.cells.set(k, JSON.parse(JSON.stringify(cell)) as FCell);
      }
    }, typeof source === "string" ? source : "range");
  }
  set columnHidden(v: boolean) {
    this.ctx.enqueue("range.columnHidden", () => {
      const t = this.target();
      for (let c = t.rect.left; c <= t.rect.right; c++) {
        if (v) t.sheet.hidden.add(c);
        else t.sheet.hidden.delete(c);
      }
    }, v);
  }
  get isNullObject(): boolean {
    return this.read("isNullObject");
  }
  get address(): string {
    return this.read("address");
  }
  get values(): unknown[][] {
    return this.read("values");
  }
  get formulas(): unknown[][] {
    return this.read("formulas");
  }
  get valueTypes(): string[][] {
    return this.read("valueTypes");
  }
  get numberFormat(): unknown[][] {
    return this.read("numberFormat");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  load(props: string): this {
    this.ctx.enqueue("range.load", () => {
      const t = this.ref.get();
      this.put("isNullObject", t === null);
      if (!t) return;
      const grid = <T>(f: (c: FCell | undefined) => T): T[][] => {
        const out: T[][] = [];
        for (let r = t.rect.top; r <= t.rect.bottom; r++) {
          const row: T[] = [];
          for (let c = t.rect.left; c <= t.rect.right; c++) row.push(f(t.sheet.cell(r, c)));
          out.push(row);
        }
        return out;
      };
      const model = this.ctx.model;
      const shown = (c?: FCell) => {
        const v = c ? valueOf(model, c) : null;
        return v === null || v === undefined ? "" : typeof v === "object" ? v.error : v;
      };
      const cellProps = props.split(",").map((x) => x.trim()).filter((p) => p !== "address" && p !== "rowCount" && p !== "columnCount");
      if (cellProps.length > 0) this.ctx.fake.reads.push({ sheet: t.sheet.name, rect: { ...t.rect }, props: cellProps });
      for (const p of props.split(",").map((x) => x.trim())) {
        if (p === "address") this.put(p, addrOf(t.sheet, t.rect));
        else if (p === "rowCount") this.put(p, t.rect.bottom - t.rect.top + 1);
        else if (p === "columnCount") this.put(p, t.rect.right - t.rect.left + 1);
        else if (p === "values") this.put(p, grid(shown));
        else if (p === "formulas") this.put(p, grid((c) => c?.formula ?? shown(c)));
        else if (p === "numberFormat") this.put(p, grid((c) => c?.numberFormat ?? "General"));
        else if (p === "valueTypes")
          this.put(p, grid((c) => {
            const v = c ? valueOf(model, c) : null;
            return v === null || v === undefined ? "Empty" : typeof v === "object" ? "Error" : typeof v === "string" ? "String" : typeof v === "boolean" ? "Boolean" : "Double";
          }));
        else throw new Error(`fake: cannot load range.${p}`);
      }
    });
    return this;
  }
}

class FRangeAreas {
  readonly format: FFormat;
  constructor(ctx: FakeContext, sheet: Ref<FSheet>, address: string) {
    const targets = address.split(",").map((a) => {
      const rect = parseRect(a.trim());
      if (!rect) throw new Error(`InvalidArgument: ${a}`);
      return rect;
    });
    ctx.enqueue("worksheet.getRanges", () => undefined, address);
    this.format = new FFormat(ctx, () => targets.map((rect) => ({ sheet: sheet.get(), rect })));
  }
}

// ------------------------------------------------------------------ tables and names

class FTables extends Loaded {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: Ref<FSheet> | null,
  ) {
    super();
  }
  get items(): FTableProxy[] {
    return this.read("items");
  }
  load(props: string): this {
    this.ctx.enqueue("tables.load", () => {
      const items = this.ctx.model.tables.filter((t) => !this.sheet || t.sheet === this.sheet.get()).map((t) => new FTableProxy(this.ctx, new Ref(() => t)));
      for (const it of items) it.snap(props);
      this.put("items", items);
    });
    return this;
  }
  /** TableCollection.getItem (ExcelApi 1.1): ItemNotFound at the sync when there is no such table. */
  getItem(name: string): FTableProxy {
    return new FTableProxy(this.ctx, new Ref(() => {
      const t = this.ctx.model.tables.find((x) => x.name.toLowerCase() === name.toLowerCase() && (!this.sheet || x.sheet === this.sheet.get()));
      if (!t) throw officeError("ItemNotFound", `table ${name}`);
      return t;
    }));
  }
  add(source: string | FRange, _hasHeaders: boolean): FTableProxy {
    const address = typeof source === "string" ? source : "";
    const ref = new Ref<FTable>(() => {
      const given = typeof source === "string" ? null : source.target();
      const { sheet: sheetName } = splitSheet(address);
      // A string without a sheet would mean the active sheet in Excel: the fake refuses it.
      const sheet = given ? given.sheet : sheetName ? this.ctx.model.sheet(sheetName) : undefined;
      const rect = given ? given.rect : parseRect(address);
      if (!sheet || !rect) throw new Error(`InvalidArgument: ${address}`);
      if (this.ctx.model.tables.some((t) => t.sheet === sheet && t.rect.left <= rect.right && rect.left <= t.rect.right && t.rect.top <= rect.bottom && rect.top <= t.rect.bottom)) {
        throw new Error("InvalidOperation: tables overlap");
      }
      // Excel gives a new table the first free TableN.
      let n = this.ctx.model.tables.length + 1;
      while (tableNameProblem(`Table${n}`, this.ctx.model.nameSpace())) n++;
      const t: FTable = { name: `Table${n}`, sheet, rect: { ...rect, bottom: Math.max(rect.bottom, rect.top + 1) } };
      this.ctx.model.tables.push(t);
      return t;
    });
    this.ctx.enqueue("tables.add", () => ref.get(), address);
    return new FTableProxy(this.ctx, ref);
  }
}

class FTableProxy extends Loaded {
  constructor(
    private readonly ctx: FakeContext,
    private readonly ref: Ref<FTable>,
  ) {
    super();
  }
  snap(props: string): void {
    for (const p of props.split(",").map((x) => x.trim().replace(/^items\//, ""))) {
      if (p === "name") this.put("name", this.ref.get().name);
      else if (p === "showTotals") this.put("showTotals", !!this.ref.get().showTotals);
      else throw new Error(`fake: cannot load table.${p}`);
    }
  }
  load(props: string): this {
    this.ctx.enqueue("table.load", () => this.snap(props));
    return this;
  }
  get showTotals(): boolean {
    return this.read("showTotals");
  }
  get name(): string {
    return this.read("name");
  }
  /**
   * Table.columns.add (ExcelApi 1.1; a null index appends, 1.4; `name` 1.4). As in Excel it
   * inserts cells: what lies right of the table in its rows moves one column right (refused when
   * that would move part of another table). `values` holds the header, then one row per body row.
   */
  get columns(): { add: (index?: number | null, values?: unknown[][], name?: string) => { getDataBodyRange: () => FRange } } {
    return {
      add: (index, values, name) => {
        this.ctx.api(index === null || index === undefined || index === -1 ? "tableColumns.add(append)" : "tableColumns.add");
        if (name !== undefined) this.ctx.api("tableColumns.add(name)");
        this.ctx.enqueue("table.columns.add", () => {
          const t = this.ref.get();
          if (index !== null && index !== undefined && index !== -1) throw new Error("fake: only appending a column is modelled");
          const h = t.rect.bottom - t.rect.top + 1;
          if (values && (values.length !== h || values.some((r) => r.length !== 1))) throw new Error(`InvalidArgument: columns.add values are not ${h}x1`);
          const band: Rect = { top: t.rect.top, bottom: t.rect.bottom, left: t.rect.right + 1, right: MAX_COL };
          shiftCells(this.ctx.model, t, band, 0, 1);
          t.rect = { ...t.rect, right: t.rect.right + 1 };
          for (let i = 0; i < h; i++) {
            const c = t.sheet.touch(t.rect.top + i, t.rect.right);
            parseInput(c, values ? values[i][0] : i === 0 ? (name ?? `Column${t.rect.right - t.rect.left + 1}`) : null);
          }
        }, values);
        return { getDataBodyRange: () => new FRange(this.ctx, new Ref(() => ({ sheet: this.ref.get().sheet, rect: { ...this.ref.get().rect, top: this.ref.get().rect.top + 1, left: this.ref.get().rect.right } }))) };
      },
    };
  }
  /**
   * Table.rows.add (ExcelApi 1.1; several rows 1.4; `alwaysInsert` 1.15). As in Excel it inserts
   * cells: what lies below the table in its columns moves down (refused when that would move part
   * of another table).
   */
  get rows(): { add: (index?: number | null, values?: unknown[][], alwaysInsert?: boolean) => void } {
    return {
      add: (index, values, alwaysInsert) => {
        this.ctx.api("tableRows.add");
        if (values && values.length > 1) this.ctx.api("tableRows.add(several)");
        if (alwaysInsert !== undefined) this.ctx.api("tableRows.add(alwaysInsert)");
        this.ctx.enqueue("table.rows.add", () => {
          const t = this.ref.get();
          if (index !== null && index !== undefined && index !== -1) throw new Error("fake: only appending rows is modelled");
          if (t.showTotals) throw new Error("fake: a table with a totals row is not modelled");
          const w = t.rect.right - t.rect.left + 1;
          const n = values?.length ?? 1;
          if (values && values.some((r) => r.length !== w)) throw new Error(`InvalidArgument: rows.add values are not ${n}x${w}`);
          shiftCells(this.ctx.model, t, { top: t.rect.bottom + 1, bottom: MAX_ROW, left: t.rect.left, right: t.rect.right }, n, 0);
          t.rect = { ...t.rect, bottom: t.rect.bottom + n };
          for (let i = 0; i < n; i++) for (let j = 0; j < w; j++) parseInput(t.sheet.touch(t.rect.bottom - n + 1 + i, t.rect.left + j), values ? values[i][j] : null);
        }, values);
      },
    };
  }
  set name(v: string) {
    this.ctx.enqueue("table.name", () => {
      const problem = tableNameProblem(v, this.ctx.model.nameSpace(), this.ref.get().name);
      if (problem) throw new Error(problem);
      this.ref.get().name = v;
    }, v);
  }
  set style(v: string) {
    this.ctx.enqueue("table.style", () => void (this.ref.get().style = v), v);
  }
  get worksheet(): FWorksheet {
    return new FWorksheet(this.ctx, new Ref(() => this.ref.get().sheet));
  }
  private part(f: (t: FTable) => Rect): FRange {
    return new FRange(this.ctx, new Ref(() => ({ sheet: this.ref.get().sheet, rect: f(this.ref.get()) })));
  }
  getHeaderRowRange(): FRange {
    return this.part((t) => ({ ...t.rect, bottom: t.rect.top }));
  }
  getDataBodyRange(): FRange {
    return this.part((t) => ({ ...t.rect, top: t.rect.top + 1 }));
  }
  getRange(): FRange {
    return this.part((t) => t.rect);
  }
}

class FNamedItem extends Loaded {
  constructor(
    private readonly ctx: FakeContext,
    private readonly n: FName,
  ) {
    super();
  }
  snap(props: string): void {
    for (const p of props.split(",").map((x) => x.trim().replace(/^items\//, ""))) {
      if (p === "name") this.put(p, this.n.name);
      else if (p === "type") this.put(p, this.n.constant !== undefined ? "String" : this.n.sheet ? "Range" : "Error");
      else if (p === "value") this.put(p, this.n.constant ?? (this.n.sheet ? `${q(this.n.sheet.name)}!${this.n.address}` : "#REF!"));
      else if (p === "formula")
        this.put(p, this.n.formula ?? (this.n.constant !== undefined ? `="${this.n.constant.replace(/"/g, '""')}"` : this.n.sheet ? `=${q(this.n.sheet.name)}!${this.n.address}` : "=#REF!"));
      else throw new Error(`fake: cannot load name.${p}`);
    }
  }
  get name(): string {
    return this.read("name");
  }
  get type(): string {
    return this.read("type");
  }
  get value(): unknown {
    return this.read("value");
  }
  get formula(): string {
    return this.read("formula");
  }
}

class FNames extends Loaded {
  constructor(private readonly ctx: FakeContext) {
    super();
  }
  get items(): FNamedItem[] {
    return this.read("items");
  }
  load(props: string): this {
    this.ctx.enqueue("names.load", () => {
      const items = this.ctx.model.names.map((n) => new FNamedItem(this.ctx, n));
      items.forEach((i) => i.snap(props));
      this.put("items", items);
    });
    return this;
  }
  getItem(name: string): { delete: () => void; formula: string; visible: boolean } {
    const ctx = this.ctx;
    const find = () => {
      const n = ctx.model.names.find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (!n) throw new Error(`ItemNotFound: name ${name}`);
      return n;
    };
    return {
      delete: () =>
        ctx.enqueue("names.delete", () => {
          const m = ctx.model;
          m.names.splice(m.names.indexOf(find()), 1);
        }, name),
      // NamedItem.formula is settable from ExcelApi 1.7: the name moves, users' formulas keep it.
      set formula(f: string) {
        ctx.api("namedItem.formula");
        ctx.enqueue("name.formula", () => {
          const n = find();
          const text = textConstant(f);
          if (text !== null) {
            Object.assign(n, { sheet: null, address: "", constant: text });
            return;
          }
          const t = resolveAddress(ctx.model, f.replace(/^=/, ""));
          n.sheet = t.sheet;
          n.address = `$${colLetter(t.rect.left)}$${t.rect.top + 1}`;
          delete n.constant;
        }, f);
      },
      set visible(v: boolean) {
        ctx.enqueue("name.visible", () => void (find().hidden = !v || undefined), v);
      },
    } as { delete: () => void; formula: string; visible: boolean };
  }
  /** NamedItemCollection.add: a range, an address (`=Sheet!A1`) or a text constant (`="…"`). */
  add(name: string, reference: FRange | string, comment?: string): { visible: boolean } {
    let added: FName | undefined;
    this.ctx.enqueue("names.add", () => {
      const m = this.ctx.model;
      const problem = definedNameProblem(name, m.nameSpace());
      if (problem) throw new Error(problem);
      const text = typeof reference === "string" ? textConstant(reference) : null;
      if (text !== null) {
        m.names.push((added = { name, sheet: null, address: "", constant: text, comment }));
        return;
      }
      const t = typeof reference === "string" ? resolveAddress(m, reference.replace(/^=/, "")) : reference.target();
      m.names.push((added = { name, sheet: t.sheet, address: `$${colLetter(t.rect.left)}$${t.rect.top + 1}`, comment }));
    }, [name, comment]);
    const ctx = this.ctx;
    return {
      set visible(v: boolean) {
        ctx.enqueue("name.visible", () => {
          if (!added) throw new Error("ItemNotFound: name");
          added.hidden = !v || undefined;
        }, v);
      },
    } as { visible: boolean };
  }
}

/**
 * Moves the cells of `band` on t's sheet by (down, right), as Excel's insert does; another table
 * only partly in the band is refused (Excel: "would move cells in a table"), one wholly in it moves.
 */
function shiftCells(m: FakeModel, t: FTable, band: Rect, down: number, right: number): void {
  const inBand = (r: Rect) => r.top >= band.top && r.bottom <= band.bottom && r.left >= band.left && r.right <= band.right;
  const touches = (r: Rect) => r.left <= band.right && band.left <= r.right && r.top <= band.bottom && band.top <= r.bottom;
  const moved = m.tables.filter((x) => x !== t && x.sheet === t.sheet && touches(x.rect));
  if (moved.some((x) => !inBand(x.rect))) throw officeError("InvalidOperation", "This operation is not allowed. It is attempting to shift cells in a table on your worksheet.");
  const entries = [...t.sheet.cells].filter(([k]) => {
    const [r, c] = k.split(",").map(Number);
    return r >= band.top && r <= band.bottom && c >= band.left && c <= band.right;
  });
  for (const [k] of entries) t.sheet.cells.delete(k);
  for (const [k, cell] of entries) {
    const [r, c] = k.split(",").map(Number);
    t.sheet.cells.set(`${r + down},${c + right}`, cell);
  }
  for (const x of moved) x.rect = { top: x.rect.top + down, bottom: x.rect.bottom + down, left: x.rect.left + right, right: x.rect.right + right };
}

// ------------------------------------------------------------------ sizes, charts and links (issue 7)

/** The context whose sync is running: loaded values count towards its response. */
let responding: FakeContext | null = null;

/** An error as Office.js throws it: `code` is what callers test (OfficeExtension.Error). */
function officeError(code: string, message: string): Error & { code: string } {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/** One load of a range's cells, as the fake saw it. */
export interface RangeRead {
  sheet: string;
  rect: Rect;
  props: string[];
}

const MAX_ROW = 1048575;
const MAX_COL = 16383;

/** True when the reads touched any cell of `rect` on `sheet`. */
export function readsTouch(reads: readonly RangeRead[], sheet: string, rect: Rect): boolean {
  return reads.some((r) => r.sheet.toLowerCase() === sheet.toLowerCase() && r.rect.left <= rect.right && rect.left <= r.rect.right && r.rect.top <= rect.bottom && rect.top <= r.rect.bottom);
}

/** worksheet.charts: add (ExcelApi 1.1), load items/name, getItem(name). */
class FCharts extends Loaded {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: Ref<FSheet>,
    readonly add: (type: string, source: FRange, seriesBy?: string) => FChartProxy,
  ) {
    super();
  }
  get items(): FChartItem[] {
    return this.read("items");
  }
  load(props: string): this {
    this.ctx.enqueue("charts.load", () => {
      const items = this.sheet.get().charts.map((c) => new FChartItem(this.ctx, this.sheet, c));
      for (const it of items) it.snap(props);
      this.put("items", items);
    });
    return this;
  }
  getItem(name: string): FChartProxy {
    const sheet = this.sheet;
    const ctx = this.ctx;
    let found: FChart | undefined;
    ctx.enqueue("charts.getItem", () => {
      found = sheet.get().charts.find((c) => (c.name ?? "").toLowerCase() === name.toLowerCase());
      if (!found) throw new Error(`ItemNotFound: chart ${name}`);
    }, name);
    // The proxy's chart is resolved when the queue reaches it.
    const proxy = new FChartProxy(ctx, { type: "", series: [] }, sheet);
    Object.defineProperty(proxy, "chart", { get: () => found });
    return proxy;
  }
}

class FChartItem extends Loaded {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: Ref<FSheet>,
    private readonly chart: FChart,
  ) {
    super();
  }
  snap(props: string): void {
    for (const p of props.split(",").map((x) => x.trim().replace(/^items\//, ""))) {
      if (p === "name") this.put(p, this.chart.name ?? "");
      else throw new Error(`fake: cannot load chart.${p}`);
    }
  }
  get name(): string {
    return this.read("name");
  }
  delete(): void {
    new FChartProxy(this.ctx, this.chart, this.sheet).delete();
  }
}

const refPattern = (name: string) => {
  const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![A-Za-z0-9_.'\\]])(?:'${esc(name.replace(/'/g, "''"))}'|${esc(name)})!`, "gi");
};

/** A sheet was deleted: every reference to it elsewhere becomes #REF!, as in Excel. */
function breakRefs(m: FakeModel, gone: FSheet): void {
  const re = refPattern(gone.name);
  for (const s of m.sheets) {
    for (const c of s.cells.values()) if (c.formula) c.formula = c.formula.replace(re, "#REF!");
    for (const ch of s.charts) {
      for (const x of ch.series) {
        if (x.values?.sheet === gone || x.xValues?.sheet === gone) x.refError = true;
      }
    }
  }
}

/** A sheet was renamed: references to it follow, as in Excel. */
function renameRefs(m: FakeModel, from: string, to: string): void {
  if (from === to) return;
  const re = refPattern(from);
  for (const s of m.sheets) for (const c of s.cells.values()) if (c.formula) c.formula = c.formula.replace(re, `${q(to)}!`);
}

/** `Sheet!A1:B2` or `'My sheet'!$A$1` to its sheet and rectangle. */
function resolveAddress(m: FakeModel, address: string): Target {
  const { sheet, range } = splitSheet(address.trim());
  const s = sheet === null ? undefined : m.sheet(sheet);
  const rect = parseRect(range);
  if (!s || !rect) throw new Error(`InvalidArgument: reference ${address}`);
  return { sheet: s, rect };
}

/**
 * What a cell shows. The fake calculates nothing, except a formula that is one reference
 * (`=Sheet!A1`, `=#REF!A1`, `=NAME`): that shows the cell it points at, so a link can be seen
 * to work (or to break) through values.
 */
function valueOf(m: FakeModel, c: FCell, depth = 0): FCell["value"] {
  const f = c.formula?.slice(1).trim();
  if (!f || depth > 5) return c.value;
  if (/^#REF!/i.test(f)) return { error: "#REF!" };
  const cellAt = (t: Target) => t.sheet.cell(t.rect.top, t.rect.left);
  if (/^('([^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!\$?[A-Za-z]{1,3}\$?\d+$/.test(f)) {
    const { sheet } = splitSheet(f);
    if (sheet === null || !m.sheet(sheet)) return { error: "#REF!" };
    const target = cellAt(resolveAddress(m, f));
    return target ? valueOf(m, target, depth + 1) : null;
  }
  if (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(f) && !/^(TRUE|FALSE)$/i.test(f)) {
    const n = m.names.find((x) => x.name.toLowerCase() === f.toLowerCase());
    if (!n) return { error: "#NAME?" };
    if (!n.sheet) return { error: "#REF!" };
    const rect = parseRect(n.address);
    const target = rect ? n.sheet.cell(rect.top, rect.left) : undefined;
    return target ? valueOf(m, target, depth + 1) : null;
  }
  return c.value;
}

/** True when a cell carries formatting of its own (what makes it "used" to Excel without valuesOnly). */
function isFormatted(c: FCell): boolean {
  return Object.entries(c).some(([k, v]) => k !== "value" && k !== "formula" && v !== undefined && !(k === "numberFormat" && v === "General"));
}
