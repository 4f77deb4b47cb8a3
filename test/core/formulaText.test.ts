/** Formula text compared as a spreadsheet reads it (core/workbook/formulaText.ts). */
import { formulaKey, sameFormula } from "../../src/core/workbook/formulaText";

describe("sameFormula", () => {
  it.each([
    ["=SUM(Kostnader[2009])", "sum( Kostnader[2009] )"],
    ["=ROUND($Q$15,0)-SUMPRODUCT(INT($Q$8:$Q$14))", "=round(Q15, 0) - sumproduct(int(Q8:Q14))"],
    ["=INDEX(Kommuner[Innbyggere 2026],1)", "=INDEX(Kommuner[[#Data],[Innbyggere 2026]],1)"],
    ["=Kommuner[@Innbyggere]", "=Kommuner[[#This Row],[Innbyggere]]"],
    ["=Kommuner[@[Innbyggere 2026]]", "=Kommuner[[#This Row],[Innbyggere 2026]]"],
    ["=IFNA(A1,0)", "_xlfn.IFNA(A1,0)"],
    ["=INDEX(Kommuner[Kommune],1)&\"\"", "=@INDEX(Kommuner[Kommune],1)&\"\""],
    ['=SUMIFS(Finansiering[2009],Finansiering[Art],"Kommunene")', '=SUMIFS(Finansiering[[2009]],Finansiering[Art],"kommunene")'],
  ])("%s is %s", (a, b) => expect(sameFormula(a, b)).toBe(true));

  it.each([
    ["=INT(Q8)+IF(S8<$R$15,1,0)", "=96403+0"],
    ["=SUM(C6:E6)", "=SUM(C6:D6)"],
    ['=INDEX(Kostnader[Art],1)&""', '=INDEX(Kostnader[Art],1)&" "'],
    ['=MATCH("Andel likt fordelt",Parametere[Parameter],0)', '=MATCH("Andel  likt fordelt",Parametere[Parameter],0)'],
    ["=Kommuner[Innbyggere]", "=Kommuner[@Innbyggere]"],
  ])("%s is not %s", (a, b) => expect(sameFormula(a, b)).toBe(false));

  it("keeps string literals apart from the code around them, doubled quotes included", () => {
    expect(formulaKey('="a "" b"&x')).toBe('"A "" B"&X');
  });
});
