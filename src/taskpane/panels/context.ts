/**
 * What every panel of the task pane shares, handed to each by app.ts: the host, the language
 * and its texts, the last read of the workbook (tables and the build over them), buttons that
 * run one operation at a time, the live region, and the hooks by which one panel keeps the
 * others in step (re-read everything, re-render everything, show findings on the Check panel).
 */
import type { BuildResult, Finding } from "../../core/engine";
import type { Locale } from "../../core/i18n";
import type { TableData } from "../../core/workbook/types";
import type { TaskpaneHost } from "../host";
import type { Messages } from "../messages";

/** The last read of the workbook; every panel renders from it. */
export interface PaneState {
  tables: TableData[];
  current: BuildResult | null;
}

export interface PaneContext {
  host: TaskpaneHost;
  locale: Locale;
  m: Messages;
  state: PaneState;
  /** A button whose action runs exclusively (every action button is disabled meanwhile). */
  button(label: string, onClick: () => Promise<void>, primary?: boolean): HTMLButtonElement;
  /** Says a short text through the visually hidden live region. */
  announce(text: string): void;
  /** An error as text in the user's language. */
  errorText(e: unknown): string;
  /** Reads the tables again, builds, and renders every panel. */
  refresh(): Promise<void>;
  /** Renders every panel from `state`. */
  renderAll(): void;
  /** Shows findings on the Check panel (a build refused for input errors lists them there). */
  showFindings(findings: readonly Finding[]): void;
  /** Inserts the example tables (never over the user's), with the invented ledger when `followUp`, saying the outcome in `bar`. */
  insertExample(bar: HTMLElement, followUp: boolean): Promise<void>;
}

/** A panel: its content (cards) and how it renders the shared state. */
export interface Panel {
  content: HTMLElement[];
  render(): void;
}
