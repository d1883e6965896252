'use strict';
/*
 * Loads a Gen 2 project's amplify/backend.ts in one Node process and prints one JSON document:
 * what defineBackend/defineData/defineAuth/defineFunction/defineStorage were called with, and the
 * data schema's SDL as the project's own @aws-amplify/data-schema transforms it.
 *
 *   node --enable-source-maps load_backend.js PROJECT_ROOT [NODE_MODULES_DIR]
 *
 * TypeScript is turned into CommonJS file by file with the project's esbuild (a require hook), so
 * errors keep the .ts file, line and column. `@aws-amplify/backend` is answered by a recorder of
 * the define* props (the real package loads aws-cdk-lib: 9-15 s); aws-cdk-lib, constructs and the
 * other @aws-amplify/backend-* packages by an inert stand-in (CDK customizations are not applied).
 *
 * stdout: {"ok": {...}} or {"error": {"kind": ..., ...}}; exit code 0 or 2.
 */
const fs = require('fs');
const path = require('path');
const Module = require('module');

const started = process.hrtime.bigint();
const projectRoot = path.resolve(process.argv[2] || '.');
const modulesDir = path.resolve(process.argv[3] || path.join(projectRoot, 'node_modules'));
const SELF = __filename;

const finish = (doc, code) => {
  process.stdout.write(JSON.stringify(doc));
  process.exitCode = code;
};
class Reported extends Error {
  constructor(error) {
    super(error.message || error.kind);
    this.report = error;
  }
}

// ---- packages: resolved from the project (or the given node_modules folder) ------------------
const fromModules = Module.createRequire(path.join(path.dirname(modulesDir), '__amplify_mock__.js'));
const resolvePackage = (name) => {
  try {
    return fromModules.resolve(name);
  } catch {
    return null;
  }
};
const missing = ['esbuild', '@aws-amplify/data-schema'].filter((name) => !resolvePackage(name));
if (missing.length) {
  finish({ error: { kind: 'dependencies', missing, modulesDir } }, 2);
  return;
}
const esbuild = fromModules('esbuild');
const dataSchema = fromModules('@aws-amplify/data-schema');

// ---- where a call came from -------------------------------------------------------------------
const FRAME = /\(?((?:file:\/\/)?\/[^():]+):(\d+):(\d+)\)?$/;
const frames = (stack) =>
  String(stack || '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '))
    .map((line) => {
      const match = FRAME.exec(line);
      if (!match) return null;
      const file = match[1].startsWith('file://') ? new URL(match[1]).pathname : match[1];
      return { file, line: Number(match[2]), column: Number(match[3]) };
    })
    .filter(Boolean);
const isProjectFile = (file) => file.startsWith(projectRoot + path.sep) && !file.includes(`${path.sep}node_modules${path.sep}`);
const callerFile = () => {
  const frame = frames(new Error().stack).find((f) => f.file !== SELF);
  return frame ? frame.file : null;
};
const sourceFiles = new Set();

// ---- TypeScript, file by file -----------------------------------------------------------------
const compile = (loader) =>
  function (module, filename) {
    const source = fs.readFileSync(filename, 'utf8');
    sourceFiles.add(filename);
    let result;
    try {
      result = esbuild.transformSync(source, {
        loader,
        format: 'cjs',
        target: 'node20',
        sourcefile: filename,
        sourcemap: 'inline',
        logLevel: 'silent',
      });
    } catch (err) {
      const first = (err.errors || [])[0];
      if (!first) throw err;
      const at = first.location || {};
      throw new Reported({
        kind: 'source',
        file: at.file || filename,
        line: at.line || 0,
        column: at.column === undefined ? 0 : at.column + 1,
        message: first.text,
      });
    }
    module._compile(result.code, filename);
  };
for (const ext of ['.ts', '.mts', '.cts']) Module._extensions[ext] = compile('ts');
const plainJs = Module._extensions['.js'];
Module._extensions['.js'] = function (module, filename) {
  if (isProjectFile(filename)) return compile('js')(module, filename);
  return plainJs(module, filename);
};

