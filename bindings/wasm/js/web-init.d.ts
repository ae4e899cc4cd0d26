
/**
 * Loads the WebAssembly module; call it once, and await it, before any other function.
 * `input` is where the .wasm is; by default the ahrefs_filter_wasm_bg.wasm beside this file.
 */
export default function init(
  input?: string | URL | Request | Response | BufferSource | WebAssembly.Module,
): Promise<void>;
export { init };

/** Loads the WebAssembly module from its bytes or a compiled module, synchronously. */
export declare function initSync(module: BufferSource | WebAssembly.Module): void;
