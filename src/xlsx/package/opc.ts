/**
 * The OPC package over the zip layer (./zip): the Package of ./types.
 *
 * Rule of ownership: a part is bytes until someone asks for it. Opening reads only the zip's
 * central directory and `[Content_Types].xml`; a part is unpacked when read (within the
 * ReadLimits, measured while inflating), and saving copies every part nobody replaced as it
 * was stored, byte for byte. `[Content_Types].xml` is rewritten only when a part was added,
 * removed or registered; a rels part only when setRels changed it.
 *
 * Part names: the zip stores `xl/workbook.xml`; the package says `/xl/workbook.xml`. Lookups
 * ignore case (OPC part names are case-insensitive) and return the name as the zip spells it.
 * Relationship targets may be relative to their source's folder (Excel), absolute (openpyxl),
 * percent-encoded or carry `./` and `../`: resolve() turns them all into a part name.
 */
import { both } from "../../core/i18n";
import { LocalizedError, XLSX_MESSAGES } from "../messages";
import type { Package, ReadLimits, Relationship } from "./types";
import { escapeXml, walkXml, XmlError, attr } from "./xml";
import { CT, NS, XML_DECLARATION } from "./constants";
import { CONTENT_TYPES_PART, extensionOf, folderOf, isRelsPart, normalizePartName, relativeRef, relsPartName } from "./packUri";
import {
  inflateEntry,
  inflateEntryChunks,
  readCentralDirectory,
  writeZip,
  ZipFormatError,
  ZipLimitError,
} from "./zip";
import type { ZipEntry, ZipOutEntry } from "./zip";

/**
 * Defaults: far above any real workbook's parts (a 3-million-cell sheet is ~150 MB of XML),
 * low enough that a bomb stops in seconds with memory under 1 GB.
 */

export const DEFAULT_LIMITS: ReadLimits = {
  maxPartBytes: 512 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxEntries: 50_000,
};


interface Slot {
  /** Absolute part name as the zip spells it. */
  name: string;
  entry?: ZipEntry;
  /** New content (set by setPart): written deflated on save. */
  data?: Uint8Array;
  /** A folder entry of the zip: kept, but not a part. */
  dir?: boolean;
}

