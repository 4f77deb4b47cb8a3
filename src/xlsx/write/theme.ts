/**
 * The theme of a new workbook. Charts and table styles take their colours from the theme (a
 * series without its own fill is accent 1, 2, …): without a theme part LibreOffice draws the
 * chart's bars without colour. These are the Office 2007 colours and fonts, the theme the
 * earlier writer (ExcelJS) put in, so the example looks as it did; the format scheme is the
 * smallest valid one (three plain entries per list) but for the thin line's shade.
 */
import { NS, XML_DECLARATION } from "../package/constants";

const COLOURS: readonly [string, string][] = [
  ["dk2", "1F497D"],
  ["lt2", "EEECE1"],
  ["accent1", "4F81BD"],
  ["accent2", "C0504D"],
  ["accent3", "9BBB59"],
  ["accent4", "8064A2"],
  ["accent5", "4BACC6"],
  ["accent6", "F79646"],
  ["hlink", "0000FF"],
  ["folHlink", "800080"],
];

const solid = `<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>`;
const line = (w: number, fill = solid) => `<a:ln w="${w}" cap="flat" cmpd="sng" algn="ctr">${fill}<a:prstDash val="solid"/></a:ln>`;
// The thin line (axes, gridlines) a shade darker, as in Office 2007's theme.
const thin = `<a:solidFill><a:schemeClr val="phClr"><a:shade val="95000"/><a:satMod val="105000"/></a:schemeClr></a:solidFill>`;
const font = (latin: string) => `<a:latin typeface="${latin}"/><a:ea typeface=""/><a:cs typeface=""/>`;

export const THEME_XML =
  XML_DECLARATION +
  `<a:theme xmlns:a="${NS.drawingMain}" name="Office Theme"><a:themeElements>` +
  `<a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>` +
  COLOURS.map(([k, v]) => `<a:${k}><a:srgbClr val="${v}"/></a:${k}>`).join("") +
  `</a:clrScheme>` +
  `<a:fontScheme name="Office"><a:majorFont>${font("Cambria")}</a:majorFont><a:minorFont>${font("Calibri")}</a:minorFont></a:fontScheme>` +
  `<a:fmtScheme name="Office">` +
  `<a:fillStyleLst>${solid.repeat(3)}</a:fillStyleLst>` +
  `<a:lnStyleLst>${line(9525, thin)}${line(25400)}${line(38100)}</a:lnStyleLst>` +
  `<a:effectStyleLst>${`<a:effectStyle><a:effectLst/></a:effectStyle>`.repeat(3)}</a:effectStyleLst>` +
  `<a:bgFillStyleLst>${solid.repeat(3)}</a:bgFillStyleLst>` +
  `</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>`;
