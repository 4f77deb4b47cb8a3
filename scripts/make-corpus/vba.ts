/**
 * A small but well-formed VBA project (xl/vbaProject.bin) for the corpus, written from the
 * specifications, since no tool here can save one:
 *
 * - the container is a Compound File (MS-CFB) version 3: 512-byte sectors, every stream under
 *   the 4096-byte cutoff so all of them live in the mini stream (64-byte mini sectors), one FAT
 *   sector, siblings of a storage chained through right-sibling links in CFB name order (a
 *   degenerate but valid search tree);
 * - the streams follow MS-OVBA: PROJECT (text), PROJECTwm, VBA/_VBA_PROJECT with version 0xFFFF
 *   (no performance cache: Office recompiles from source), VBA/dir and one stream per module,
 *   both in the MS-OVBA compressed container. The compressor emits literal tokens only, which
 *   the format allows (a flag byte of 0 before each run of 8 bytes).
 *
 * Modules: ThisWorkbook (document module) and Module1 with a Sub.
 */

const ENDOFCHAIN = 0xfffffffe;
const FREESECT = 0xffffffff;
const FATSECT = 0xfffffffd;
const NOSTREAM = 0xffffffff;

/** MS-OVBA 2.4.1 compression, literal tokens only; each chunk holds up to 4096 bytes of input. */
export function ovbaCompress(data: Buffer): Buffer {
  const out: Buffer[] = [Buffer.from([0x01])];
  for (let start = 0; start < data.length || (start === 0 && data.length === 0); start += 4096) {
    const block = data.subarray(start, start + 4096);
    const tokens: Buffer[] = [];
    for (let i = 0; i < block.length; i += 8) tokens.push(Buffer.from([0x00]), block.subarray(i, i + 8));
    const payload = Buffer.concat(tokens);
    const size = payload.length + 2;
    if (size > 4098) throw new Error("literal-only chunk too large; keep module sources under 3.6 KB");
    const header = Buffer.alloc(2);
    header.writeUInt16LE(((size - 3) & 0x0fff) | (0b011 << 12) | 0x8000);
    out.push(header, payload);
    if (data.length === 0) break;
  }
  return Buffer.concat(out);
}

function record(id: number, data: Buffer): Buffer {
  const head = Buffer.alloc(6);
  head.writeUInt16LE(id, 0);
  head.writeUInt32LE(data.length, 2);
  return Buffer.concat([head, data]);
}
const u16 = (v: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(v);
  return b;
};
const u32 = (v: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(v);
  return b;
};
const ansi = (s: string) => Buffer.from(s, "latin1");
const utf16 = (s: string) => Buffer.from(s, "utf16le");

interface Module {
  name: string;
  document: boolean;
  source: string;
}

const MODULES: Module[] = [
  {
    name: "ThisWorkbook",
    document: true,
    source: [
      'Attribute VB_Name = "ThisWorkbook"',
      'Attribute VB_Base = "0{00020819-0000-0000-C000-000000000046}"',
      "Attribute VB_GlobalNameSpace = False",
      "Attribute VB_Creatable = False",
      "Attribute VB_PredeclaredId = True",
      "Attribute VB_Exposed = True",
      "Attribute VB_TemplateDerived = False",
      "Attribute VB_Customizable = True",
      "",
    ].join("\r\n"),
  },
  {
    name: "Module1",
    document: false,
    source: [
      'Attribute VB_Name = "Module1"',
      "Sub Hei()",
      '    MsgBox "Hei fra Kongsbergregionen: " & Range("Kommuner[Kommune]").Rows.Count & " kommuner"',
      "End Sub",
      "",
    ].join("\r\n"),
  },
];

