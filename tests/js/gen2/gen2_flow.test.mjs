// Drives aws-amplify v6 against `amplify mock` in the Gen 2 example (examples/gen2), configured
// only from the rewritten amplify_outputs.json: signs in a seeded user with SRP, subscribes to
// onCreateTodo over wss:// (with the owner argument), creates and lists Todos (owner auth, userPool), adds a Comment (the
// relation), calls the custom query (a.handler.function: a TypeScript Lambda) and the custom
// mutation (a.handler.custom: APPSYNC_JS), uploads and lists a file in the storage bucket, then
// tries what the rules deny: a second user reading the first user's Todo, a guest creating a
// Todo with the API key, a guest uploading to public/.
// Usage: node gen2_flow.test.mjs <examples/gen2/node_modules> <amplify_outputs.json>
// The last line of stdout is the result (JSON); each step's outcome or error is recorded.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const [modulesDir, outputsPath] = process.argv.slice(2);
const require = createRequire(join(modulesDir, "index.js"));
globalThis.WebSocket ??= require("ws");
// The one-line fix of @aws-amplify/storage >= 6.7's S3 endpoint resolver (see the README):
// its testing endpoint (http://localhost:20005) falls through into the InvalidCustomEndpoint check.
const base = require(
  join(modulesDir, "@aws-amplify/storage/dist/cjs/providers/s3/utils/client/s3data/base.js"),
);
const upstream = base.defaultConfig.endpointResolver;
base.defaultConfig.endpointResolver = (options, input) => {
  if (options.customEndpoint === "http://localhost:20005") {
    const url = new URL(options.customEndpoint);
    if (input?.Bucket) url.pathname = `/${input.Bucket}`;
    return { url };
  }
  return upstream(options, input);
};
const { Amplify } = require("aws-amplify");
const auth = require("aws-amplify/auth");
const { generateClient } = require("aws-amplify/api");
const storage = require("aws-amplify/storage");

Amplify.configure(JSON.parse(readFileSync(outputsPath, "utf8")));
const client = generateClient();
const result = {};

const q = {
  createTodo: `mutation C($input: CreateTodoInput!) { createTodo(input: $input) { id content done owner } }`,
  getTodo: `query G($id: ID!) { getTodo(id: $id) { id content owner } }`,
  listTodos: `query L { listTodos { items { id content owner } } }`,
  createComment: `mutation C($input: CreateCommentInput!) { createComment(input: $input) { id body todoId } }`,
  commentTodo: `query G($id: ID!) { getComment(id: $id) { id todo { id content } } }`,
  todoComments: `query G($id: ID!) { getTodo(id: $id) { id comments { items { body } } } }`,
  onCreateTodo: `subscription S($owner: String) { onCreateTodo(owner: $owner) { id content owner } }`,
  sayHello: `query H($name: String) { sayHello(name: $name) }`,
  addTodo: `mutation A($content: String!) { addTodo(content: $content) { id content done owner } }`,
};

function withTimeout(promise, ms, what) {
  return Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms)),
  ]);
}

function describe(err) {
  if (err?.errors) return err.errors.map((e) => `${e.errorType ?? ""}: ${e.message}`).join("; ");
  return `${err?.name}: ${err?.message}`;
}

async function step(name, run) {
  try {
    result[name] = await run();
  } catch (err) {
    result[name] = { error: describe(err) };
  }
}

const gql = async (query, variables, authMode = "userPool") =>
  (await client.graphql({ query, variables, authMode })).data;

await step("signIn", async () => (await auth.signIn({ username: "alice@example.com", password: "Alice-pass-1" })).isSignedIn);
const session = await auth.fetchAuthSession();
result.identityId = session.identityId ?? null;
const me = await auth.getCurrentUser();
// Gen 2 owner auth stores `<sub>::<username>` (the transformer's identity claim)
const ownerValue = `${me.userId}::${me.username}`;

let subscription;
const event = new Promise((resolve, reject) => {
  subscription = client.graphql({ query: q.onCreateTodo, variables: { owner: ownerValue }, authMode: "userPool" }).subscribe({
    next: ({ data }) => resolve(data.onCreateTodo),
    error: (err) => reject(new Error(describe(err))),
  });
});
event.catch(() => {}); // a failed subscription is recorded by its step
const { Hub } = require("aws-amplify/utils");
const { CONNECTION_STATE_CHANGE, ConnectionState } = require("aws-amplify/api");
await step("subscribed", () =>
  withTimeout(
    new Promise((resolve) => {
      const stop = Hub.listen("api", ({ payload }) => {
        if (payload.event === CONNECTION_STATE_CHANGE && payload.data.connectionState === ConnectionState.Connected) {
          stop();
          resolve(true);
        }
      });
    }),
    20000,
    "subscription connected over wss",
  ),
);
let todo;
await step("create", async () => {
  todo = (await gql(q.createTodo, { input: { content: "buy milk" } })).createTodo;
  result.ownerIsSubUsername = todo.owner === ownerValue;
  return { content: todo.content, owner: todo.owner };
});
await step("subscriptionEvent", async () => {
  const received = await withTimeout(event, 20000, "subscription event");
  return received.id === todo?.id;
});
subscription?.unsubscribe();
await step("list", async () => (await gql(q.listTodos)).listTodos.items.map((t) => t.content));
await step("relation", async () => {
  const comment = (await gql(q.createComment, { input: { body: "skimmed", todoId: todo.id } })).createComment;
  const comments = (await gql(q.todoComments, { id: todo.id })).getTodo.comments.items;
  const parent = (await gql(q.commentTodo, { id: comment.id })).getComment.todo;
  return { belongsTo: parent?.content ?? null, hasMany: comments.map((c) => c.body) };
});
await step("sayHello", async () => (await gql(q.sayHello, { name: "Alice" })).sayHello);
await step("addTodo", async () => {
  const added = (await gql(q.addTodo, { content: "from APPSYNC_JS" })).addTodo;
  return { content: added.content, done: added.done, owner: added.owner };
});
await step("upload", async () => {
  const uploaded = await storage.uploadData({ path: "public/notes/alice.txt", data: "hello from alice" }).result;
  const listed = await storage.list({ path: "public/notes/" });
  return { path: uploaded.path, listed: listed.items.map((i) => i.path) };
});
await step("privateUpload", async () => {
  const path = ({ identityId }) => `private/${identityId}/secret.txt`;
  await storage.uploadData({ path, data: "alice only" }).result;
  const body = await (await storage.downloadData({ path }).result).body.text();
  return body;
});
await auth.signOut();

await auth.signIn({ username: "bob@example.com", password: "Bob-pass-1" });
const bob = await auth.fetchAuthSession();
await step("bobReadsAlicesTodo", async () => (await gql(q.getTodo, { id: todo.id })).getTodo);
await step("bobReadsAlicesPrivateFile", async () => {
  const downloaded = await storage.downloadData({ path: `private/${result.identityId}/secret.txt` }).result;
  return await downloaded.body.text();
});
result.bobIdentity = bob.identityId !== result.identityId;
await auth.signOut();

await step("guestCreatesTodo", async () => (await gql(q.createTodo, { input: { content: "spam" } }, "apiKey")).createTodo);
await step("guestReadsPublic", async () => {
  const downloaded = await storage.downloadData({ path: "public/notes/alice.txt" }).result;
  return await downloaded.body.text();
});
await step("guestUploadsPublic", async () => {
  await storage.uploadData({ path: "public/notes/guest.txt", data: "guest" }).result;
  return "uploaded";
});
console.log(JSON.stringify(result));
process.exit(0);
