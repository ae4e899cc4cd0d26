// ahrefs-filter for browsers, ES module (build.sh writes this file from js/web-head.js,
// js/core.js and js/web-tail.js). Call `await init()` once before anything else.
import wasmInit, { initSync as wasmInitSync } from './ahrefs_filter_wasm.js';
import * as exports from './ahrefs_filter_wasm.js';

let loaded = false;
// The exports, refusing to run before the module is loaded.
const raw = new Proxy(exports, {
  get(target, name) {
    if (!loaded) throw new Error('ahrefs-filter: call `await init()` before using it');
    return target[name];
  },
});
