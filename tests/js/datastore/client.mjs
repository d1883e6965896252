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

import { MODELS } from "./models.mjs";

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

Amplify.configure({
  API: { GraphQL: { endpoint, region: "us-east-1", defaultAuthMode: "apiKey", apiKey } },
});
const models = initSchema(MODELS);
const plain = (item) => (item ? JSON.parse(JSON.stringify(item)) : null);

DataStore.configure({
  storageAdapter: AsyncStorageAdapter,
  conflictHandler: async ({ modelConstructor, localModel, remoteModel, operation, attempts }) => {
    emit({
      event: "conflict",
      model: modelConstructor.name,
      operation,
      attempts,
      local: plain(localModel),
      remote: plain(remoteModel),
    });
    return DISCARD;
  },
  errorHandler: (error) => {
    emit({ event: "error", errorType: error.errorType, message: error.message, model: error.model });
  },
});

let ready = false;
let outboxEmpty = true;
Hub.listen("datastore", ({ payload }) => {
  if (payload.event === "ready") ready = true;
  if (payload.event === "outboxStatus") outboxEmpty = payload.data.isEmpty;
  if (["ready", "networkStatus", "syncQueriesReady"].includes(payload.event)) {
    emit({ event: "hub", name: payload.event, data: payload.data ?? null });
  }
});

for (const name of Object.keys(MODELS.models)) {
  DataStore.observe(models[name]).subscribe((message) => {
    emit({ event: "observe", model: name, opType: message.opType, element: plain(message.element) });
  });
}

async function until(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const commands = {
  async start() {
    await DataStore.start();
    await until(() => ready, 60000, "DataStore ready");
    return true;
  },
  async save({ model, fields }) {
    return plain(await DataStore.save(new models[model](fields)));
  },
  async update({ model, id, fields }) {
    const original = await DataStore.query(models[model], id);
    if (!original) throw new Error(`${model} ${id} is not in the local store`);
    const updated = models[model].copyOf(original, (draft) => Object.assign(draft, fields));
    return plain(await DataStore.save(updated));
  },
  async delete({ model, id }) {
    const original = await DataStore.query(models[model], id);
    return plain(await DataStore.delete(original));
  },
  async query({ model, id }) {
    if (id) return plain(await DataStore.query(models[model], id));
    return plain(await DataStore.query(models[model]));
  },
  // until the local item (or its absence, `gone`) matches `fields`
  async wait({ model, id, fields, gone, timeoutMs = 60000 }) {
    return until(
      async () => {
        const item = plain(await DataStore.query(models[model], id));
        if (gone) return item === null ? { gone: true } : null;
        if (!item) return null;
        const same = Object.entries(fields).every(
          ([k, v]) => JSON.stringify(item[k]) === JSON.stringify(v),
        );
        return same ? item : null;
      },
      timeoutMs,
      `${model} ${id} ${gone ? "gone" : JSON.stringify(fields)}`,
    );
  },
  async outbox({ timeoutMs = 60000 }) {
    // a save puts the mutation in the outbox before it resolves: empty = sent and answered
    await until(() => outboxEmpty, timeoutMs, "an empty outbox");
    return true;
  },
  async stop() {
    await DataStore.stop();
    return true;
  },
};

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const request = JSON.parse(line);
  commands[request.cmd](request)
    .then((ok) => emit({ rid: request.rid, ok }))
    .catch((error) => emit({ rid: request.rid, error: String(error?.stack ?? error) }));
}
process.exit(0);
