/**
 * The package adapter: a WorkbookPort over an opened .xlsx/.xlsm package (./package), for
 * `kbr build` and `kbr check`. It reads only what the engine needs, the input tables and the
 * generated sheets (./read), and writes only what the build owns (./write/writePlans); every
 * other part of the user's file is carried through as the bytes it was read as.
 *
 * A new workbook (`kbr build` without --input) starts as a package holding the input tables
 * (./write/newWorkbook); the generated sheets then go in the same way as into a user's. So this
 * package writer is the only writer of files.
 */
import type {
  SheetData,
  SheetPlan,
  SheetStatus,
  TableData,
  UpdatePlanner,
  WorkbookPort,
  WorkbookSnapshot,
  WriteRequest,
} from "../core/workbook/types";
import { TABLES } from "../core/model/read";
import { FOLLOWUP_TABLES } from "../core/followup";
import { readAllInSteps, updateInSteps } from "../core/workbook/update";
import type { Package } from "./package/types";
import { LocalizedError, XLSX_MESSAGES } from "./messages";
import { both } from "../core/i18n";
import { openWorkbookFile, readSheetCells, readTables, workbookInfo } from "./read";
import type { WorkbookInfo } from "./read";
import { statusOf, workbookPart, writePlans } from "./write/writePlans";
import { WorkbookXml } from "./write/workbookXml";
import { newWorkbookPackage } from "./write/newWorkbook";

/** The tables the engine reads (the budget's and the follow-up's): nothing else of the workbook is unpacked. */
export const INPUT_TABLE_NAMES: readonly string[] = [...Object.values(TABLES), ...Object.values(FOLLOWUP_TABLES)].map((t) => t.name);

export class PackageWorkbook implements WorkbookPort {
  /** What the reader found; dropped after a write (the workbook part changed). */
  private info: WorkbookInfo | null;

  constructor(
    readonly pkg: Package,
    info?: WorkbookInfo,
  ) {
    this.info = info ?? null;
  }

  /** Opens a workbook file; every refusal (folder, not a workbook, too large) is a LocalizedError, exit 2. */
  static async open(file: string): Promise<PackageWorkbook> {
    const { pkg, info } = await openWorkbookFile(file);
    return new PackageWorkbook(pkg, info);
  }

  /** A new workbook holding `tables` (the input tables, each an Excel table on its sheet). */
  static async create(tables: readonly TableData[], file = "kbr-budsjett.xlsx"): Promise<PackageWorkbook> {
    return new PackageWorkbook(newWorkbookPackage(tables, file));
  }

  private async current(): Promise<WorkbookInfo> {
    if (!this.info) this.info = await workbookInfo(this.pkg);
    return this.info;
  }

  async readTables(): Promise<TableData[]> {
    return readTables(this.pkg, await this.current(), INPUT_TABLE_NAMES);
  }

  async readSheets(names: readonly string[]): Promise<SheetData[]> {
    return readSheetCells(this.pkg, await this.current(), names);
  }

  async sheetStatus(names: readonly string[]): Promise<Record<string, SheetStatus>> {
    const wb = new WorkbookXml(await this.pkg.readText(await workbookPart(this.pkg)));
    return statusOf(wb, names);
  }

  async update<R extends WriteRequest | null>(names: readonly string[], planner: UpdatePlanner<R>): Promise<R> {
    return updateInSteps(this, names, planner);
  }

  async readAll(names: readonly string[]): Promise<WorkbookSnapshot> {
    return readAllInSteps(this, names);
  }

  /**
   * Replaces or adds the generated sheets. Input tables are written only into a new workbook
   * (`create`): the build never adds tables to a user's file.
   */
  async write(plans: readonly SheetPlan[], inputTables: readonly TableData[] = []): Promise<void> {
    if (inputTables.length > 0) throw new Error("PackageWorkbook.write: input tables go in through PackageWorkbook.create");
    try {
      await writePlans(this.pkg, plans);
    } catch (e) {
      // The text edits refuse what they do not recognise: say so in the user's language.
      if (e instanceof LocalizedError) throw e;
      throw new LocalizedError(both(XLSX_MESSAGES.cannotEdit, { file: this.pkg.file }), 2, e);
    }
    this.info = null;
  }

  /** True when the workbook part is macro-enabled (an .xlsm): the file must keep that extension. */
  async isMacroEnabled(): Promise<boolean> {
    return /macroEnabled/i.test(this.pkg.contentType(await workbookPart(this.pkg)) ?? "");
  }

  /** The file's bytes: changed parts written anew, every other part copied as it was stored. */
  async toBytes(): Promise<Uint8Array> {
    return this.pkg.save();
  }
}
