/**
 * Input errors of the custom functions as plain data (Excel code + localized message), so the
 * validation can be unit-tested without the Office runtime; `toExcelError` turns one into a
 * CustomFunctions.Error at call time.
 */

export type ExcelErrorCode = "#VALUE!" | "#NUM!" | "#DIV/0!" | "#N/A";

export class FunctionInputError extends Error {
  constructor(
    readonly code: ExcelErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "FunctionInputError";
  }
}

/** Excel shows the message only with #VALUE! and #N/A; we pass it for every code so logs and tests have it. */
export function toExcelError(e: FunctionInputError): CustomFunctions.Error {
  const codes: Record<ExcelErrorCode, CustomFunctions.ErrorCode> = {
    "#VALUE!": CustomFunctions.ErrorCode.invalidValue,
    "#NUM!": CustomFunctions.ErrorCode.invalidNumber,
    "#DIV/0!": CustomFunctions.ErrorCode.divisionByZero,
    "#N/A": CustomFunctions.ErrorCode.notAvailable,
  };
  return new CustomFunctions.Error(codes[e.code], e.message);
}