// ---- stand-ins --------------------------------------------------------------------------------
const inert = () => {
  const target = function () {};
  const proxy = new Proxy(target, {
    get: (_, key) => {
      if (key === Symbol.toPrimitive) return () => '';
      if (key === Symbol.iterator) return function* () {};
      if (key === 'then') return undefined;
      if (key === 'toString' || key === 'valueOf' || key === 'toJSON') return () => '';
      return proxy;
    },
    apply: () => proxy,
    construct: () => proxy,
    set: () => true,
    has: () => true,
  });
  return proxy;
};
const KIND = Symbol('amplify-mock.gen2.kind');
const SECRET = Symbol('amplify-mock.gen2.secret');
const recorded = { data: [], auth: [], storage: [], functions: [], backends: [], cdkImports: new Set() };

const factory = (kind, list, props) => {
  const entry = { props: props || {}, caller: callerFile(), index: list.length };
  list.push(entry);
  const object = inert();
  entry.object = object;
  // A factory answers anything a backend.ts may touch (resources, addEnvironment...) with inert
  // values; only its kind and record are real.
  return new Proxy(object, {
    get: (target, key) => (key === KIND ? { kind, entry } : target[key]),
  });
};
const recordOf = (value) => (value && typeof value === 'function' && value[KIND] ? value[KIND] : null);

const backendModule = {
  __esModule: true,
  a: dataSchema.a,
  defineData: (props) => factory('data', recorded.data, props),
  defineAuth: (props) => factory('auth', recorded.auth, props),
  referenceAuth: (props) => factory('auth', recorded.auth, { ...props, referenced: true }),
  defineStorage: (props) => factory('storage', recorded.storage, props),
  defineFunction: (props) =>
    typeof props === 'function'
      ? factory('function', recorded.functions, { customProvider: true })
      : factory('function', recorded.functions, props),
  secret: (name) => ({ [SECRET]: name }),
  defineBackend: (resources) => {
    recorded.backends.push({ resources: resources || {}, caller: callerFile() });
    return inert();
  },
};
const STUB_PREFIX = '\0amplify-mock-stub:';
const stubs = new Map();
const stub = (request, exportsValue) => {
  const id = STUB_PREFIX + request;
  if (!stubs.has(id)) {
    const module = new Module(id);
    module.filename = id;
    module.loaded = true;
    module.exports = exportsValue;
    require.cache[id] = module;
    stubs.set(id, module);
  }
  return id;
};
const INERT_PACKAGES = /^(aws-cdk-lib|constructs|@aws-amplify\/backend-[a-z-]+|@aws-amplify\/platform-core|@aws-amplify\/plugin-types)(\/.*)?$/;
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, isMain, options) {
  if (request === '@aws-amplify/backend') return stub(request, backendModule);
  if (INERT_PACKAGES.test(request)) {
    if (parent && parent.filename && isProjectFile(parent.filename)) recorded.cdkImports.add(request);
    return stub(request, inert());
  }
  if (request === '@aws-amplify/data-schema') return fromModules.resolve(request);
  try {
    return resolveFilename.call(this, request, parent, isMain, options);
  } catch (err) {
    if (err.code !== 'MODULE_NOT_FOUND' || request.startsWith('.') || path.isAbsolute(request)) throw err;
    return fromModules.resolve(request);
  }
};

