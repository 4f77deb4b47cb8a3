/**
 * Selects a cell in Excel from an A1 address with sheet (`'Kommunebidrag'!E5`), so the task
 * pane can take the user to a finding. Kept apart from the workbook adapter: it needs no state.
 */
import { splitSheet } from "../core/a1";

/** Selects the address in the open workbook; without a sheet, on the active sheet. */
export async function selectAddress(address: string): Promise<void> {
  const { sheet, range } = splitSheet(address);
  await Excel.run(async (context) => {
    const ws = sheet === null ? context.workbook.worksheets.getActiveWorksheet() : context.workbook.worksheets.getItem(sheet);
    // Activate first: selecting a range on a hidden-behind sheet does not switch to it everywhere.
    ws.activate();
    ws.getRange(range).select();
    await context.sync();
  });
}
