/** End-to-end tests: built bundles, LibreOffice headless, Chromium. Run after `npm run build`. */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test/e2e"],
  globalSetup: "<rootDir>/test/global-setup.js",
  testMatch: ["**/*.test.ts"],
  testTimeout: 180000,
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
};
