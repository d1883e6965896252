'use strict';
// amplify-mock Node.js Lambda worker: loads one handler once, then serves invocations.
// Protocol: JSON lines over the socket whose fd is argv[2]; stdout/stderr stay the handler's.
// Parent -> worker: {"id", "event", "context": {...}}. Worker -> parent: {"ready": true} or
// {"initError": {...}} once, then {"id", "result"} or {"id", "error": {errorType, errorMessage, stackTrace}}.

const fs = require('fs');
const net = require('net');
const path = require('path');
const { pathToFileURL } = require('url');

const [fdArg, taskRoot, handlerString, functionName] = process.argv.slice(2);
const channel = new net.Socket({ fd: Number(fdArg), readable: true, writable: true });
channel.setEncoding('utf8');
channel.on('end', () => process.exit(0));
channel.on('error', () => process.exit(0));

function send(message) {
  channel.write(JSON.stringify(message) + '\n');
}

function lambdaError(err) {
  if (err instanceof Error) {
    const stack = typeof err.stack === 'string' ? err.stack.split('\n') : [];
    return {
      errorType: err.name || (err.constructor && err.constructor.name) || 'Error',
      errorMessage: String(err.message),
      stackTrace: stack.slice(1).map((line) => line.trim()),
    };
  }
  if (err !== null && typeof err === 'object') {
    let text;
    try {
      text = JSON.stringify(err);
    } catch (_) {
      text = String(err);
    }
    return { errorType: 'object', errorMessage: text, stackTrace: [] };
  }
  return { errorType: typeof err, errorMessage: String(err), stackTrace: [] };
}

function initError(errorType, errorMessage, stackTrace) {
  return { errorType, errorMessage, stackTrace: stackTrace || [] };
}

function splitHandler(spec) {
  const slash = spec.lastIndexOf('/');
  const dir = slash >= 0 ? spec.slice(0, slash) : '';
  const base = slash >= 0 ? spec.slice(slash + 1) : spec;
  const dot = base.indexOf('.');
  if (dot <= 0 || dot === base.length - 1) {
    return null;
  }
  return { modulePath: path.join(dir, base.slice(0, dot)), attributePath: base.slice(dot + 1).split('.') };
}

function findModuleFile(modulePath) {
  const base = path.resolve(taskRoot, modulePath);
  for (const ext of ['.js', '.mjs', '.cjs']) {
    if (fs.existsSync(base + ext)) {
      return base + ext;
    }
  }
  return null;
}

function syntaxLocation(err) {
  const first = typeof err.stack === 'string' ? err.stack.split('\n')[0] : '';
  return /:\d+$/.test(first) ? first : null;
}

async function importModule(file) {
  if (file.endsWith('.mjs')) {
    return import(pathToFileURL(file).href);
  }
  try {
    return require(file);
  } catch (err) {
    if (err && err.code === 'ERR_REQUIRE_ESM') {
      return import(pathToFileURL(file).href);
    }
    throw err;
  }
}

async function loadHandler() {
  const parts = splitHandler(handlerString);
  if (parts === null) {
    throw initError(
      'Runtime.MalformedHandlerName',
      `Function ${functionName}: bad handler "${handlerString}" (expected "<file>.<function>", e.g. "index.handler")`,
    );
  }
  const file = findModuleFile(parts.modulePath);
  if (file === null) {
    throw initError(
      'Runtime.ImportModuleError',
      `Function ${functionName}: cannot find module ${path.resolve(taskRoot, parts.modulePath)}.js for handler "${handlerString}"`,
    );
  }
  let mod;
  try {
    mod = await importModule(file);
  } catch (err) {
    if (err instanceof SyntaxError) {
      const where = syntaxLocation(err) || file;
      throw initError(
        'Runtime.UserCodeSyntaxError',
        `Function ${functionName}: syntax error in ${where}: ${err.name}: ${err.message}`,
        lambdaError(err).stackTrace,
      );
    }
    const detail = lambdaError(err);
    throw initError(
      detail.errorType === 'Error' ? 'Runtime.ImportModuleError' : detail.errorType,
      `Function ${functionName}: loading ${file} failed: ${detail.errorMessage}`,
      detail.stackTrace,
    );
  }
  let target = mod;
  for (const name of parts.attributePath) {
    target = target === null || target === undefined ? undefined : target[name];
  }
  if (typeof target !== 'function') {
    throw initError(
      'Runtime.HandlerNotFound',
      `Function ${functionName}: ${handlerString} is undefined or not exported (file ${file})`,
    );
  }
  return target;
}