/** The decompressed dir stream (MS-OVBA 2.3.4.2): project information, no references, modules. */
function dirStream(): Buffer {
  const parts: Buffer[] = [
    record(0x0001, u32(1)), // PROJECTSYSKIND: 32-bit Windows
    record(0x0002, u32(0x0409)), // PROJECTLCID
    record(0x0014, u32(0x0409)), // PROJECTLCIDINVOKE
    record(0x0003, u16(1252)), // PROJECTCODEPAGE
    record(0x0004, ansi("VBAProject")), // PROJECTNAME
    record(0x0005, Buffer.alloc(0)), record(0x0040, Buffer.alloc(0)), // PROJECTDOCSTRING (+ unicode)
    record(0x0006, Buffer.alloc(0)), record(0x003d, Buffer.alloc(0)), // PROJECTHELPFILEPATH (+ second)
    record(0x0007, u32(0)), // PROJECTHELPCONTEXT
    record(0x0008, u32(0)), // PROJECTLIBFLAGS
    Buffer.concat([u16(0x0009), u32(4), u32(1), u16(0)]), // PROJECTVERSION (Reserved=4, major, minor)
    record(0x000c, Buffer.alloc(0)), record(0x003c, Buffer.alloc(0)), // PROJECTCONSTANTS (+ unicode)
    record(0x000f, u16(MODULES.length)), // PROJECTMODULES count
    record(0x0013, u16(0xffff)), // PROJECTCOOKIE
  ];
  for (const m of MODULES) {
    parts.push(
      record(0x0019, ansi(m.name)), // MODULENAME
      record(0x0047, utf16(m.name)), // MODULENAMEUNICODE
      record(0x001a, ansi(m.name)), record(0x0032, utf16(m.name)), // MODULESTREAMNAME
      record(0x001c, Buffer.alloc(0)), record(0x0048, Buffer.alloc(0)), // MODULEDOCSTRING
      record(0x0031, u32(0)), // MODULEOFFSET: the source starts the stream
      record(0x001e, u32(0)), // MODULEHELPCONTEXT
      record(0x002c, u16(0xffff)), // MODULECOOKIE
      record(m.document ? 0x0022 : 0x0021, Buffer.alloc(0)), // MODULETYPE
      record(0x002b, Buffer.alloc(0)), // MODULE terminator
    );
  }
  parts.push(record(0x0010, Buffer.alloc(0))); // dir terminator
  return Buffer.concat(parts);
}

function projectStream(): Buffer {
  const lines = [
    'ID="{5A3E1F0C-2009-4B1A-9C0D-4B5252000001}"',
    ...MODULES.map((m) => (m.document ? `Document=${m.name}/&H00000000` : `Module=${m.name}`)),
    'Name="VBAProject"',
    'HelpContextID="0"',
    'VersionCompatible32="393222000"',
    "",
    "[Host Extender Info]",
    "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000",
    "",
    "[Workspace]",
    ...MODULES.map((m) => `${m.name}=0, 0, 0, 0, C`),
    "",
  ];
  return ansi(lines.join("\r\n"));
}

function projectWmStream(): Buffer {
  return Buffer.concat([...MODULES.flatMap((m) => [ansi(m.name + "\0"), utf16(m.name + "\0")]), u16(0)]);
}

interface Entry {
  name: string;
  type: 1 | 2 | 5; // storage, stream, root
  data?: Buffer;
  children?: Entry[];
}

