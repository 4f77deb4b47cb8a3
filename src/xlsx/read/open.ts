/**
 * Opening a workbook file for the command line: every way a file can fail to be an .xlsx we
 * read ends here as a LocalizedError with exit code 2, in the user's language and with what to
 * do, never with a library's English. In order:
 * - the path: missing, a folder, not a regular file, no permission, larger than maxTotalBytes;
 * - the first bytes: an OLE compound file (D0 CF 11 E0) is either an encrypted OOXML workbook
 *   (it has an EncryptionInfo stream: say how to remove the password) or an old .xls; anything
 *   not a zip is "not a workbook";
 * - the first bytes of a BIFF2–4 worksheet (.xls before Excel 97, no compound file: a BOF
 *   record) are an old .xls too;
 * - the zip: an OpenDocument file (its `mimetype` part, or content.xml with a manifest), a
 *   binary workbook (.xlsb: its workbook part is `workbook.bin`, of the `sheet.binary` type),
 *   or a zip with no workbook part;
 * - the workbook part: Strict Open XML (another namespace) is refused with how to resave.
 */
import * as fs from "fs";
import { both } from "../../core/i18n";
import { LocalizedError, XLSX_MESSAGES } from "../messages";
import { DEFAULT_LIMITS, openPackage } from "../package/opc";
import type { Package, ReadLimits } from "../package/types";
import { workbookInfo, workbookPartName } from "./workbook";
import type { WorkbookInfo } from "./types";

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function refuse(msg: Record<"nb-NO" | "en-US", string>): LocalizedError {
  return new LocalizedError(msg, 2);
}

/**
 * The system error of a failed file call, as a refusal naming the file (other errors as they are).
 * @internal
 */
export function fileError(e: unknown, file: string): unknown {
  const code = (e as { code?: string }).code;
  if (!code) return e;
  if (code === "ENOENT" || code === "ENOTDIR") return refuse(both(XLSX_MESSAGES.notFound, { file }));
  if (code === "EACCES" || code === "EPERM") return refuse(both(XLSX_MESSAGES.noPermission, { file }));
  if (code === "EISDIR") return refuse(both(XLSX_MESSAGES.isFolder, { file }));
  return refuse(both(XLSX_MESSAGES.cannotRead, { file, code }));
}

/** An OLE compound file with an EncryptionInfo stream (its directory names are UTF-16LE). */
function isEncryptedOoxml(bytes: Uint8Array): boolean {
  const needle = Buffer.from("EncryptionInfo", "utf16le");
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(needle) >= 0;
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/** Checks what the bytes are before the zip is opened. */
function sniff(bytes: Uint8Array, file: string): void {
  if (startsWith(bytes, OLE_MAGIC)) {
    throw refuse(isEncryptedOoxml(bytes) ? both(XLSX_MESSAGES.passwordProtected, { file }) : both(XLSX_MESSAGES.oldXls, { file }));
  }
  // BIFF2–4: a BOF record (09 00, 09 02, 09 04 or 09 08) whose length is a few bytes.
  if (bytes.length >= 4 && bytes[0] === 0x09 && [0x00, 0x02, 0x04, 0x08].includes(bytes[1]) && bytes[3] === 0 && bytes[2] >= 4 && bytes[2] <= 16) {
    throw refuse(both(XLSX_MESSAGES.oldXls, { file }));
  }
  // A zip starts with a local header, or (empty) with the end record.
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && !startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    throw refuse(both(XLSX_MESSAGES.notZip, { file }));
  }
}

/**
 * Opens a package that must be a workbook; `file` names it in messages.
 * @internal
 */
export async function openWorkbookBytes(bytes: Uint8Array, file: string, limits: Partial<ReadLimits> = {}): Promise<{ pkg: Package; info: WorkbookInfo }> {
  sniff(bytes, file);
  const pkg = await openPackage(bytes, limits, file);
  if (pkg.has("/mimetype")) {
    const mime = (await pkg.readText("/mimetype", 1024)).trim();
    if (mime.startsWith("application/vnd.oasis.opendocument")) throw refuse(both(XLSX_MESSAGES.openDocument, { file }));
  }
  const part = await workbookPartName(pkg);
  const type = part ? pkg.contentType(part) ?? "" : "";
  if (/sheet\.binary/i.test(type) || /\.bin$/i.test(part ?? "") || (!part && pkg.has("/xl/workbook.bin"))) {
    throw refuse(both(XLSX_MESSAGES.binaryWorkbook, { file }));
  }
  if (!part && pkg.has("/content.xml") && pkg.has("/META-INF/manifest.xml")) throw refuse(both(XLSX_MESSAGES.openDocument, { file }));
  // The main part of .xlsx, .xlsm, .xltx, .xltm and .xlam; a .docx or .pptx has another.
  if (!part || (type && !/spreadsheetml|ms-excel/.test(type))) throw refuse(both(XLSX_MESSAGES.zipNotWorkbook, { file }));
  const info = await workbookInfo(pkg);
  return { pkg, info };
}

/** Reads and opens a workbook file (see the header for every refusal). */
export async function openWorkbookFile(file: string, limits: Partial<ReadLimits> = {}): Promise<{ pkg: Package; info: WorkbookInfo }> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    throw fileError(e, file);
  }
  if (stat.isDirectory()) throw refuse(both(XLSX_MESSAGES.isFolder, { file }));
  if (!stat.isFile()) throw refuse(both(XLSX_MESSAGES.notRegularFile, { file }));
  // The file is held in memory whole; a zip bigger than everything we would unpack is not a workbook we read.
  const maxFile = limits.maxTotalBytes ?? DEFAULT_LIMITS.maxTotalBytes;
  if (stat.size > maxFile) {
    const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;
    throw refuse(both(XLSX_MESSAGES.fileTooLarge, { file, size: mb(stat.size), limit: mb(maxFile) }));
  }
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw fileError(e, file);
  }
  return openWorkbookBytes(bytes, file, limits);
}
