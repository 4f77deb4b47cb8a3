/**
 * cutOurAnchors (src/xlsx/write/drawing.ts): which anchors of a generated sheet's drawing are
 * ours, what stays byte for byte, where our new anchor goes, and which relationships drop.
 */
import { cutOurAnchors } from "../../src/xlsx/write/drawing";

const XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const frame = (id: number, name: string, rid: string) =>
  `<xdr:absoluteAnchor><xdr:pos x="0" y="0"/><xdr:ext cx="1" cy="1"/><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id}" name="${name}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm/><a:graphic><a:graphicData uri="c"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${R}" r:id="${rid}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:absoluteAnchor>`;
const pic = (id: number, rid: string) =>
  `<xdr:absoluteAnchor><xdr:pos x="0" y="0"/><xdr:ext cx="1" cy="1"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="${id}" name="Bilde ${id}"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip xmlns:r="${R}" r:embed="${rid}"/></xdr:blipFill><xdr:spPr/></xdr:pic><xdr:clientData/></xdr:absoluteAnchor>`;
const root = (body: string, ns = `xmlns:xdr="${XDR}" xmlns:a="${A}"`) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr ${ns}>${body}</xdr:wsDr>`;
const never = () => Promise.resolve(false);

test("our anchor in the middle: the user's stay as written around its place, only its relationship drops", async () => {
  const user1 = pic(2, "rId2");
  const user2 = frame(7, "Diagram 2", "rId3");
  const xml = root(`${user1}<!-- keep me -->\n${frame(5, "KBR_DIAGRAM_Kommunebidrag", "rId1")}\n${user2}`);
  const cut = await cutOurAnchors(xml, new Set(["rId1", "rId2", "rId3"]), never);
  expect(cut.head).toBe(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${XDR}" xmlns:a="${A}">${user1}<!-- keep me -->\n`);
  expect(cut.tail).toBe(`\n${user2}</xdr:wsDr>`);
  expect([...cut.droppedRids]).toEqual(["rId1"]);
  expect([cut.userAnchors, cut.maxId, cut.prefixesBound]).toEqual([2, 7, true]);
});

test("a relationship our anchor shares with a user's stays; with no anchor of ours the new one goes at the end", async () => {
  const ours = pic(3, "rId1").replace('name="Bilde 3"', 'name="kbr_logo"');
  const user = pic(2, "rId1");
  const shared = await cutOurAnchors(root(ours + user), new Set(["rId1"]), never);
  expect([...shared.droppedRids]).toEqual([]);
  expect(shared.head + shared.tail).toBe(root(user));
  const none = await cutOurAnchors(root(user), new Set(["rId1"]), never);
  expect(none.head).toBe(root(user).replace("</xdr:wsDr>", ""));
  expect(none.tail).toBe("</xdr:wsDr>");
});

test("the legacy name counts as ours only when its chart is ours; a root binding other prefixes is noticed", async () => {
  const xml = root(frame(2, "Diagram 1", "rId1") + frame(3, "Diagram 2", "rId2"), `xmlns:xdr="${XDR}" xmlns:a="urn:other"`);
  const asked: string[] = [];
  const legacy = await cutOurAnchors(xml, new Set(["rId1", "rId2"]), (rid) => {
    asked.push(rid);
    return Promise.resolve(rid === "rId1");
  });
  expect(asked).toEqual(["rId1"]);
  expect([...legacy.droppedRids]).toEqual(["rId1"]);
  expect(legacy.userAnchors).toBe(1);
  expect(legacy.prefixesBound).toBe(false);
  const user = await cutOurAnchors(xml, new Set(["rId1", "rId2"]), never);
  expect([user.userAnchors, user.droppedRids.size]).toEqual([2, 0]);
  // A group's inner shapes count for the next id too.
  const group = `<xdr:absoluteAnchor><xdr:pos x="0" y="0"/><xdr:ext cx="1" cy="1"/><xdr:grpSp><xdr:nvGrpSpPr><xdr:cNvPr id="4" name="Gruppe 4"/><xdr:cNvGrpSpPr/></xdr:nvGrpSpPr><xdr:grpSpPr/><xdr:sp><xdr:nvSpPr><xdr:cNvPr id="9" name="Tekstboks 9"/><xdr:cNvSpPr/></xdr:nvSpPr><xdr:spPr/></xdr:sp></xdr:grpSp><xdr:clientData/></xdr:absoluteAnchor>`;
  const grouped = await cutOurAnchors(root(group + frame(12, "KBR_DIAGRAM_Budsjett", "rId1")), new Set(["rId1"]), never);
  expect([grouped.userAnchors, grouped.maxId]).toEqual([1, 9]);
  // Only ours: nothing of the user's to keep.
  const onlyOurs = await cutOurAnchors(root(frame(2, "KBR_DIAGRAM_Budsjett", "rId1")), new Set(["rId1"]), never);
  expect(onlyOurs.userAnchors).toBe(0);
});

test("malformed XML throws (the writer then drops the drawing whole)", async () => {
  await expect(cutOurAnchors(`<xdr:wsDr xmlns:xdr="${XDR}"><xdr:absoluteAnchor></xdr:wsDr>`, new Set(), never)).rejects.toThrow();
});
