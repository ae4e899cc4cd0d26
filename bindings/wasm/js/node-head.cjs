'use strict';
// ahrefs-filter for node, CommonJS (build.sh writes this file from js/node-head.cjs,
// js/core.js and js/node-tail.cjs).
const raw = require('./ahrefs_filter_wasm.js');
