// One @aws-amplify/datastore client (Node, in-memory local store) against `amplify mock`,
// driven by JSON commands on stdin, one per line: {"rid": 1, "cmd": "save", ...}. Each command
// answers {"rid": 1, "ok": <result>} or {"rid": 1, "error": "..."}; DataStore's own happenings are
// printed as {"event": ...}: observe messages, conflicts (the client's conflictHandler, which
// keeps the server's item: DISCARD), errors (errorHandler), hub events.
// Usage: node client.mjs <GraphQL endpoint> <API key>   (NODE_EXTRA_CA_CERTS: the mock's CA)
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

import { createClient } from "./commands.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, "node_modules", "index.js"));
globalThis.WebSocket ??= require("ws");
const { Amplify } = require("aws-amplify");
const { Hub } = require("aws-amplify/utils");
const { DataStore, DISCARD, initSchema } = require("@aws-amplify/datastore");
// @aws-amplify/datastore 5.1.13 picks its default storage adapter with `isBrowser && window...`,
// `isBrowser` being a function (always truthy): in Node that throws "window is not defined".
// The adapter it means to pick in Node is named explicitly.
const { default: AsyncStorageAdapter } = require(
  "@aws-amplify/datastore/dist/cjs/storage/adapter/AsyncStorageAdapter.js",
);

const [endpoint, apiKey] = process.argv.slice(2);
const emit = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);

const run = createClient(
  { Amplify, Hub, DataStore, DISCARD, initSchema, storageAdapter: AsyncStorageAdapter },
  { endpoint, apiKey, emit },
);

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const request = JSON.parse(line);
  run(request.cmd, request)
    .then((ok) => emit({ rid: request.rid, ok }))
    .catch((error) => emit({ rid: request.rid, error: String(error?.stack ?? error) }));
}
process.exit(0);