function pendingWork() {
  if (typeof process.getActiveResourcesInfo !== 'function') {
    return 0; // Node < 17: no way to see the event loop; a callback-less handler returns null
  }
  return process.getActiveResourcesInfo().filter((kind) => kind !== 'Immediate').length;
}

function makeContext(raw, settle) {
  const deadline = raw.deadlineMs;
  const context = {
    functionName: raw.functionName,
    functionVersion: raw.functionVersion,
    invokedFunctionArn: raw.invokedFunctionArn,
    memoryLimitInMB: raw.memoryLimitInMB,
    awsRequestId: raw.awsRequestId,
    logGroupName: raw.logGroupName,
    logStreamName: raw.logStreamName,
    identity: raw.identity,
    clientContext: raw.clientContext,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    succeed: (result) => settle(null, result),
    fail: (err) => settle(err === undefined || err === null ? new Error('handled') : err),
    done: (err, result) => settle(err, result),
  };
  return context;
}

function runHandler(handler, event, rawContext) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (err, result) => {
      if (settled) {
        return;
      }
      settled = true;
      if (err !== undefined && err !== null) {
        reject(err);
      } else {
        resolve(result === undefined ? null : result);
      }
    };
    const context = makeContext(rawContext, settle);
    const baseline = pendingWork();
    let returned;
    try {
      returned = handler(event, context, settle);
    } catch (err) {
      settle(err);
      return;
    }
    if (returned !== null && typeof returned === 'object' && typeof returned.then === 'function') {
      returned.then(
        (result) => settle(null, result),
        (err) => settle(err === undefined || err === null ? new Error(String(err)) : err),
      );
      return;
    }
    if (returned !== undefined) {
      settle(null, returned);
      return;
    }
    // A callback-style handler: wait for the callback, or for the event loop to drain (null).
    // A running timer still counts itself as active, hence `baseline + 1`.
    const poll = () => {
      if (settled) {
        return;
      }
      if (pendingWork() <= baseline + 1) {
        settle(null, null);
      } else {
        setTimeout(poll, 1);
      }
    };
    setTimeout(poll, 1);
  });
}

async function main() {
  let handler;
  try {
    handler = await loadHandler();
  } catch (err) {
    send({ initError: err && err.errorType ? err : lambdaError(err) });
    return;
  }
  send({ ready: true });
  let buffer = '';
  let queue = Promise.resolve();
  channel.on('data', (chunk) => {
    buffer += chunk;
    let newline;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      if (line.trim() === '') {
        continue;
      }
      const request = JSON.parse(line);
      queue = queue.then(() => serve(handler, request));
    }
  });
}

async function serve(handler, request) {
  let reply;
  try {
    const result = await runHandler(handler, request.event, request.context);
    let text;
    try {
      text = JSON.stringify({ id: request.id, result });
    } catch (err) {
      text = JSON.stringify({
        id: request.id,
        error: initError(
          'Runtime.MarshalError',
          `Function ${functionName}: unable to marshal the handler's response as JSON: ${err.message}`,
        ),
      });
    }
    channel.write(text + '\n');
    return;
  } catch (err) {
    reply = { id: request.id, error: lambdaError(err) };
  }
  send(reply);
}

process.on('uncaughtException', (err) => {
  console.error(err);
  process.exit(129);
});
process.on('unhandledRejection', (err) => {
  console.error(err);
  process.exit(128);
});

main();
