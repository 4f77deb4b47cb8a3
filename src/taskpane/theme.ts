/**
 * Follows Office's theme (Office.context.officeTheme) so the pane looks native in dark Excel.
 * The pane only sets `data-theme` on <html> and, at most, two CSS custom properties through
 * CSSOM (element.style.setProperty): the CSP's style-src 'self' blocks inline style attributes
 * and <style> elements, not CSSOM changes from our own script. The palette lives in taskpane.css;
 * where light-dark() is missing, lightPaletteFallback sets its light side inline the same way.
 */

/** The colours Office reports (all hex strings such as "#262626"); any may be missing on some hosts. */
export interface OfficeThemeColors {
  bodyBackgroundColor?: string;
  bodyForegroundColor?: string;
  controlBackgroundColor?: string;
  controlForegroundColor?: string;
  /** Newer hosts say it themselves; used only when bodyBackgroundColor is unusable. */
  isDarkTheme?: boolean;
}

export type ThemeName = "light" | "dark";

/** Custom properties the CSS reads for the page background/foreground when Office gives them. */
const OFFICE_BODY_BG = "--office-body-bg";
const OFFICE_BODY_FG = "--office-body-fg";

/** WCAG AA for body text: below this, Office's own body colours are not used for our text. */
const MIN_TEXT_CONTRAST = 4.5;

/**
 * "#rgb" or "#rrggbb" (with or without "#") to [r, g, b] in 0..255, else null.
 * @internal
 */
