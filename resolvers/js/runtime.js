// The APPSYNC_JS runtime a resolver's code sees: `util`, `runtime`, `extensions` and the
// modules `@aws-appsync/utils` and `@aws-appsync/utils/dynamodb`. Loaded once per engine;
// `__py(name, argsJson)` is the bridge to the shared Python `$util` implementations.
// ES2022 built-ins AppSync offers that this QuickJS build lacks.
(function () {
  'use strict';
  function define(target, name, value) {
    if (typeof target[name] !== 'function') {
      Object.defineProperty(target, name, { value, writable: true, configurable: true });
    }
  }
  define(Object, 'hasOwn', function hasOwn(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key);
  });
  function at(index) {
    const n = Math.trunc(index) || 0;
    const i = n < 0 ? this.length + n : n;
    return i >= 0 && i < this.length ? this[i] : undefined;
  }
  define(Array.prototype, 'at', at);
  define(String.prototype, 'at', function (index) {
    const ch = at.call(this, index);
    return ch === undefined ? undefined : String(ch);
  });
  define(Array.prototype, 'findLast', function findLast(fn, self) {
    for (const i of Object.keys(this).reverse()) {
      if (fn.call(self, this[i], Number(i), this)) return this[i];
    }
    return undefined;
  });
  define(Array.prototype, 'findLastIndex', function findLastIndex(fn, self) {
    for (const i of Object.keys(this).reverse()) {
      if (fn.call(self, this[i], Number(i), this)) return Number(i);
    }
    return -1;
  });
})();

