/** A stand-in for the globals the custom functions use at call time (CustomFunctions, Office). */

export class FakeExcelError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

const FAKE_ERROR_CODES = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

type Globals = { CustomFunctions?: unknown; Office?: unknown };

/** Installs CustomFunctions (Error, ErrorCode) on globalThis; `associate` records into `registry`. */
export function installCustomFunctions(registry: Record<string, unknown> = {}): void {
  (globalThis as Globals).CustomFunctions = {
    associate: (id: string, fn: unknown) => {
      registry[id] = fn;
    },
    Error: FakeExcelError,
    ErrorCode: FAKE_ERROR_CODES,
  };
}

/** Sets Office.context.displayLanguage, or removes Office when `language` is undefined. */
export function setDisplayLanguage(language: string | undefined): void {
  if (language === undefined) delete (globalThis as Globals).Office;
  else (globalThis as Globals).Office = { context: { displayLanguage: language } };
}

/** Runs `fn`, expecting it to throw a FakeExcelError; returns code and message. */
export function excelErrorOf(fn: () => unknown): { code: string; message: string | undefined } {
  let caught: unknown = undefined;
  let threw = false;
  try {
    fn();
  } catch (e) {
    caught = e;
    threw = true;
  }
  if (caught instanceof FakeExcelError) return { code: caught.code, message: caught.message };
  throw new Error(threw ? `expected a CustomFunctions.Error, got ${String(caught)}` : "expected a CustomFunctions.Error, but the call returned");
}
