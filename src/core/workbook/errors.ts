/**
 * Errors of a workbook write that a UI must tell apart carry a `code`; the task pane branches on
 * it, never on the message text (which is translated and may be reworded). The codes are the
 * keys of the refusal and validation catalogues (./messages), plus the adapters' own failures.
 */
import type { Locale } from "../i18n";
import { PLAN_ERRORS, WRITE_REFUSALS } from "./messages";

export type WorkbookErrorCode =
  | keyof typeof WRITE_REFUSALS
  | keyof typeof PLAN_ERRORS
  /** A write that failed on the host's side (a lost connection, a refused batch) or could not read first. */
  | "writeFailed"
  /**
   * What a failed rebuild in Excel left (src/excel/swap.ts's header has the states): `unchanged`,
   * the generated sheets are as before; `finished`, the recovery completed the new state;
   * `unfinished`, a rebuild is half-done and the next Build finishes it; `unknown`, the workbook
   * could not be read after the failure; `pending`, refused because an unfinished rebuild of a
   * sheet this write does not plan is in the workbook.
   */
  | "unchanged"
  | "finished"
  | "unfinished"
  | "unknown"
  | "pending";

/** Refusals about where a new table goes: another place may do (the pane's Scenarier table tries one). */
const PLACE_REFUSALS: readonly WorkbookErrorCode[] = ["tableAreaInUse", "tableOnGeneratedSheet"];

/** A refused or failed write, in both languages, with the code a UI branches on. */
export class WorkbookError extends Error {
  constructor(
    readonly code: WorkbookErrorCode,
    readonly texts: Record<Locale, string>,
    readonly cause?: unknown,
  ) {
    super(texts["en-US"]);
    this.name = "WorkbookError";
  }
}

const CATALOGUE = { ...WRITE_REFUSALS, ...PLAN_ERRORS };
type Catalogue = typeof CATALOGUE;
type ParamsOf<M> = M extends Record<Locale, (params: infer P) => string> ? P : never;

/** The error `code` with its catalogue's text in both languages. */
export function workbookError<K extends keyof Catalogue>(code: K, params: ParamsOf<Catalogue[K]>, cause?: unknown): WorkbookError {
  const msg = CATALOGUE[code] as Record<Locale, (p: ParamsOf<Catalogue[K]>) => string>;
  return new WorkbookError(code, { "nb-NO": msg["nb-NO"](params), "en-US": msg["en-US"](params) }, cause);
}

/** True for an error (of any adapter) refusing a new table's place, with nothing written. */
export function isPlaceRefusal(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return PLACE_REFUSALS.includes(code as WorkbookErrorCode);
}
