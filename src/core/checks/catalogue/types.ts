/** The shape of a catalogue entry (its own file so the catalogue's parts and its index share it without a cycle). */
import type { Locale } from "../../i18n";
import type { CellValue } from "../../workbook/types";

export type Severity = "error" | "warning";

/** Parameters a message template may use; which ones a check sets is documented on the check. */
export interface CheckParams {
  /** The offending cell's value. */
  value?: CellValue;
  /** A name: table, column, municipality, parameter or sheet. */
  name?: string;
  year?: string;
  /** Two amounts compared (e.g. costs and financing). */
  a?: number;
  b?: number;
  /** A list of names or years, already joined. */
  list?: string;
  /** A count (e.g. more cells of the same kind). */
  count?: number;
  /** First table row where a duplicate was seen (1-based). */
  firstRow?: number;
  /** The formula found in a generated cell, when it is not the planned one (then `expected` is the planned formula). */
  formula?: string;
  /** What a generated cell should show. */
  expected?: CellValue;
}

type Template = (p: CheckParams, locale: Locale) => string;

export interface CheckDef {
  id: string;
  severity: Severity;
  /**
   * true: the inputs cannot be turned into a model, so nothing is planned. Consistency errors
   * (e.g. costs ≠ financing) are not blocking: the sheets are built and show the difference.
   */
  blocking: boolean;
  /** One line on what the check is about (task pane list, docs). */
  title: Record<Locale, string>;
  message: Record<Locale, Template>;
}