(function () {
'use strict';
const __py = globalThis.__py;
// Captured before the guards at the end of this file replace them for the resolver's code.
const __create = Object.create;
const __now = Date.now;
const __random = Math.random;
const __state = { errors: [], extensions: {}, logs: [], headers: {} };
const __codes = {};
const __ERROR = Symbol('appsyncError');
const __EARLY = Symbol('earlyReturn');

function __call(name, args) {
  const out = JSON.parse(__py(name, JSON.stringify(args)));
  if (out.error !== undefined) {
    throw new Error(out.error);
  }
  return out.value;
}

function __fail(message, type, data, info) {
  const err = { message: message === undefined || message === null ? null : String(message) };
  err.type = type === undefined ? null : type;
  err.data = data === undefined ? null : data;
  err.info = info === undefined ? null : info;
  err[__ERROR] = true;
  return err;
}

function __number(value) {
  return String(value);
}

function __toDynamoDB(value) {
  if (value === null || value === undefined) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'boolean') return { BOOL: value };
  if (typeof value === 'number') return { N: __number(value) };
  if (Array.isArray(value)) return { L: value.map(__toDynamoDB) };
  if (typeof value === 'object') return { M: __mapValues(value) };
  return { S: String(value) };
}

function __mapValues(obj) {
  const out = {};
  for (const k of Object.keys(obj)) {
    if (obj[k] !== undefined) out[k] = __toDynamoDB(obj[k]);
  }
  return out;
}

const __dynamodb = {
  toDynamoDB: __toDynamoDB,
  toString: (v) => ({ S: v }),
  toStringSet: (v) => ({ SS: v }),
  toNumber: (v) => ({ N: __number(v) }),
  toNumberSet: (v) => ({ NS: v.map(__number) }),
  toBinary: (v) => ({ B: v }),
  toBinarySet: (v) => ({ BS: v }),
  toBoolean: (v) => ({ BOOL: v }),
  toNull: () => ({ NULL: true }),
  toList: (v) => ({ L: v.map(__toDynamoDB) }),
  toMap: (v) => ({ M: __mapValues(v) }),
  toMapValues: __mapValues,
  toS3Object: (key, bucket, region, version) => __call('dynamodb.toS3Object', [key, bucket, region, version]),
  fromS3ObjectJson: (text) => __call('dynamodb.fromS3ObjectJson', [text]),
};

function __isBlank(v) {
  return typeof v === 'string' && v.trim() === '';
}

const util = {
  error(message, type, data, info) {
    throw __fail(message, type, data, info);
  },
  appendError(message, type, data, info) {
    __state.errors.push(__fail(message, type, data, info));
  },
  unauthorized() {
    const info = __state.ctx.info || {};
    throw __fail(`Not Authorized to access ${info.fieldName} on type ${info.parentTypeName}`,
      'Unauthorized');
  },
  autoId: () => __call('autoId', []),
  autoUlid: () => __call('autoUlid', []),
  autoKsuid: () => __call('autoKsuid', []),
  escapeJavaScript: (text) => __call('escapeJavaScript', [text]),
  urlEncode: (text) => __call('urlEncode', [text]),
  urlDecode: (text) => __call('urlDecode', [text]),
  base64Encode: (text) => __call('base64Encode', [text]),
  base64Decode: (text) => __call('base64Decode', [text]),
  isNull: (v) => v === null || v === undefined,
  isNullOrEmpty: (v) => v === null || v === undefined || v === '' ||
    (Array.isArray(v) && v.length === 0) ||
    (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0),
  isNullOrBlank: (v) => v === null || v === undefined || __isBlank(v),
  defaultIfNull: (v, d) => (v === null || v === undefined ? d : v),
  defaultIfNullOrEmpty: (v, d) => (util.isNullOrEmpty(v) ? d : v),
  defaultIfNullOrBlank: (v, d) => (util.isNullOrBlank(v) ? d : v),
  isString: (v) => typeof v === 'string',
  isNumber: (v) => typeof v === 'number',
  isBoolean: (v) => typeof v === 'boolean',
  isList: (v) => Array.isArray(v),
  isMap: (v) => v !== null && typeof v === 'object' && !Array.isArray(v),
  typeOf(v) {
    if (v === null || v === undefined) return 'Null';
    if (typeof v === 'string') return 'String';
    if (typeof v === 'number') return 'Number';
    if (typeof v === 'boolean') return 'Boolean';
    if (Array.isArray(v)) return 'List';
    return 'Map';
  },
  matches: (pattern, text) => __call('matches', [pattern, text]),
  authType: () => __authType(__state.ctx.identity),
  time: {
    nowISO8601: () => __call('time.nowISO8601', []),
    nowEpochSeconds: () => __call('time.nowEpochSeconds', []),
    nowEpochMilliSeconds: () => __call('time.nowEpochMilliSeconds', []),
    nowFormatted: (f, tz) => __call('time.nowFormatted', tz === undefined ? [f] : [f, tz]),
    parseFormattedToEpochMilliSeconds: (t, f, tz) =>
      __call('time.parseFormattedToEpochMilliSeconds', tz === undefined ? [t, f] : [t, f, tz]),
    parseISO8601ToEpochMilliSeconds: (t) => __call('time.parseISO8601ToEpochMilliSeconds', [t]),
    epochMilliSecondsToSeconds: (m) => __call('time.epochMilliSecondsToSeconds', [m]),
    epochMilliSecondsToISO8601: (m) => __call('time.epochMilliSecondsToISO8601', [m]),
    epochMilliSecondsToFormatted: (m, f, tz) =>
      __call('time.epochMilliSecondsToFormatted', tz === undefined ? [m, f] : [m, f, tz]),
  },
  dynamodb: __dynamodb,
  transform: {
    toDynamoDBFilterExpression: (f) => __call('transform.toDynamoDBFilterExpression', [f]),
    toDynamoDBConditionExpression: (f) => __call('transform.toDynamoDBConditionExpression', [f]),
    toElasticsearchQueryDSL: (f) => __call('transform.toElasticsearchQueryDSL', [f]),
    toSubscriptionFilter: (f, ignored, rules) =>
      __call('transform.toSubscriptionFilter', [f, ignored === undefined ? null : ignored,
        rules === undefined ? null : rules]),
  },
  str: {
    toUpper: (s) => s.toUpperCase(),
    toLower: (s) => s.toLowerCase(),
    toReplace: (s, target, replacement) => s.split(target).join(replacement),
    normalize: (s, form) => s.normalize(String(form).toUpperCase()),
  },
  math: {
    roundNum: (v) => Math.round(v),
    minVal: (a, b) => Math.min(a, b),
    maxVal: (a, b) => Math.max(a, b),
    randomDouble: () => __random(),
    randomWithinRange: (lo, hi) => lo + Math.floor(__random() * (hi - lo)),
  },
  http: {
    copyHeaders: (headers) => __call('http.copyHeaders', [headers || {}]),
    addResponseHeader(name, value) {
      __state.headers[String(name)] = String(value);
    },
    addResponseHeaders(headers) {
      for (const k of Object.keys(headers)) __state.headers[k] = String(headers[k]);
    },
  },
};

const runtime = {
  earlyReturn(data) {
    const marker = { value: data === undefined ? null : data };
    marker[__EARLY] = true;
    throw marker;
  },
};

const extensions = {
  setSubscriptionFilter(filter) {
    __state.extensions.subscriptionFilter = filter;
  },
  setSubscriptionInvalidationFilter(filter) {
    __state.extensions.subscriptionInvalidationFilter = filter;
  },
  invalidateSubscriptions(invalidation) {
    (__state.extensions.invalidateSubscriptions ||= []).push(invalidation);
  },
  evictFromApiCache(typeName, fieldName, keys) {
    (__state.extensions.evictFromApiCache ||= []).push({ typeName, fieldName, keys });
  },
};

function __expression(obj) {
  if (obj === undefined || obj === null) return undefined;
  const out = JSON.parse(util.transform.toDynamoDBFilterExpression(obj));
  if (out.expressionValues && Object.keys(out.expressionValues).length === 0) {
    delete out.expressionValues;
  }
  return out;
}

// `_version` is a field of the request (the item version a versioned data source checks
// under the resolver's SyncConfig), not a condition.
function __withVersion(request, version) {
  if (version !== undefined && version !== null) request._version = version;
  return request;
}

function __clean(obj) {
  for (const k of Object.keys(obj)) {
    if (obj[k] === undefined) delete obj[k];
  }
  return obj;
}

const __OP = Symbol('ddbOperation');
function __op(type, value, index) {
  const op = { type, value, index };
  op[__OP] = true;
  return op;
}

const operations = {
  add: (v) => __op('add', v),
  remove: () => __op('remove'),
  replace: (v) => __op('replace', v),
  increment: (by) => __op('increment', by),
  decrement: (by) => __op('decrement', by),
  append: (items) => __op('append', items),
  prepend: (items) => __op('prepend', items),
  updateListItem: (item, index) => __op('updateListItem', item, index),
};

function __update(update) {
  const names = {};
  const values = {};
  const sets = [];
  const removes = [];
  const adds = [];
  let n = 0;
  function walk(obj, path) {
    for (const key of Object.keys(obj)) {
      const value = obj[key];
      if (value === undefined) continue;
      names[`#${key}`] = key;
      const target = path ? `${path}.#${key}` : `#${key}`;
      const isOp = value !== null && typeof value === 'object' && value[__OP] === true;
      if (!isOp && value !== null && typeof value === 'object' && !Array.isArray(value)) {
        walk(value, target);
        continue;
      }
      const name = `:${key}_${n}`;
      n += 1;
      if (!isOp) {
        sets.push(`${target} = ${name}`);
        values[name] = __toDynamoDB(value);
      } else if (value.type === 'replace') {
        sets.push(`${target} = ${name}`);
        values[name] = __toDynamoDB(value.value);
      } else if (value.type === 'remove') {
        removes.push(target);
      } else if (value.type === 'add') {
        adds.push(`${target} ${name}`);
        values[name] = __toDynamoDB(value.value);
      } else if (value.type === 'increment' || value.type === 'decrement') {
        const sign = value.type === 'increment' ? '+' : '-';
        sets.push(`${target} = ${target} ${sign} ${name}`);
        values[name] = __toDynamoDB(value.value === undefined ? 1 : value.value);
      } else if (value.type === 'append') {
        sets.push(`${target} = list_append(${target}, ${name})`);
        values[name] = __toDynamoDB(value.value);
      } else if (value.type === 'prepend') {
        sets.push(`${target} = list_append(${name}, ${target})`);
        values[name] = __toDynamoDB(value.value);
      } else if (value.type === 'updateListItem') {
        sets.push(`${target}[${value.index}] = ${name}`);
        values[name] = __toDynamoDB(value.value);
      }
    }
  }
  walk(update, '');
  const parts = [];
  if (sets.length) parts.push(`SET ${sets.join(', ')}`);
  if (adds.length) parts.push(`ADD ${adds.join(', ')}`);
  if (removes.length) parts.push(`REMOVE ${removes.join(', ')}`);
  const out = { expression: parts.join(' '), expressionNames: names };
  if (Object.keys(values).length) out.expressionValues = values;
  return out;
}

const ddb = {
  operations,
  get(p) {
    return __clean({ operation: 'GetItem', key: __mapValues(p.key), consistentRead: p.consistentRead,
      projection: p.projection });
  },
  put(p) {
    return __withVersion(__clean({ operation: 'PutItem', key: __mapValues(p.key),
      attributeValues: __mapValues(p.item || {}), condition: __expression(p.condition),
      customPartitionKey: p.customPartitionKey, populateIndexFields: p.populateIndexFields }), p._version);
  },
  remove(p) {
    return __withVersion(__clean({ operation: 'DeleteItem', key: __mapValues(p.key),
      condition: __expression(p.condition), customPartitionKey: p.customPartitionKey,
      populateIndexFields: p.populateIndexFields }), p._version);
  },
  update(p) {
    return __withVersion(__clean({ operation: 'UpdateItem', key: __mapValues(p.key),
      update: __update(p.update || {}), condition: __expression(p.condition),
      customPartitionKey: p.customPartitionKey, populateIndexFields: p.populateIndexFields }), p._version);
  },
  query(p) {
    return __clean({ operation: 'Query', query: __expression(p.query), filter: __expression(p.filter),
      index: p.index, nextToken: p.nextToken, limit: p.limit, scanIndexForward: p.scanIndexForward,
      consistentRead: p.consistentRead, select: p.select, projection: p.projection });
  },
  scan(p) {
    p = p || {};
    return __clean({ operation: 'Scan', filter: __expression(p.filter), index: p.index,
      nextToken: p.nextToken, limit: p.limit, consistentRead: p.consistentRead, segment: p.segment,
      totalSegments: p.totalSegments, select: p.select, projection: p.projection });
  },
  sync(p) {
    p = p || {};
    return __clean({ operation: 'Sync', basePartitionKey: p.basePartitionKey,
      deltaIndexName: p.deltaIndexName, limit: p.limit, nextToken: p.nextToken, lastSync: p.lastSync,
      filter: __expression(p.filter) });
  },
  batchGet(p) {
    const tables = {};
    for (const t of Object.keys(p.tables)) {
      const spec = p.tables[t];
      const keys = Array.isArray(spec) ? spec : spec.keys;
      tables[t] = __clean({ keys: keys.map(__mapValues),
        consistentRead: Array.isArray(spec) ? undefined : spec.consistentRead });
    }
    return { operation: 'BatchGetItem', tables };
  },
  batchPut(p) {
    const tables = {};
    for (const t of Object.keys(p.tables)) tables[t] = p.tables[t].map(__mapValues);
    return { operation: 'BatchPutItem', tables };
  },
  batchDelete(p) {
    const tables = {};
    for (const t of Object.keys(p.tables)) tables[t] = p.tables[t].map(__mapValues);
    return { operation: 'BatchDeleteItem', tables };
  },
  transactGet(p) {
    return { operation: 'TransactGetItems', transactItems: p.items.map((i) =>
      __clean({ table: i.table, key: __mapValues(i.key), projection: i.projection })) };
  },
  transactWrite(p) {
    return { operation: 'TransactWriteItems', transactItems: p.items.map((i) => {
      const key = __mapValues(i.key);
      const condition = __expression(i.condition);
      if (i.operation === 'put') {
        return __clean({ table: i.table, operation: 'PutItem', key,
          attributeValues: __mapValues(i.item || {}), condition });
      }
      if (i.operation === 'update') {
        return __clean({ table: i.table, operation: 'UpdateItem', key, update: __update(i.update || {}),
          condition });
      }
      if (i.operation === 'remove') {
        return __clean({ table: i.table, operation: 'DeleteItem', key, condition });
      }
      return __clean({ table: i.table, operation: 'ConditionCheck', key, condition });
    }) };
  },
};

const __modules = {
  '@aws-appsync/utils': { util, runtime, extensions },
  '@aws-appsync/utils/dynamodb': ddb,
};

const console = {
  log: (...args) => { __state.logs.push(args.map(__show).join(' ')); },
  error: (...args) => { __state.logs.push(args.map(__show).join(' ')); },
};
console.info = console.log;
console.warn = console.error;
console.debug = console.log;

function __show(v) {
  if (typeof v === 'string') return v;
  const text = JSON.stringify(v);
  return text === undefined ? String(v) : text;
}

// The per-call time limit: the code's loops and functions call `__tick` (inserted by
// `module.py`), the callback-taking Array methods too; past the deadline it throws a signal
// the code cannot catch (try/catch is refused), ending the call.
const __TIMEOUT = Symbol('timeout');
const __timedOut = Object.freeze({ [__TIMEOUT]: true });
let __deadline = Infinity;
let __ticks = 0;
function __tick() {
  __ticks += 1;
  if ((__ticks & 63) === 0 && __now() > __deadline) throw __timedOut;
}
function __each(iterable) {
  if (__now() > __deadline) throw __timedOut;
  return iterable;
}
for (const name of ['forEach', 'map', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find',
  'findIndex', 'findLast', 'findLastIndex', 'flatMap', 'sort']) {
  const original = Array.prototype[name];
  Object.defineProperty(Array.prototype, name, {
    value: function (...args) { __tick(); return original.apply(this, args); },
    writable: true,
    configurable: true,
  });
}

function __load(id, factory, limitMs) {
  __deadline = __now() + limitMs;
  try {
    __codes[id] = factory(__modules);
  } catch (e) {
    if (e === __timedOut) throw new Error('Execution timed out.');
    throw e;
  } finally {
    __deadline = Infinity;
  }
}

const __FIELDS = ['arguments', 'stash', 'prev', 'result', 'error', 'identity', 'source', 'info',
  'request'];
const __RAW = Symbol('raw');
// Parts past the first __EAGER (identity, source, info, request) are fetched from Python only
// when the handler reads them.
const __EAGER = 5;
const __PARSED = Symbol('parsed');

// `ctx`: arguments, stash, prev, result and error arrive as one JSON array; the other parts
// are fetched on first read. A part never read (often the stash) needs no writing back.
const __ctxProto = { toJSON() {
  const out = {};
  for (const name of __FIELDS) out[name] = this[name];
  return out;
} };
for (let i = 0; i < __FIELDS.length; i += 1) {
  const name = __FIELDS[i];
  Object.defineProperty(__ctxProto, name, {
    get() {
      const parsed = this[__PARSED];
      if (!Object.hasOwn(parsed, name)) {
        parsed[name] = i < __EAGER ? this[__RAW][i] : __call(`ctx.${name}`, []);
      }
      return parsed[name];
    },
    set(value) {
      this[__PARSED][name] = value;
    },
  });
}
Object.defineProperty(__ctxProto, 'args', {
  get() { return this.arguments; },
  set(value) { this.arguments = value; },
});

function __authType(identity) {
  if (identity === null || typeof identity !== 'object') return 'API Key Authorization';
  if (Object.hasOwn(identity, 'resolverContext')) return 'Lambda Authorization';
  if (Object.hasOwn(identity, 'claims')) {
    const issuer = String(identity.issuer || '');
    if (issuer.startsWith('https://cognito-idp.') || Object.hasOwn(identity, 'cognito:username')) {
      return 'User Pool Authorization';
    }
    return 'Open ID Connect Authorization';
  }
  return 'IAM Authorization';
}

function __invoke(id, fn, partsJson, limitMs) {
  __deadline = __now() + limitMs;
  __state.errors = [];
  __state.extensions = {};
  __state.logs = [];
  __state.headers = {};
  const ctx = __create(__ctxProto);
  ctx[__RAW] = JSON.parse(partsJson);
  ctx[__PARSED] = {};
  __state.ctx = ctx;
  const handler = __codes[id][fn];
  let out;
  if (typeof handler !== 'function') {
    out = { kind: 'missing' };
  } else {
    try {
      const value = handler(ctx);
      out = { kind: 'ok', value: value === undefined ? null : value };
    } catch (e) {
      if (e === __timedOut) {
        out = { kind: 'timeout' };
      } else if (e !== null && typeof e === 'object' && e[__ERROR] === true) {
        out = { kind: 'error', error: e };
      } else if (e !== null && typeof e === 'object' && e[__EARLY] === true) {
        out = { kind: 'early', value: e.value };
      } else if (e instanceof Error) {
        out = { kind: 'exception', name: e.name, message: e.message, stack: e.stack || '' };
      } else {
        out = { kind: 'exception', name: 'Error', message: String(e), stack: '' };
      }
    }
  }
  const parsed = ctx[__PARSED];
  if (Object.hasOwn(parsed, 'stash')) out.stash = parsed.stash;
  if (Object.hasOwn(parsed, 'arguments')) out.args = parsed.arguments;
  if (__state.errors.length) out.errors = __state.errors;
  if (Object.keys(__state.extensions).length) out.extensions = __state.extensions;
  if (__state.logs.length) out.logs = __state.logs;
  if (Object.keys(__state.headers).length) out.headers = __state.headers;
  __state.ctx = null;
  __deadline = Infinity;
  return JSON.stringify(out);
}

globalThis.__load = __load;
globalThis.__tick = __tick;
globalThis.__each = __each;
globalThis.__invoke = __invoke;
globalThis.console = console;
})();

