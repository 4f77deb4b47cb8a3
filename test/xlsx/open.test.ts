/** Refusals of files that are not a workbook kbr reads: exit 2, both languages, what to do. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { fileError, openWorkbookFile } from "../../src/xlsx/read/open";
import { LocalizedError } from "../../src/xlsx/messages";
import { makeBook } from "./bookKit";
import { contentTypes, makeZip } from "./zipKit";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kbr-open-"));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function put(name: string, bytes: Uint8Array | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

async function refusal(file: string): Promise<Record<"nb-NO" | "en-US", string>> {
  try {
    await openWorkbookFile(file);
  } catch (e) {
    expect(e).toBeInstanceOf(LocalizedError);
    expect((e as LocalizedError).exitCode).toBe(2);
    const texts = (e as LocalizedError).texts;
    expect(texts["nb-NO"]).toContain(file);
    expect(texts["en-US"]).toContain(file);
    expect(texts["nb-NO"]).not.toEqual(texts["en-US"]);
    return texts;
  }
  throw new Error(`${file} was not refused`);
}

/** A compound file (what .xls and encrypted OOXML are) with the given stream names in its directory. */
function oleFile(streams: string[]): Uint8Array {
  const head = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(head);
  const dirs = streams.map((s) => {
    const d = Buffer.alloc(128);
    Buffer.from(s, "utf16le").copy(d);
    return d;
  });
  return new Uint8Array(Buffer.concat([head, ...dirs]));
}

test("a workbook opens", async () => {
  const file = put("ok.xlsx", makeBook({ sheets: [{ name: "Ark1", part: "xl/worksheets/sheet1.xml" }] }));
  const { info } = await openWorkbookFile(file);
  expect(info.sheets.map((s) => s.name)).toEqual(["Ark1"]);
});

test("a missing file", async () => {
  const t = await refusal(path.join(dir, "finnes-ikke.xlsx"));
  expect(t["nb-NO"]).toContain("Finner ikke");
});

test("a folder", async () => {
  const folder = path.join(dir, "mappe.xlsx");
  fs.mkdirSync(folder);
  const t = await refusal(folder);
  expect(t["nb-NO"]).toContain("mappe");
  expect(t["en-US"]).toContain("folder");
});

test("a file without read permission", async () => {
  const file = put("låst.xlsx", makeBook({ sheets: [{ name: "Ark1", part: "xl/worksheets/sheet1.xml" }] }));
  if (process.getuid?.() !== 0) {
    fs.chmodSync(file, 0o000);
    const t = await refusal(file);
    expect(t["nb-NO"]).toContain("tilgang");
    fs.chmodSync(file, 0o644);
  }
  // As root, permissions do not stop reads: the system's EACCES and EPERM are mapped directly.
  for (const code of ["EACCES", "EPERM"]) {
    const e = fileError(Object.assign(new Error(`${code}: permission denied, open '${file}'`), { code }), file) as LocalizedError;
    expect(e).toBeInstanceOf(LocalizedError);
    expect(e.exitCode).toBe(2);
    expect(e.texts["nb-NO"]).toContain("tilgang");
    expect(e.texts["en-US"]).toContain("permission to read");
    expect(e.texts["en-US"]).not.toContain(code);
  }
});

test("not a zip at all (a CSV)", async () => {
  const t = await refusal(put("tall.xlsx", "Kommune;Innbyggere\nKongsberg;27262\n"));
  expect(t["nb-NO"]).toContain(".xls");
});

test("an OpenDocument spreadsheet renamed to .xlsx", async () => {
  const ods = makeZip([
    { name: "mimetype", text: "application/vnd.oasis.opendocument.spreadsheet", store: true },
    { name: "content.xml", text: "<office:document-content/>" },
    { name: "META-INF/manifest.xml", text: "<manifest/>" },
  ]);
  const t = await refusal(put("regneark.xlsx", ods));
  expect(t["nb-NO"]).toContain("OpenDocument");
  expect(t["en-US"]).toContain("save it as an Excel Workbook");
});

