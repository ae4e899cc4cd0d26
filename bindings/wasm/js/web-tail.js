
/**
 * Loads the WebAssembly module; resolves once the other functions may be called.
 * `input` is where the .wasm is (a URL, a Response, bytes or a compiled module); by default
 * the ahrefs_filter_wasm_bg.wasm beside this file.
 */
export default async function init(input) {
  if (!loaded) {
    await wasmInit(input === undefined ? undefined : { module_or_path: input });
    loaded = true;
  }
}

/** Loads the WebAssembly module from its bytes or a compiled module, synchronously. */
export function initSync(module) {
  if (!loaded) {
    wasmInitSync({ module });
    loaded = true;
  }
}

export { init, check, fix, format, parse, lintUrl, lintUrls, cost, tables, table, v3, v3Url, FilterError };
