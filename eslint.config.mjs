import js from "@eslint/js";
import officeAddins from "eslint-plugin-office-addins";
import tseslint from "typescript-eslint";

/**
 * Microsoft's Office add-in rules (sync before read, load before read, no sync in a loop, ...) at
 * the severities of the plugin's `recommended` config. Only its office-addins/* rules: the rest of
 * that config (prettier, an ES6 parser setup, its own @typescript-eslint) would fight ours.
 */
const officeAddinRules = Object.fromEntries(
  officeAddins.configs.recommended.flatMap((c) => Object.entries(c.rules ?? {})).filter(([name]) => name.startsWith("office-addins/")),
);

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "lib/", "coverage/", "test-output/", "**/*.js", "**/*.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  {
    // Everything that can reach Office.js. Not src/xlsx/: ExcelJS's cell.value and ws.getColumn()
    // look like Office.js proxies to these rules (read before load/sync), yet are plain objects.
    files: ["src/**/*.ts"],
    ignores: ["src/xlsx/**"],
    plugins: { "office-addins": officeAddins },
    rules: officeAddinRules,
  },
);