// ---- props -> JSON ----------------------------------------------------------------------------
const callerDir = (entry) => (entry.caller ? path.dirname(entry.caller) : projectRoot);
const functionName = (entry) => {
  const props = entry.props;
  if (props.customProvider) return `customFunction${entry.index + 1}`;
  if (props.name) return props.name;
  if (props.entry) return path.parse(props.entry).name;
  return path.basename(callerDir(entry));
};
const functionRef = (value) => {
  const record = recordOf(value);
  if (record && record.kind === 'function') return functionName(record.entry);
  if (typeof value === 'string') return value;
  return null;
};
const envValue = (value) => (value && typeof value === 'object' && value[SECRET] !== undefined ? { secret: value[SECRET] } : String(value));
const describeFunction = (entry) => {
  const props = entry.props;
  const dir = callerDir(entry);
  const entryFile = props.customProvider
    ? null
    : !props.entry
      ? path.join(dir, 'handler.ts')
      : path.isAbsolute(props.entry)
        ? props.entry
        : path.join(dir, props.entry);
  return {
    name: functionName(entry),
    entry: entryFile,
    definedIn: entry.caller,
    environment: Object.fromEntries(Object.entries(props.environment || {}).map(([k, v]) => [k, envValue(v)])),
    timeoutSeconds: props.timeoutSeconds === undefined ? 3 : props.timeoutSeconds,
    memoryMB: props.memoryMB === undefined ? 512 : props.memoryMB,
    runtime: props.runtime || 22,
    schedule: props.schedule === undefined ? [] : [].concat(props.schedule),
    resourceGroupName: props.resourceGroupName || 'function',
    customProvider: Boolean(props.customProvider),
  };
};
const entryPath = (entry) => {
  if (typeof entry === 'string') return entry;
  const frame = frames(`\n${entry.importLine}`)[0];
  const base = frame ? path.dirname(frame.file) : projectRoot;
  return path.resolve(base, entry.relativePath);
};
const transformSchema = (schema) => {
  if (typeof schema === 'string') return { sdl: schema, jsFunctions: [], lambdaFunctions: {}, functionSchemaAccess: [], sql: [] };
  if (schema && Array.isArray(schema.schemas)) {
    const parts = schema.schemas.map(transformSchema);
    return {
      sdl: parts.map((p) => p.sdl).join('\n'),
      jsFunctions: parts.flatMap((p) => p.jsFunctions),
      lambdaFunctions: Object.assign({}, ...parts.map((p) => p.lambdaFunctions)),
      functionSchemaAccess: parts.flatMap((p) => p.functionSchemaAccess),
      sql: parts.flatMap((p) => p.sql),
    };
  }
  if (!schema || typeof schema.transform !== 'function') {
    throw new Reported({ kind: 'definition', message: 'defineData: `schema` is neither a string nor an a.schema({...}) definition' });
  }
  let out;
  try {
    out = schema.transform();
  } catch (err) {
    throw new Reported({ kind: 'definition', message: err.message });
  }
  const engine = schema.data && schema.data.configuration && schema.data.configuration.database && schema.data.configuration.database.engine;
  return {
    sdl: out.schema,
    jsFunctions: out.jsFunctions || [],
    lambdaFunctions: out.lambdaFunctions || {},
    functionSchemaAccess: out.functionSchemaAccess || [],
    sql: engine && engine !== 'dynamodb' ? [engine] : [],
  };
};
const describeData = (entry) => {
  const props = entry.props;
  const t = transformSchema(props.schema);
  const modes = props.authorizationModes;
  const lambdaMode = modes && modes.lambdaAuthorizationMode;
  return {
    name: props.name || 'amplifyData',
    definedIn: entry.caller,
    schema: t.sdl,
    sqlEngines: t.sql,
    authorizationModes: modes
      ? {
          defaultAuthorizationMode: modes.defaultAuthorizationMode || null,
          apiKeyAuthorizationMode: modes.apiKeyAuthorizationMode || null,
          oidcAuthorizationMode: modes.oidcAuthorizationMode || null,
          lambdaAuthorizationMode: lambdaMode
            ? { function: functionRef(lambdaMode.function), timeToLiveInSeconds: lambdaMode.timeToLiveInSeconds === undefined ? 60 : lambdaMode.timeToLiveInSeconds }
            : null,
        }
      : null,
    jsResolvers: t.jsFunctions.map((r) => ({
      typeName: r.typeName,
      fieldName: r.fieldName,
      handlers: r.handlers.map((h) => ({ dataSource: h.dataSource, entry: entryPath(h.entry) })),
    })),
    functionHandlers: Object.fromEntries(
      Object.entries({ ...(props.functions || {}), ...t.lambdaFunctions }).map(([name, fn]) => [name, functionRef(fn)]),
    ),
    functionSchemaAccess: t.functionSchemaAccess.map((access) => ({
      function: functionRef(access.resourceProvider),
      actions: access.actions || [],
    })),
  };
};
const describeAuth = (entry) => {
  const props = entry.props;
  const loginWith = props.loginWith || {};
  return {
    name: props.name || null,
    definedIn: entry.caller,
    referenced: Boolean(props.referenced),
    loginWith: Object.keys(loginWith).filter((k) => loginWith[k] && k !== 'externalProviders'),
    externalProviders: Object.keys(loginWith.externalProviders || {}).filter((k) => !['callbackUrls', 'logoutUrls', 'domainPrefix', 'scopes'].includes(k)),
    groups: props.groups || [],
    userAttributes: props.userAttributes || {},
    multifactor: props.multifactor ? { mode: props.multifactor.mode, sms: Boolean(props.multifactor.sms), totp: Boolean(props.multifactor.totp) } : null,
    triggers: Object.fromEntries(Object.entries(props.triggers || {}).map(([k, v]) => [k, functionRef(v)])),
  };
};
const storageRule = (principal, extra) => ({ to: (actions) => ({ principal, ...extra, actions: [...actions] }) });
const storageAllow = {
  guest: storageRule('guest'),
  authenticated: storageRule('authenticated'),
  groups: (groups) => storageRule('groups', { groups: [...groups] }),
  group: (group) => storageRule('groups', { groups: [group] }),
  entity: (entity) => storageRule('entity', { entity }),
  resource: (fn) => storageRule('resource', { function: functionRef(fn) }),
};
const describeStorage = (entry) => {
  const props = entry.props;
  const access = typeof props.access === 'function' ? props.access(storageAllow) : {};
  return {
    name: props.name || null,
    definedIn: entry.caller,
    isDefault: Boolean(props.isDefault),
    access: Object.fromEntries(Object.entries(access || {}).map(([prefix, rules]) => [prefix, [].concat(rules)])),
    triggers: Object.fromEntries(Object.entries(props.triggers || {}).map(([k, v]) => [k, functionRef(v)])),
  };
};

