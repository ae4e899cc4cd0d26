// ahrefs-filter for node, ES module: the CommonJS build's exports, so both module systems
// share one WebAssembly instance.
import api from './index.cjs';

export const { check, fix, format, parse, lintUrl, lintUrls, cost, tables, table, v3, v3Url, FilterError } =
  api;
export default api;
