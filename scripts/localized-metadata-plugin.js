/**
 * Emits functions.nb-NO.json next to the functions.json that custom-functions-metadata-plugin
 * generates: the same metadata (ids, names, parameters unchanged: names are the same in every
 * language) with the descriptions and help URLs of src/functions/metadata.nb-NO.json.
 * In production it also rewrites the localhost help URLs of both files to the public base.
 *
 * It also adds to both files what JSDoc cannot say: `allowErrorForDataTypeAny: true`, so Excel
 * passes error cells to the functions instead of answering with the error itself, and
 * KBR.SPLIT can say «populations, rad 3: ...». Office reads that flag only at the top level of
 * the file (custom-functions-json, "allowErrorForDataTypeAny"), and it applies to every
 * parameter of type `any`: the `errorInputs` option names the parameters that must get error
 * values, and the build fails when one of them is missing or is not of type `any`.
 */
"use strict";
const { Compilation, WebpackError, sources } = require("webpack");

const PLUGIN = "LocalizedMetadataPlugin";

/**
 * Returns `metadata` translated by `table` ({ [id]: { description, helpUrl?, parameters: { [name]: text } } }).
 * Throws when a function or parameter has no translation, or the table names one that does not exist,
 * so a new parameter cannot ship in English only.
 */
function localizeMetadata(metadata, table) {
  const out = JSON.parse(JSON.stringify(metadata));
  const problems = [];
  for (const fn of out.functions) {
    const t = table[fn.id];
    if (!t) {
      problems.push(`no nb-NO texts for function ${fn.id}`);
      continue;
    }
    if (typeof t.description !== "string" || !t.description) problems.push(`${fn.id}: no nb-NO description`);
    fn.description = t.description;
    if (t.helpUrl) fn.helpUrl = t.helpUrl;
    const names = new Set((fn.parameters || []).map((p) => p.name));
    for (const p of fn.parameters || []) {
      const text = t.parameters && t.parameters[p.name];
      if (typeof text !== "string" || !text) problems.push(`${fn.id}: no nb-NO description for parameter ${p.name}`);
      p.description = text;
    }
    for (const name of Object.keys(t.parameters || {})) {
      if (!names.has(name)) problems.push(`${fn.id}: nb-NO text for unknown parameter ${name}`);
    }
  }
  const ids = new Set(out.functions.map((f) => f.id));
  for (const id of Object.keys(table)) if (!ids.has(id)) problems.push(`nb-NO texts for unknown function ${id}`);
  if (problems.length) throw new Error(problems.join("; "));
  return out;
}

/**
 * Returns `metadata` with `allowErrorForDataTypeAny: true`, after checking that every parameter
 * of `errorInputs` ({ [functionId]: [parameterName] }) exists and has type `any` (the only type
 * Excel passes errors to). Throws otherwise.
 */
function allowErrorInputs(metadata, errorInputs) {
  const problems = [];
  for (const [id, names] of Object.entries(errorInputs)) {
    const fn = metadata.functions.find((f) => f.id === id);
    if (!fn) {
      problems.push(`error inputs for unknown function ${id}`);
      continue;
    }
    for (const name of names) {
      const p = (fn.parameters || []).find((q) => q.name === name);
      if (!p) problems.push(`${id}: error inputs for unknown parameter ${name}`);
      else if (p.type !== "any") problems.push(`${id}: parameter ${name} has type ${p.type}, but Excel passes error values only to type any`);
    }
  }
  if (problems.length) throw new Error(problems.join("; "));
  return { ...metadata, allowErrorForDataTypeAny: true };
}

class LocalizedMetadataPlugin {
  /** @param {{ source: string, target: string, table: object, errorInputs: Record<string, string[]>, rewrite: (text: string) => string }} options */
  constructor(options) {
    this.options = options;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap(PLUGIN, (compilation) => {
      // DERIVED: after every plugin has added its assets (the metadata plugin adds functions.json early).
      compilation.hooks.processAssets.tap({ name: PLUGIN, stage: Compilation.PROCESS_ASSETS_STAGE_DERIVED }, () => {
        const { source, target, table, errorInputs, rewrite } = this.options;
        const asset = compilation.getAsset(source);
        if (!asset) {
          compilation.errors.push(new WebpackError(`${PLUGIN}: ${source} was not generated`));
          return;
        }
        try {
          const metadata = allowErrorInputs(JSON.parse(asset.source.source().toString()), errorInputs || {});
          const localized = localizeMetadata(metadata, table);
          compilation.updateAsset(source, new sources.RawSource(rewrite(JSON.stringify(metadata, null, 2))));
          compilation.emitAsset(target, new sources.RawSource(rewrite(JSON.stringify(localized, null, 2))));
        } catch (e) {
          compilation.errors.push(new WebpackError(`${PLUGIN}: ${e.message}`));
        }
      });
    });
  }
}

module.exports = { LocalizedMetadataPlugin, localizeMetadata, allowErrorInputs };
