/**
 * Selects a cell in Excel from an A1 address with sheet (`'Kommunebidrag'!E5`), so the task
 * pane can take the user to a finding. Kept apart from the workbook adapter: it needs no state.
 */

/** Splits `'Sheet name'!A1` or `Sheet!A1:B2` into sheet and range; quotes inside are doubled in A1 text. */
export function splitAddress(address: string): { sheet: string | null; range: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { sheet: null, range: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'") && sheet.length >= 2) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, range: address.slice(bang + 1) };
}

/** Selects the address in the open workbook; without a sheet, on the active sheet. */
export async function selectAddress(address: string): Promise<void> {
  const { sheet, range } = splitAddress(address);
  await Excel.run(async (context) => {
    const ws = sheet === null ? context.workbook.worksheets.getActiveWorksheet() : context.workbook.worksheets.getItem(sheet);
    // Activate first: selecting a range on a hidden-behind sheet does not switch to it everywhere.
    ws.activate();
    ws.getRange(range).select();
    await context.sync();
  });
}
