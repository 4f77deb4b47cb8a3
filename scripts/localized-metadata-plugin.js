/**
 * Emits functions.nb-NO.json next to the functions.json that custom-functions-metadata-plugin
 * generates: the same metadata (ids, names, parameters unchanged: names are the same in every
 * language) with the descriptions and help URLs of src/functions/metadata.nb-NO.json.
 * In production it also rewrites the localhost help URLs of both files to the public base.
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

class LocalizedMetadataPlugin {
  /** @param {{ source: string, target: string, table: object, rewrite: (text: string) => string }} options */
  constructor(options) {
    this.options = options;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap(PLUGIN, (compilation) => {
      // DERIVED: after every plugin has added its assets (the metadata plugin adds functions.json early).
      compilation.hooks.processAssets.tap({ name: PLUGIN, stage: Compilation.PROCESS_ASSETS_STAGE_DERIVED }, () => {
        const { source, target, table, rewrite } = this.options;
        const asset = compilation.getAsset(source);
        if (!asset) {
          compilation.errors.push(new WebpackError(`${PLUGIN}: ${source} was not generated`));
          return;
        }
        try {
          const metadata = JSON.parse(asset.source.source().toString());
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

module.exports = { LocalizedMetadataPlugin, localizeMetadata };
