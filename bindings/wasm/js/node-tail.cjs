
module.exports = { check, fix, format, parse, lintUrl, lintUrls, cost, tables, table, FilterError };