// ---- run --------------------------------------------------------------------------------------
const main = () => {
  const backendFile = path.join(projectRoot, 'amplify', 'backend.ts');
  if (!fs.existsSync(backendFile)) {
    throw new Reported({ kind: 'definition', message: `${backendFile} does not exist` });
  }
  try {
    require(backendFile);
  } catch (err) {
    if (err instanceof Reported) throw err;
    const frame = frames(err && err.stack).find((f) => isProjectFile(f.file)) || { file: backendFile, line: 0, column: 0 };
    throw new Reported({
      kind: 'source',
      file: frame.file,
      line: frame.line,
      column: frame.column,
      message: `${(err && err.name) || 'Error'}: ${(err && err.message) || String(err)}`,
    });
  }
  if (!recorded.backends.length) {
    throw new Reported({ kind: 'definition', message: `${backendFile} does not call defineBackend()` });
  }
  const resources = {};
  for (const [key, value] of Object.entries(recorded.backends[0].resources)) {
    const record = recordOf(value);
    resources[key] = record ? record.kind : 'unknown';
  }
  return {
    resources,
    data: recorded.data.map(describeData),
    auth: recorded.auth.map(describeAuth),
    storage: recorded.storage.map(describeStorage),
    functions: recorded.functions.map(describeFunction),
    cdkImports: [...recorded.cdkImports].sort(),
    sourceFiles: [...sourceFiles].filter(isProjectFile).sort(),
    dataSchemaVersion: fromModules('@aws-amplify/data-schema/package.json').version,
  };
};
try {
  const ok = main();
  ok.nodeMs = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
  finish({ ok }, 0);
} catch (err) {
  if (err instanceof Reported) finish({ error: err.report }, 2);
  else throw err;
}