/** CFB sibling order: shorter names first, then by upper-cased UTF-16 code units. */
function cfbCompare(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  const x = a.toUpperCase();
  const y = b.toUpperCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Writes a CFB v3 file whose streams all fit the mini stream. */
export function writeCfb(root: Entry): Buffer {
  // Number the entries depth first; the root is 0.
  const flat: Entry[] = [];
  const ids = new Map<Entry, number>();
  const visit = (e: Entry) => {
    ids.set(e, flat.length);
    flat.push(e);
    for (const c of [...(e.children ?? [])].sort((a, b) => cfbCompare(a.name, b.name))) visit(c);
  };
  visit(root);

  // Mini stream: each stream padded to 64 bytes, chained in the mini FAT.
  const miniFat: number[] = [];
  const miniChunks: Buffer[] = [];
  const miniStart = new Map<Entry, number>();
  for (const e of flat) {
    if (e.type !== 2) continue;
    const data = e.data ?? Buffer.alloc(0);
    if (data.length >= 4096) throw new Error(`stream ${e.name} too large for the mini stream`);
    if (data.length === 0) continue;
    const n = Math.ceil(data.length / 64);
    const first = miniFat.length;
    miniStart.set(e, first);
    for (let i = 0; i < n; i++) miniFat.push(i === n - 1 ? ENDOFCHAIN : first + i + 1);
    const padded = Buffer.alloc(n * 64);
    data.copy(padded);
    miniChunks.push(padded);
  }
  const miniStream = Buffer.concat(miniChunks);

  const sectors = (bytes: number) => Math.ceil(bytes / 512);
  const nMini = sectors(miniStream.length);
  const nMiniFat = sectors(miniFat.length * 4);
  const nDir = sectors(flat.length * 128);
  const nFat = 1;
  const total = nMini + nMiniFat + nDir + nFat;
  if (total > 128) throw new Error("more sectors than one FAT sector maps");
  const miniSector0 = 0;
  const miniFatSector0 = nMini;
  const dirSector0 = nMini + nMiniFat;
  const fatSector0 = dirSector0 + nDir;

  const fat = new Array<number>(128).fill(FREESECT);
  const chain = (start: number, n: number) => {
    for (let i = 0; i < n; i++) fat[start + i] = i === n - 1 ? ENDOFCHAIN : start + i + 1;
  };
  chain(miniSector0, nMini);
  chain(miniFatSector0, nMiniFat);
  chain(dirSector0, nDir);
  fat[fatSector0] = FATSECT;

  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24);
  header.writeUInt16LE(0x0003, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  header.writeUInt16LE(6, 32);
  header.writeUInt32LE(0, 40);
  header.writeUInt32LE(nFat, 44);
  header.writeUInt32LE(dirSector0, 48);
  header.writeUInt32LE(0, 52);
  header.writeUInt32LE(4096, 56);
  header.writeUInt32LE(nMiniFat ? miniFatSector0 : ENDOFCHAIN, 60);
  header.writeUInt32LE(nMiniFat, 64);
  header.writeUInt32LE(ENDOFCHAIN, 68);
  header.writeUInt32LE(0, 72);
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? fatSector0 : FREESECT, 76 + i * 4);

  const dir = Buffer.alloc(nDir * 512);
  for (let i = 0; i < nDir * 4; i++) {
    const off = i * 128;
    const e = flat[i];
    if (!e) {
      // Unused entries: empty name, type 0, no siblings.
      dir.writeUInt32LE(NOSTREAM, off + 68);
      dir.writeUInt32LE(NOSTREAM, off + 72);
      dir.writeUInt32LE(NOSTREAM, off + 76);
      continue;
    }
    const name = utf16(e.name + "\0");
    if (name.length > 64) throw new Error(`CFB name too long: ${e.name}`);
    name.copy(dir, off);
    dir.writeUInt16LE(name.length, off + 64);
    dir.writeUInt8(e.type, off + 66);
    dir.writeUInt8(1, off + 67); // black
    dir.writeUInt32LE(NOSTREAM, off + 68);
    dir.writeUInt32LE(NOSTREAM, off + 72);
    dir.writeUInt32LE(NOSTREAM, off + 76);
    const kids = [...(e.children ?? [])].sort((a, b) => cfbCompare(a.name, b.name));
    if (kids.length) dir.writeUInt32LE(ids.get(kids[0])!, off + 76);
    if (e.type === 5) {
      dir.writeUInt32LE(nMini ? miniSector0 : ENDOFCHAIN, off + 116);
      dir.writeUInt32LE(miniStream.length, off + 120);
    } else if (e.type === 2) {
      dir.writeUInt32LE(miniStart.get(e) ?? ENDOFCHAIN, off + 116);
      dir.writeUInt32LE(e.data?.length ?? 0, off + 120);
    }
  }
  // Right-sibling links within each storage, in sorted order.
  for (const e of flat) {
    const kids = [...(e.children ?? [])].sort((a, b) => cfbCompare(a.name, b.name));
    for (let k = 0; k + 1 < kids.length; k++) dir.writeUInt32LE(ids.get(kids[k + 1])!, ids.get(kids[k])! * 128 + 72);
  }

  const miniPadded = Buffer.alloc(nMini * 512);
  miniStream.copy(miniPadded);
  const miniFatBuf = Buffer.alloc(nMiniFat * 512, 0xff);
  miniFat.forEach((v, i) => miniFatBuf.writeUInt32LE(v, i * 4));
  const fatBuf = Buffer.alloc(512);
  fat.forEach((v, i) => fatBuf.writeUInt32LE(v, i * 4));
  return Buffer.concat([header, miniPadded, miniFatBuf, dir, fatBuf]);
}

/** The bytes of xl/vbaProject.bin. */
export function vbaProject(): Buffer {
  return writeCfb({
    name: "Root Entry",
    type: 5,
    children: [
      { name: "PROJECT", type: 2, data: projectStream() },
      { name: "PROJECTwm", type: 2, data: projectWmStream() },
      {
        name: "VBA",
        type: 1,
        children: [
          { name: "_VBA_PROJECT", type: 2, data: Buffer.from([0xcc, 0x61, 0xff, 0xff, 0x00, 0x00, 0x00]) },
          { name: "dir", type: 2, data: ovbaCompress(dirStream()) },
          ...MODULES.map((m) => ({ name: m.name, type: 2 as const, data: ovbaCompress(ansi(m.source)) })),
        ],
      },
    ],
  });
}
