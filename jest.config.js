/**
 * Unit tests: plain Node, no Office, no browser, no LibreOffice. The Office.js adapter's tests
 * (test/excel) run twice, against an Excel double at ExcelApi 1.9 and at 1.7 (test/excel/fakeApi.ts):
 * `npx jest --selectProjects "excel 1.7"` runs one level only.
 */
const base = {
  preset: "ts-jest",
  testEnvironment: "node",
  testMatch: ["**/*.test.ts"],
  // CI has 2 cores; jest's 5 s default fails slow-but-correct hooks under load. Speed targets
  // live in the benchmarks, not here.
  testTimeout: 30_000,
  moduleNameMapper: {
    // office-addin-mock pulls in office-addin-manifest, which is ESM-only; the mock never uses it.
    "^office-addin-manifest$": "<rootDir>/test/stubs/office-addin-manifest.js",
  },
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: { warnOnly: false } }] },
};

module.exports = {
  globalSetup: "<rootDir>/test/global-setup.js",
  projects: [
    { ...base, displayName: "unit", roots: ["<rootDir>/test"], testPathIgnorePatterns: ["/node_modules/", "/test/e2e/", "/test/excel/"] },
    { ...base, displayName: "excel 1.9", roots: ["<rootDir>/test/excel"], globals: { KBR_EXCEL_API: "1.9" } },
    { ...base, displayName: "excel 1.7", roots: ["<rootDir>/test/excel"], globals: { KBR_EXCEL_API: "1.7" } },
  ],
};
