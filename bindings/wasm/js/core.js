// The package's API over the WebAssembly exports (`raw`), shared by the node build
// (index.cjs, index.mjs) and the browser build (pkg-web/index.js); build.sh wraps it in
// each one's module syntax. The exports take strings and return words (src/tape.rs says
// how they are laid out): results become plain objects here, and failures a FilterError.

/** A call that failed: a filter that does not parse, an unknown table, a bad option. */
class FilterError extends Error {
  constructor(message, kind, diagnostics) {
    super(message);
    this.name = 'FilterError';
    /** `"syntax"`, `"unknown-table"` or `"invalid-options"`. */
    this.kind = kind;
    /** The diagnostics behind the error (none for a bad option). */
    this.diagnostics = diagnostics;
  }
}

// Tells the module today's date (UTC, as the CLI uses) for the `future-date` lint when the
// day changes: WebAssembly has no clock.
let tomorrow = 0;
function updateToday() {
  const now = Date.now();
  if (now >= tomorrow) {
    raw.setToday(new Date(now).toISOString().slice(0, 10));
    tomorrow = (Math.floor(now / 86400000) + 1) * 86400000;
  }
}

const OPTION_KEYS = new Set(['noLint', 'schema', 'today']);

const NO_OPTIONS = [undefined, undefined, undefined];

// The options object as the exports take it: the codes joined by commas, the schema as JSON
// text, and the date the options name (else the module uses the host's).
function optionArgs(options) {
  updateToday();
  if (options === undefined || options === null) return NO_OPTIONS;
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError('options must be an object: { noLint, schema, today }');
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key)) {
      throw new FilterError(`unknown option \`${key}\`; the options are noLint, schema and today`, 'invalid-options', []);
    }
  }
  const { noLint, schema, today } = options;
  let codes;
  if (noLint !== undefined && noLint !== null) {
    if (!Array.isArray(noLint) || !noLint.every((c) => typeof c === 'string' && !c.includes(','))) {
      throw new TypeError('noLint must be an array of warning codes');
    }
    codes = noLint.join(',');
  }
  let schemaText;
  if (schema !== undefined && schema !== null) {
    schemaText = typeof schema === 'string' ? schema : JSON.stringify(schema);
  }
  if (today !== undefined && today !== null && typeof today !== 'string') {
    throw new TypeError('today must be a string, YYYY-MM-DD');
  }
  return [codes, schemaText, today ?? undefined];
}

function schemaArg(options) {
  return optionArgs(options)[1];
}

function text(value, name) {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string`);
  return value;
}

function required(value, name) {
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string`);
  return value;
}

// The names (field and variant names) the module has sent, by number: each crosses once.
const names = [];
const halves = new Uint32Array(2);
const double = new Float64Array(halves.buffer);

// The value of an export's words and the text that goes with them (src/tape.rs).
function read(words, text) {
  const end = 3 + words[2];
  let at = 3;
  const value = () => {
    switch (words[at++]) {
      case 0: return null;
      case 1: return false;
      case 2: return true;
      case 3: return words[at++] | 0;
      case 4: halves[0] = words[at++]; halves[1] = words[at++]; return double[0];
      case 5: { const start = words[at++]; return text.slice(start, words[at++]); }
      case 6: {
        const array = new Array(words[at++]);
        for (let i = 0; i < array.length; i++) array[i] = value();
        return array;
      }
      case 7: {
        const object = {};
        for (let n = words[at++]; n > 0; n--) {
          const key = value();
          object[key] = value();
        }
        return object;
      }
      case 8: return names[words[at++]];
      case 9: {
        const start = words[at++];
        const name = text.slice(start, words[at++]);
        names.push(name);
        return name;
      }
      default: throw new Error(`ahrefs-filter: no value starts with ${words[at - 1]}`);
    }
  };
  const result = value();
  if (at !== end) throw new Error('ahrefs-filter: a result with words left over');
  return result;
}

// Runs an export: its result as a value, its error thrown as a FilterError.
function call(run) {
  let words = run();
  let text = raw.takeText();
  if (words[1] !== names.length) {
    // The two tables of names disagree (the module's exports were also called directly, or
    // a result was lost): both start again, and the call is made again, sending them all.
    raw.forgetNames();
    names.length = 0;
    words = run();
    text = raw.takeText();
  }
  const value = read(words, text);
  if (words[0] === 0) return value;
  if (typeof value === 'string') throw new Error(value);
  throw new FilterError(value.message, value.kind, value.diagnostics);
}

function check(table, where, having, options) {
  table = required(table, 'table');
  where = text(where, 'where');
  having = text(having, 'having');
  const [noLint, schema, today] = optionArgs(options);
  return call(() => raw.check(table, where, having, noLint, schema, today));
}

function fix(table, where, having, options) {
  table = required(table, 'table');
  where = text(where, 'where');
  having = text(having, 'having');
  const [noLint, schema, today] = optionArgs(options);
  return call(() => raw.fix(table, where, having, noLint, schema, today));
}

function format(filter) {
  filter = required(filter, 'filter');
  return call(() => raw.format(filter));
}

function parse(filter) {
  filter = required(filter, 'filter');
  return JSON.parse(call(() => raw.parse(filter)));
}

function lintUrl(url, options) {
  url = required(url, 'url');
  const [noLint, schema, today] = optionArgs(options);
  return call(() => raw.lintUrl(url, noLint, schema, today));
}

function lintUrls(urls, options) {
  if (!Array.isArray(urls) || !urls.every((u) => typeof u === 'string')) {
    throw new TypeError('urls must be an array of strings');
  }
  const [noLint, schema, today] = optionArgs(options);
  return call(() => raw.lintUrls(urls, noLint, schema, today));
}

function cost(table, rows, where, having, options) {
  table = required(table, 'table');
  if (typeof rows !== 'number') throw new TypeError('rows must be a number');
  where = text(where, 'where');
  having = text(having, 'having');
  const schema = schemaArg(options);
  return call(() => raw.cost(table, rows, where, having, schema));
}

function tables(options) {
  const schema = schemaArg(options);
  return call(() => raw.tables(schema));
}

function table(name, options) {
  name = required(name, 'name');
  const schema = schemaArg(options);
  return call(() => raw.table(name, schema));
}

const V3_OPTION_KEYS = new Set(['history', 'boolLiteral', 'dates']);

// The v3 options as the exports take them: each the text of the CLI's flag.
function v3OptionArgs(options) {
  if (options === undefined || options === null) return NO_OPTIONS;
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError('options must be an object: { history, boolLiteral, dates }');
  }
  for (const key of Object.keys(options)) {
    if (!V3_OPTION_KEYS.has(key)) {
      throw new FilterError(`unknown option \`${key}\`; the v3 options are history, boolLiteral and dates`, 'invalid-options', []);
    }
  }
  return [text(options.history, 'history'), text(options.boolLiteral, 'boolLiteral'), text(options.dates, 'dates')];
}

function v3(table, where, having, options) {
  table = required(table, 'table');
  where = text(where, 'where');
  having = text(having, 'having');
  const [history, boolLiteral, dates] = v3OptionArgs(options);
  return call(() => raw.v3(table, where, having, history, boolLiteral, dates));
}

function v3Url(url, options) {
  url = required(url, 'url');
  const [history, boolLiteral, dates] = v3OptionArgs(options);
  return call(() => raw.v3Url(url, history, boolLiteral, dates));
}