export function parseHexColor(value: unknown): [number, number, number] | null {
  if (typeof value !== "string") return null;
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!m) return null;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join("") : m[1];
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG 2 relative luminance, 0 (black) to 1 (white). */
function relativeLuminance([r, g, b]: readonly [number, number, number]): number {
  const lin = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/**
 * WCAG 2 contrast ratio of two colours, 1 to 21.
 * @internal
 */
export function contrastRatio(a: readonly [number, number, number], b: readonly [number, number, number]): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Dark when white text reads better on the body background than black text does (luminance
 * below ~0.179): Excel's Black and Dark Gray themes are dark, White and Colorful light.
 * Null when the theme says nothing usable, so the CSS falls back to prefers-color-scheme.
 * @internal
 */
export function themeName(theme: OfficeThemeColors | null | undefined): ThemeName | null {
  if (!theme || typeof theme !== "object") return null;
  const bg = parseHexColor(theme.bodyBackgroundColor);
  if (bg) {
    const white: [number, number, number] = [255, 255, 255];
    const black: [number, number, number] = [0, 0, 0];
    return contrastRatio(bg, white) > contrastRatio(bg, black) ? "dark" : "light";
  }
  if (typeof theme.isDarkTheme === "boolean") return theme.isDarkTheme ? "dark" : "light";
  return null;
}

/** The part of CSSStyleDeclaration this module touches (a plain object in unit tests). */
export interface ThemeTarget {
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  style: { setProperty(name: string, value: string): void; removeProperty(name: string): string };
}

/**
 * Sets `data-theme` on `root` (normally <html>) and takes Office's body colours for the page
 * when they make readable text and agree with the palette (a light foreground on a dark body in
 * the dark palette): the gaps around the cards then match Excel's own pane. Returns the theme,
 * or null when none is known (the attribute is removed, the CSS follows the OS).
 */
export function applyOfficeTheme(root: ThemeTarget, theme: OfficeThemeColors | null | undefined): ThemeName | null {
  const name = themeName(theme);
  root.style.removeProperty(OFFICE_BODY_BG);
  root.style.removeProperty(OFFICE_BODY_FG);
  if (name === null) {
    root.removeAttribute("data-theme");
    return null;
  }
  root.setAttribute("data-theme", name);
  const bg = parseHexColor(theme?.bodyBackgroundColor);
  const fg = parseHexColor(theme?.bodyForegroundColor);
  if (bg && fg && contrastRatio(bg, fg) >= MIN_TEXT_CONTRAST && (relativeLuminance(fg) > relativeLuminance(bg)) === (name === "dark")) {
    root.style.setProperty(OFFICE_BODY_BG, toHex(bg));
    root.style.setProperty(OFFICE_BODY_FG, toHex(fg));
  }
  return name;
}

/** Office's theme, or undefined where the host has none (or throws reading it). */
export function readOfficeTheme(): OfficeThemeColors | undefined {
  try {
    return typeof Office !== "undefined" ? (Office.context?.officeTheme ?? undefined) : undefined;
  } catch {
    return undefined;
  }
}

/** Normalised "#rrggbb", so nothing but a colour ever reaches a custom property. */
function toHex(rgb: readonly [number, number, number]): string {
  return "#" + rgb.map((c) => c.toString(16).padStart(2, "0")).join("");
}

/**
 * The light side of a CSS value: every light-dark(light, dark) in it becomes its light argument
 * (arguments may hold their own parentheses, e.g. rgba(...)); a value without one is unchanged.
 * @internal exported for its unit test; lightPaletteFallback is the entry.
 */
export function lightSide(value: string): string {
  let out = "";
  let at = 0;
  for (let start = value.indexOf("light-dark(", at); start >= 0; start = value.indexOf("light-dark(", at)) {
    let depth = 0;
    let comma = -1;
    let end = -1;
    for (let i = start + "light-dark(".length; i < value.length && end < 0; i++) {
      const ch = value[i];
      if (ch === "(") depth++;
      else if (ch === ")" && depth > 0) depth--;
      else if (ch === ")") end = i;
      else if (ch === "," && depth === 0 && comma < 0) comma = i;
    }
    if (end < 0 || comma < 0) break; // not a well-formed pair: leave the rest as it is
    out += value.slice(at, start) + lightSide(value.slice(start + "light-dark(".length, comma).trim());
    at = end + 1;
  }
  return out + value.slice(at);
}

/**
 * The part of a CSSStyleRule the fallback reads (a plain object in unit tests).
 * @internal
 */
export interface PaletteRule {
  selectorText: string;
  style: { readonly length: number; item(index: number): string; getPropertyValue(name: string): string };
}

/**
 * Engines without light-dark() (Excel for Mac's WebKit before Safari 17.5) would drop every
 * palette colour: a custom property keeps an unsupported value, so the var() using it is invalid
 * and the colour falls back to its initial value. There, each `:root` custom property holding a
 * light-dark() pair is set inline on `root` to its light side, read from the stylesheet itself, so
 * the palette stays written once in taskpane.css; color-scheme goes light to match (native
 * controls). Returns how many properties it set (0 where light-dark() works).
 * @internal exported for its unit test; lightPaletteFallback is the entry.
 */
export function applyLightPaletteFallback(root: ThemeTarget, rules: Iterable<PaletteRule>, supportsLightDark: boolean): number {
  if (supportsLightDark) return 0;
  let count = 0;
  for (const rule of rules) {
    if (rule.selectorText !== ":root") continue;
    for (let i = 0; i < rule.style.length; i++) {
      const name = rule.style.item(i);
      const value = rule.style.getPropertyValue(name);
      if (!name.startsWith("--") || !value.includes("light-dark(")) continue;
      root.style.setProperty(name, lightSide(value).trim());
      count++;
    }
  }
  if (count > 0) root.style.setProperty("color-scheme", "light");
  return count;
}

/** The browser side of applyLightPaletteFallback: the page's own style rules and CSS.supports. */
export function lightPaletteFallback(doc: Document): number {
  const supports = typeof CSS !== "undefined" && typeof CSS.supports === "function" && CSS.supports("color", "light-dark(#000, #fff)");
  if (supports) return 0;
  const rules: PaletteRule[] = [];
  for (const sheet of Array.from(doc.styleSheets)) {
    let list: CSSRuleList;
    try {
      list = sheet.cssRules;
    } catch {
      continue; // a sheet from another origin (none today): not ours to read
    }
    for (const rule of Array.from(list)) if (rule instanceof CSSStyleRule) rules.push(rule);
  }
  return applyLightPaletteFallback(doc.documentElement, rules, false);
}
