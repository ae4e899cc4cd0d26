
module.exports = { check, fix, format, parse, lintUrl, lintUrls, cost, tables, table, v3, v3Url, FilterError };
