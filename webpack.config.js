/**
 * Builds the add-in into dist/: functions.js (custom functions, loads alone), taskpane.js +
 * taskpane.html (the shared-runtime page, which also loads functions.js), functions.json
 * (generated from the JSDoc of src/functions/functions.ts, plus allowErrorForDataTypeAny),
 * functions.nb-NO.json, manifest.xml and assets. `--mode production` rewrites every
 * https://localhost:3000 URL to KBR_PUBLIC_URL.
 */
"use strict";
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { DEV_BASE_URL, publicBaseUrl, rewriteDevUrls } = require("./scripts/public-url");
const { LocalizedMetadataPlugin } = require("./scripts/localized-metadata-plugin");
const nbMetadata = require("./src/functions/metadata.nb-NO.json");

/** The dev server's certificate: office-addin-dev-certs (trusted by Office on Windows/Mac) when it works. */
async function httpsServer() {
  try {
    const devCerts = require("office-addin-dev-certs");
    return { type: "https", options: await devCerts.getHttpsServerOptions() };
  } catch (e) {
    console.warn(`office-addin-dev-certs unavailable (${e.message}); using a self-signed https certificate.`);
    return { type: "https" };
  }
}

module.exports = async (env, argv) => {
  const dev = argv.mode !== "production";
  const baseUrl = dev ? DEV_BASE_URL : publicBaseUrl();
  const rewrite = (text) => (dev ? text : rewriteDevUrls(text, baseUrl));

  return {
    mode: dev ? "development" : "production",
    // No eval-based source maps: the task pane's Content-Security-Policy forbids eval.
    devtool: dev ? "source-map" : false,
    target: ["web", "es2020"],
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/taskpane.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              // Type errors of the bundled files fail the build; other files are `npm run lint`'s job.
              onlyCompileBundledFiles: true,
              // ES modules let webpack drop unused core code from functions.js.
              compilerOptions: { module: "es2020", sourceMap: dev },
            },
          },
        },
      ],
    },
    // Each entry keeps its own runtime, so functions.js loads alone in a JavaScript-only runtime.
    optimization: { splitChunks: false, runtimeChunk: false },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      new LocalizedMetadataPlugin({
        source: "functions.json",
        target: "functions.nb-NO.json",
        table: nbMetadata,
        // The range arguments whose error cells the functions report by row (see src/functions).
        errorInputs: { SPLIT: ["populations"], RESOURCE_SHARE: ["municipality", "weights"] },
        rewrite,
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: the task pane page also hosts the custom functions.
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
        scriptLoading: "defer",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "manifest.xml", to: "manifest.xml", transform: (content) => rewrite(content.toString()) },
          { from: "assets/*.png", to: "assets/[name][ext]" },
          // Plain CSS files, linked in this order from taskpane.html: no CSS loader, and no 'unsafe-inline' in the CSP.
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          { from: "src/taskpane/panels.css", to: "panels.css" },
          // The functions' help pages (each function's helpUrl, in en-US and nb-NO).
          { from: "src/help", to: "help" },
        ],
      }),
      {
        // Records how and when dist/ was built, so the tests can tell a production build from a
        // dev one, and a stale build from a fresh one (the time makes webpack write it every build).
        apply(compiler) {
          compiler.hooks.thisCompilation.tap("BuildInfo", (compilation) => {
            compilation.hooks.processAssets.tap({ name: "BuildInfo", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
              const info = { mode: dev ? "development" : "production", baseUrl, builtAt: new Date().toISOString() };
              compilation.emitAsset("build-info.json", new compiler.webpack.sources.RawSource(JSON.stringify(info, null, 2)));
            });
          });
        },
      },
    ],
    devServer: {
      port: 3000,
      headers: { "Access-Control-Allow-Origin": "*" },
      static: { directory: path.resolve(__dirname, "dist") },
      server: env && env.WEBPACK_SERVE ? await httpsServer() : "https",
    },
  };
};