function decodePercent(s: string): string {
  if (!s.includes("%")) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function megabytes(n: number): string {
  return `${Math.round(n / (1024 * 1024))} MB`;
}

const encoder = new TextEncoder();

class OpcPackage implements Package {
  private readonly slots = new Map<string, Slot>();
  private readonly order: string[] = [];
  private readonly defaults = new Map<string, { ext: string; type: string }>();
  private readonly overrides = new Map<string, { part: string; type: string }>();
  private contentTypesDirty = false;
  private readonly relsCache = new Map<string, Relationship[]>();
  private unpacked = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: ReadLimits,
    readonly file: string,
  ) {}

  static empty(file: string): OpcPackage {
    const pkg = new OpcPackage(new Uint8Array(0), DEFAULT_LIMITS, file);
    pkg.defaults.set("rels", { ext: "rels", type: CT.relationships });
    pkg.defaults.set("xml", { ext: "xml", type: CT.xml });
    pkg.contentTypesDirty = true;
    return pkg;
  }

  async init(): Promise<void> {
    let entries: ZipEntry[];
    try {
      entries = readCentralDirectory(this.bytes, this.limits.maxEntries);
    } catch (e) {
      throw this.zipError(e);
    }
    for (const e of entries) {
      const dir = e.name.endsWith("/") || e.name.endsWith("\\");
      const name = normalizePartName(e.name);
      const key = name.toLowerCase() + (dir ? "/" : "");
      if (this.slots.has(key)) throw new LocalizedError(both(XLSX_MESSAGES.damagedZip, { file: this.file }), 2);
      this.slots.set(key, { name, entry: e, dir });
      this.order.push(key);
    }
    if (this.has(CONTENT_TYPES_PART)) {
      const text = await this.readText(CONTENT_TYPES_PART, 16 * 1024 * 1024);
      this.parseXml(CONTENT_TYPES_PART, text, (name, attrs) => {
        if (name === "Default") {
          const ext = attr(attrs, "Extension");
          const type = attr(attrs, "ContentType");
          if (ext && type) this.defaults.set(ext.toLowerCase(), { ext, type });
        } else if (name === "Override") {
          const part = attr(attrs, "PartName");
          const type = attr(attrs, "ContentType");
          if (part && type) {
            const n = normalizePartName(decodePercent(part));
            this.overrides.set(n.toLowerCase(), { part: n, type });
          }
        }
      });
    }
  }

  /** The zip layer's and XML errors, in the user's language (exit 2: the file cannot be read). */
  private zipError(e: unknown): unknown {
    const file = this.file;
    if (e instanceof ZipLimitError) {
      return new LocalizedError(both(XLSX_MESSAGES.partTooLarge, { file, part: normalizePartName(e.entry), limit: megabytes(e.limit) }), 2);
    }
    if (e instanceof ZipFormatError) {
      const part = e.entry ? normalizePartName(e.entry) : "";
      switch (e.reason) {
        case "too-many-entries":
          return new LocalizedError(both(XLSX_MESSAGES.tooManyParts, { file, count: e.count ?? 0, limit: this.limits.maxEntries }), 2);
        case "encrypted-entry":
        case "method":
          return new LocalizedError(both(XLSX_MESSAGES.unsupportedPart, { file, part }), 2);
        case "not-zip":
          return new LocalizedError(both(XLSX_MESSAGES.notZip, { file }), 2);
        default:
          return new LocalizedError(part ? both(XLSX_MESSAGES.damagedPart, { file, part }) : both(XLSX_MESSAGES.damagedZip, { file }), 2);
      }
    }
    return e;
  }

  private parseXml(part: string, text: string, open: (name: string, attrs: Record<string, string>) => void): void {
    try {
      walkXml(text, { open });
    } catch (e) {
      if (e instanceof XmlError) throw new LocalizedError(both(XLSX_MESSAGES.badXml, { file: this.file, part }), 2);
      throw e;
    }
  }

  private slot(part: string): Slot | undefined {
    const s = this.slots.get(normalizePartName(part).toLowerCase());
    return s && !s.dir ? s : undefined;
  }

  private mustSlot(part: string): Slot {
    const s = this.slot(part);
    if (!s) throw new LocalizedError(both(XLSX_MESSAGES.missingPart, { file: this.file, part: normalizePartName(part) }), 2);
    return s;
  }

  /** The limit of the next read, and whether it is the total's (for the message). */
  private budget(maxBytes?: number): { limit: number; total: boolean } {
    const part = Math.min(maxBytes ?? this.limits.maxPartBytes, this.limits.maxPartBytes);
    const left = Math.max(0, this.limits.maxTotalBytes - this.unpacked);
    return left < part ? { limit: left, total: true } : { limit: part, total: false };
  }

  private limitError(e: ZipLimitError, total: boolean): LocalizedError {
    if (total) return new LocalizedError(both(XLSX_MESSAGES.totalTooLarge, { file: this.file, limit: megabytes(this.limits.maxTotalBytes) }), 2);
    return this.zipError(e) as LocalizedError;
  }

  partNames(): string[] {
    return this.order
      .map((k) => this.slots.get(k)!)
      .filter((s) => !s.dir && s.name !== CONTENT_TYPES_PART)
      .map((s) => s.name);
  }

  has(part: string): boolean {
    return this.slot(part) !== undefined;
  }

  contentType(part: string): string | undefined {
    const n = normalizePartName(part);
    return this.overrides.get(n.toLowerCase())?.type ?? this.defaults.get(extensionOf(n))?.type;
  }

  /** `maxBytes`: a lower cap for parts parsed whole (never above ReadLimits.maxPartBytes). */
  async readBytes(part: string, maxBytes?: number): Promise<Uint8Array> {
    const s = this.mustSlot(part);
    if (s.data) return s.data;
    const { limit, total } = this.budget(maxBytes);
    try {
      const out = inflateEntry(this.bytes, s.entry!, limit);
      this.unpacked += out.length;
      return out;
    } catch (e) {
      if (e instanceof ZipLimitError) throw this.limitError(e, total);
      throw this.zipError(e);
    }
  }

  async readText(part: string, maxBytes?: number): Promise<string> {
    const bytes = await this.readBytes(part, maxBytes);
    return new TextDecoder("utf-8").decode(bytes);
  }

  async streamText(part: string, onChunk: (text: string) => boolean | void): Promise<void> {
    const s = this.mustSlot(part);
    if (s.data) {
      onChunk(new TextDecoder("utf-8").decode(s.data));
      return;
    }
    const { limit, total } = this.budget();
    // Stream mode keeps a character split across chunks whole.
    const decoder = new TextDecoder("utf-8");
    let stopped = false;
    try {
      const n = await inflateEntryChunks(this.bytes, s.entry!, limit, (chunk) => {
        if (onChunk(decoder.decode(chunk, { stream: true })) === false) {
          stopped = true;
          return false;
        }
        return true;
      });
      this.unpacked += n;
    } catch (e) {
      if (e instanceof ZipLimitError) throw this.limitError(e, total);
      throw this.zipError(e);
    }
    if (!stopped) {
      const rest = decoder.decode();
      if (rest) onChunk(rest);
    }
  }

  setPart(part: string, data: string | Uint8Array, contentType?: string): void {
    const name = normalizePartName(part);
    const key = name.toLowerCase();
    const bytes = typeof data === "string" ? encoder.encode(data) : data;
    const s = this.slots.get(key);
    if (s) {
      s.data = bytes;
      s.dir = false;
    } else {
      this.slots.set(key, { name, data: bytes });
      this.order.push(key);
      this.contentTypesDirty = true;
    }
    if (isRelsPart(key)) this.relsCache.clear();
    if (contentType) this.register(s?.name ?? name, contentType);
  }

  /** An Override, unless the Default for the extension already says the same. */
  private register(name: string, contentType: string): void {
    const key = name.toLowerCase();
    const def = this.defaults.get(extensionOf(name));
    if (def?.type === contentType) {
      if (this.overrides.delete(key)) this.contentTypesDirty = true;
      return;
    }
    if (this.overrides.get(key)?.type === contentType) return;
    this.overrides.set(key, { part: name, type: contentType });
    this.contentTypesDirty = true;
  }

  removePart(part: string): void {
    const name = normalizePartName(part);
    const key = name.toLowerCase();
    if (this.slots.delete(key)) {
      this.order.splice(this.order.indexOf(key), 1);
      this.contentTypesDirty = true;
    }
    if (this.overrides.delete(key)) this.contentTypesDirty = true;
    this.relsCache.delete(key);
    if (!isRelsPart(key)) this.removePart(relsPartName(name));
    else this.relsCache.clear();
  }

  async rels(source: string): Promise<Relationship[]> {
    const relsPart = relsPartName(source);
    const key = relsPart.toLowerCase();
    const cached = this.relsCache.get(key);
    if (cached) return cached.map((r) => ({ ...r }));
    if (!this.has(relsPart)) return [];
    const text = await this.readText(relsPart, 64 * 1024 * 1024);
    const out: Relationship[] = [];
    this.parseXml(relsPart, text, (name, attrs) => {
      if (name !== "Relationship") return;
      const id = attr(attrs, "Id");
      const type = attr(attrs, "Type");
      const target = attr(attrs, "Target");
      if (id === undefined || type === undefined || target === undefined) return;
      const r: Relationship = { id, type, target };
      if (attr(attrs, "TargetMode") === "External") r.targetMode = "External";
      out.push(r);
    });
    this.relsCache.set(key, out);
    return out.map((r) => ({ ...r }));
  }

  setRels(source: string, rels: readonly Relationship[]): void {
    const relsPart = relsPartName(source);
    if (rels.length === 0) {
      this.removePart(relsPart);
      return;
    }
    const body = rels
      .map(
        (r) =>
          `<Relationship Id="${escapeXml(r.id)}" Type="${escapeXml(r.type)}" Target="${escapeXml(r.target)}"` +
          (r.targetMode === "External" ? ` TargetMode="External"` : "") +
          "/>",
      )
      .join("");
    const xml = `${XML_DECLARATION}<Relationships xmlns="${NS.packageRels}">${body}</Relationships>`;
    if (!this.defaults.has("rels")) {
      this.defaults.set("rels", { ext: "rels", type: CT.relationships });
      this.contentTypesDirty = true;
    }
    this.setPart(relsPart, xml, CT.relationships);
    this.relsCache.set(relsPart.toLowerCase(), rels.map((r) => ({ ...r })));
  }

  resolve(source: string, target: string): string {
    const hash = target.indexOf("#");
    const t = decodePercent(hash < 0 ? target : target.slice(0, hash));
    const name = t.startsWith("/") || t.startsWith("\\") ? normalizePartName(t) : normalizePartName(folderOf(source) + t);
    // The zip's spelling when the part exists (lookups elsewhere compare exactly).
    return this.slot(name)?.name ?? name;
  }

  relativeTarget(source: string, part: string): string {
    return relativeRef(source, part);
  }

  private contentTypesXml(): string {
    const defs = [...this.defaults.values()].map((d) => `<Default Extension="${escapeXml(d.ext)}" ContentType="${escapeXml(d.type)}"/>`);
    // Only overrides of parts that exist: a removed part leaves no dangling entry.
    const ovs = [...this.overrides.values()]
      .filter((o) => this.has(o.part))
      .map((o) => `<Override PartName="${escapeXml(o.part)}" ContentType="${escapeXml(o.type)}"/>`);
    return `${XML_DECLARATION}<Types xmlns="${NS.contentTypes}">${defs.join("")}${ovs.join("")}</Types>`;
  }

  async save(): Promise<Uint8Array> {
    const out: ZipOutEntry[] = [];
    const ctKey = CONTENT_TYPES_PART.toLowerCase();
    if (!this.slots.has(ctKey)) {
      this.slots.set(ctKey, { name: CONTENT_TYPES_PART });
      this.order.unshift(ctKey);
      this.contentTypesDirty = true;
    }
    for (const key of this.order) {
      const s = this.slots.get(key)!;
      const zipName = s.entry ? s.entry.name : s.name.slice(1);
      if (key === ctKey && this.contentTypesDirty) out.push({ name: zipName, data: encoder.encode(this.contentTypesXml()) });
      else if (s.data) out.push({ name: zipName, data: s.data });
      else out.push({ name: zipName, raw: s.entry!, source: this.bytes });
    }
    try {
      return writeZip(out);
    } catch (e) {
      throw this.zipError(e);
    }
  }
}

/**
 * A new, empty package (a workbook written from nothing): parts go in with setPart and setRels,
 * and save() writes the content types for them.
 */
export function emptyPackage(file: string): Package {
  return OpcPackage.empty(file);
}

/**
 * Opens a package from its bytes: reads the zip directory and the content types, nothing else.
 * `file` names the workbook in messages. Errors are LocalizedErrors with exit code 2.
 */
export async function openPackage(bytes: Uint8Array, limits: Partial<ReadLimits> = {}, file = "workbook.xlsx"): Promise<Package> {
  const pkg = new OpcPackage(bytes, { ...DEFAULT_LIMITS, ...limits }, file);
  await pkg.init();
  return pkg;
}