test("a zip that is not a workbook: a Word document, and an archive", async () => {
  const docx = makeZip([
    { name: "[Content_Types].xml", text: contentTypes({ "/word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml" }) },
    { name: "_rels/.rels", text: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>` },
    { name: "word/document.xml", text: "<w:document/>" },
  ]);
  expect((await refusal(put("brev.xlsx", docx)))["nb-NO"]).toContain("ingen arbeidsbok-del");
  const archive = makeZip([{ name: "bilder/a.txt", text: "hei" }]);
  expect((await refusal(put("arkiv.xlsx", archive)))["en-US"]).toContain("no workbook part");
});

test("a password-protected workbook says so and how to remove the password", async () => {
  const t = await refusal(put("hemmelig.xlsx", oleFile(["Root Entry", "EncryptionInfo", "EncryptedPackage"])));
  expect(t["nb-NO"]).toContain("beskyttet med passord");
  expect(t["nb-NO"]).toContain("Fil › Info › Beskytt arbeidsbok › Krypter med passord");
  expect(t["en-US"]).toContain("File › Info › Protect Workbook › Encrypt with Password");
});

test("an old .xls says to save as .xlsx", async () => {
  const t = await refusal(put("gammel.xls", oleFile(["Root Entry", "Workbook", "\u0005SummaryInformation"])));
  expect(t["nb-NO"]).toContain("Excel 97–2003");
  expect(t["en-US"]).toContain("Excel Workbook (.xlsx)");
  expect(t["en-US"]).not.toContain("password");
});

test("Strict Open XML says to save as Excel Workbook", async () => {
  const strict = makeBook({ namespace: "http://purl.oclc.org/ooxml/spreadsheetml/main", sheets: [{ name: "Ark1", part: "xl/worksheets/sheet1.xml" }] });
  const t = await refusal(put("strict.xlsx", strict));
  expect(t["nb-NO"]).toContain("Strict Open XML");
  expect(t["en-US"]).toContain('"Excel Workbook (.xlsx)"');
});

test("a damaged zip (cut short)", async () => {
  const whole = makeBook({ sheets: [{ name: "Ark1", part: "xl/worksheets/sheet1.xml" }] });
  const t = await refusal(put("kuttet.xlsx", whole.subarray(0, whole.length - 30)));
  expect(t["nb-NO"]).toContain("skadet");
});

test("a file larger than everything kbr would unpack", async () => {
  const file = put("stor.xlsx", makeBook({ sheets: [{ name: "Ark1", part: "xl/worksheets/sheet1.xml" }] }));
  await expect(openWorkbookFile(file, { maxTotalBytes: 100 })).rejects.toMatchObject({ exitCode: 2, texts: { "en-US": expect.stringContaining("kbr reads workbooks of at most 0 MB") } });
  await expect(openWorkbookFile(file)).resolves.toBeDefined();
});

/** An .xlsb as Excel stores it: a zip whose workbook part is xl/workbook.bin (binary records). */
function xlsb(): Uint8Array {
  const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  return makeZip([
    {
      name: "[Content_Types].xml",
      text: contentTypes({
        "/xl/workbook.bin": "application/vnd.ms-excel.sheet.binary.macroEnabled.main",
        "/xl/worksheets/sheet1.bin": "application/vnd.ms-excel.worksheet",
      }),
    },
    { name: "_rels/.rels", text: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.bin"/></Relationships>` },
    { name: "xl/_rels/workbook.bin.rels", text: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.bin"/></Relationships>` },
    // BrtBeginBook and friends: binary, not XML.
    { name: "xl/workbook.bin", bytes: new Uint8Array([0x83, 0x01, 0x00, 0x80, 0x01, 0x00, 0x99, 0x01, 0x00]) },
    { name: "xl/worksheets/sheet1.bin", bytes: new Uint8Array([0x81, 0x01, 0x00, 0x82, 0x01, 0x00]) },
  ]);
}

test.each(["budsjett.xlsb", "budsjett.xlsx"])("a binary workbook (%s) is called one, with how to save it as .xlsx", async (name) => {
  const t = await refusal(put(name, xlsb()));
  expect(t["nb-NO"]).toContain("binær Excel-arbeidsbok (.xlsb, Excel Binary)");
  expect(t["nb-NO"]).toContain("Fil › Lagre som › Excel-arbeidsbok (*.xlsx)");
  expect(t["en-US"]).toContain("File › Save As › Excel Workbook (*.xlsx)");
  expect(t["en-US"]).not.toMatch(/damaged/);
});

test("a binary workbook without the officeDocument relationship is still called one", async () => {
  const t = await refusal(put("uten-rel.xlsx", makeZip([{ name: "xl/workbook.bin", bytes: new Uint8Array([0x83, 0x01, 0x00]) }])));
  expect(t["en-US"]).toContain("Excel Binary");
});

test("a BIFF2–4 .xls (no compound file, a BOF record first) says to save as .xlsx", async () => {
  // BIFF4 BOF: type 0x0409, length 6, version, sheet type 0x0010 (worksheet).
  const biff = new Uint8Array([0x09, 0x04, 0x06, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00]);
  const t = await refusal(put("eldgammel.xlsx", biff));
  expect(t["nb-NO"]).toContain("Excel 97–2003");
  expect(t["en-US"]).toContain("File › Save As › Excel Workbook (.xlsx)");
});

test("an OpenDocument spreadsheet without its mimetype part is known by content.xml and the manifest", async () => {
  const ods = makeZip([
    { name: "content.xml", text: "<office:document-content/>" },
    { name: "META-INF/manifest.xml", text: "<manifest/>" },
  ]);
  expect((await refusal(put("uten-mimetype.ods", ods)))["nb-NO"]).toContain("OpenDocument");
});
