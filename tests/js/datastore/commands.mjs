// The DataStore client both test drivers run: the Node process (client.mjs) and the chromium
// page (web/app.mjs). `createClient` configures Amplify and DataStore for one client and returns
// `run(cmd, args)`; `emit` gets DataStore's own happenings: observe messages, conflicts (the
// conflictHandler keeps the server's item: DISCARD), errors (errorHandler), hub events.
import { MODELS } from "./models.mjs";

export function createClient(
  { Amplify, Hub, DataStore, DISCARD, initSchema, storageAdapter },
  { endpoint, apiKey, emit },
) {
  Amplify.configure({
    API: { GraphQL: { endpoint, region: "us-east-1", defaultAuthMode: "apiKey", apiKey } },
  });
  const models = initSchema(MODELS);
  const plain = (item) => (item ? JSON.parse(JSON.stringify(item)) : null);

  DataStore.configure({
    ...(storageAdapter ? { storageAdapter } : {}),
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

  return (cmd, args) => commands[cmd](args);
}