// What the runtime does not implement, refused when called (the validator refuses the calls it
// can see; these catch the others): the clock, the random number generator, and the methods
// AWS's linter lists (`no-disallowed-methods`). Conversions JavaScript makes implicitly
// (toString, valueOf) stay.
(function () {
  'use strict';
  const define = Object.defineProperty;
  function refuse(target, name, label) {
    if (!Object.hasOwn(target, name)) return;
    const message = `Method ${label} is not implemented`;
    define(target, name, {
      value: function () { throw new Error(message); },
      writable: true,
      configurable: true,
    });
  }
  refuse(Math, 'random', 'Math.random');
  refuse(Date, 'now', 'DateConstructor.now');
  for (const name of ['copyWithin', 'entries', 'keys', 'values', 'toLocaleString']) {
    refuse(Array.prototype, name, `Array.${name}`);
  }
  for (const name of ['charCodeAt', 'localeCompare', 'matchAll', 'padEnd', 'padStart', 'repeat',
    'search', 'toLocaleLowerCase', 'toLocaleUpperCase']) {
    refuse(String.prototype, name, `String.${name}`);
  }
  for (const name of ['setDate', 'setFullYear', 'setHours', 'setMilliseconds', 'setMinutes',
    'setMonth', 'setSeconds', 'setTime', 'setUTCDate', 'setUTCFullYear', 'setUTCHours',
    'setUTCMilliseconds', 'setUTCMinutes', 'setUTCMonth', 'setUTCSeconds', 'setYear',
    'toGMTString', 'toLocaleDateString', 'toLocaleString', 'toLocaleTimeString']) {
    refuse(Date.prototype, name, `Date.${name}`);
  }
  for (const name of ['create', 'defineProperties', 'defineProperty', 'freeze',
    'getOwnPropertyDescriptor', 'getOwnPropertyDescriptors', 'getOwnPropertyNames',
    'getOwnPropertySymbols', 'getPrototypeOf', 'is', 'isExtensible', 'isFrozen', 'isSealed',
    'preventExtensions', 'seal', 'setPrototypeOf']) {
    refuse(Object, name, `ObjectConstructor.${name}`);
  }
  // No code is compiled at run time: it would escape the checks and the time limit.
  const refusedEval = function () { throw new Error('Method eval is not implemented'); };
  const refusedFunction = function Function() {
    throw new Error('Method FunctionConstructor is not implemented');
  };
  refusedFunction.prototype = Function.prototype;
  define(Function.prototype, 'constructor', { value: refusedFunction, writable: true,
    configurable: true });
  define(globalThis, 'eval', { value: refusedEval, writable: true, configurable: true });
  define(globalThis, 'Function', { value: refusedFunction, writable: true, configurable: true });
  // `new Date()` (now) is refused, a Date of a given time is not.
  const NativeDate = Date;
  const GuardedDate = function Date(...args) {
    if (args.length === 0) throw new Error('The Date constructor without arguments is not supported');
    return new.target ? new NativeDate(...args) : NativeDate(...args);
  };
  GuardedDate.prototype = NativeDate.prototype;
  GuardedDate.UTC = NativeDate.UTC;
  GuardedDate.parse = NativeDate.parse;
  GuardedDate.now = NativeDate.now;
  globalThis.Date = GuardedDate;
})();
