// Drives aws-amplify v6 Auth + GraphQL against `amplify mock` with a Cognito auth resource,
// configured only from the mock's rewritten aws-exports.js:
// signUp -> confirmSignUp (the code printed by the mock, read from stdin) -> signIn (SRP, the
// default flow) -> fetchAuthSession (tokens, identity pool credentials) -> an owner-protected
// mutation (userPool auth) whose subscription event arrives over wss:// (aws-amplify always dials
// wss://; the mock answers TLS on the same port, trusted through NODE_EXTRA_CA_CERTS) -> signOut.
// Usage: node auth_flow.test.mjs <node_modules dir of the aws-amplify to test> <aws-exports.js>
// Prints `{"needCode": username}` and waits for the code on stdin; the last line is the result.
import { createRequire } from "node:module";
import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createInterface } from "node:readline";

const [modulesDir, exportsPath] = process.argv.slice(2);
const require = createRequire(join(modulesDir, "index.js"));
const WebSocket = require("ws");
globalThis.WebSocket ??= WebSocket;
// With STORAGE_FIX=1: the one-line fix of @aws-amplify/storage >= 6.7's S3 endpoint resolver
// (its testing endpoint falls through into the InvalidCustomEndpoint check; see README), applied
// before Storage loads, so uploadData/downloadData reach the local S3 on :20005 path-style.
if (process.env.STORAGE_FIX === "1") {
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
}
const { Amplify } = require("aws-amplify");
const auth = require("aws-amplify/auth");
const { generateClient } = require("aws-amplify/api");
const version = require("aws-amplify/package.json").version;

const copy = join(mkdtempSync(join(tmpdir(), "aws-exports-")), "aws-exports.mjs");
copyFileSync(exportsPath, copy);
const { default: config } = await import(pathToFileURL(copy).href);
Amplify.configure(config);
// categories the mock does not emulate survive the rewrite (the test puts a Geo config in)
const geo = Amplify.getConfig().Geo?.LocationService;

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
async function codeFor(username) {
  console.log(JSON.stringify({ needCode: username }));
  const { value } = await lines.next();
  return value.trim();
}

const createBlog = /* GraphQL */ `mutation CreateBlog($input: CreateBlogInput!) {
  createBlog(input: $input) { id name owner }
}`;
const onCreateBlog = /* GraphQL */ `subscription OnCreateBlog($owner: String) {
  onCreateBlog(owner: $owner) { id name owner }
}`;

function withTimeout(promise, ms, what) {
  return Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms)),
  ]);
}

const result = { version, geo: geo ? { maps: geo.maps, searchIndices: geo.searchIndices } : null };
const username = `user${Date.now()}`;
const password = "Correct-horse-1";
const signUp = await auth.signUp({
  username,
  password,
  options: { userAttributes: { email: `${username}@example.com` } },
});
result.signUpStep = signUp.nextStep.signUpStep;
const confirmed = await auth.confirmSignUp({
  username,
  confirmationCode: await codeFor(username),
});
result.confirmStep = confirmed.nextStep.signUpStep;
try {
  await auth.signIn({ username, password: "Wrong-horse-1" });
} catch (err) {
  result.wrongPassword = `${err.name}: ${err.message}`;
}
const signIn = await auth.signIn({ username, password });
result.signedIn = signIn.isSignedIn;
const current = await auth.getCurrentUser();
result.currentUser = current.username;
const session = await auth.fetchAuthSession();
result.tokenUse = session.tokens?.accessToken?.payload?.token_use;
result.identityId = session.identityId ?? null;
result.accessKeyId = session.credentials?.accessKeyId ?? null;
const attributes = await auth.fetchUserAttributes();
result.email = attributes.email;
const client = generateClient();
let subscription;
const event = new Promise((resolve, reject) => {
  subscription = client
    .graphql({ query: onCreateBlog, variables: { owner: username }, authMode: "userPool" })
    .subscribe({
      next: ({ data }) => resolve(data.onCreateBlog),
      error: (err) => reject(new Error(JSON.stringify(err))),
    });
});
const { Hub } = require("aws-amplify/utils");
const { CONNECTION_STATE_CHANGE, ConnectionState } = require("aws-amplify/api");
await withTimeout(
  new Promise((resolve) => {
    const stop = Hub.listen("api", ({ payload }) => {
      if (payload.event === CONNECTION_STATE_CHANGE && payload.data.connectionState === ConnectionState.Connected) {
        stop();
        resolve();
      }
    });
  }),
  20000,
  "subscription connected over wss",
);
const created = await client.graphql({
  query: createBlog,
  variables: { input: { name: `Blog of ${username}` } },
  authMode: "userPool",
});
result.owner = created.data.createBlog.owner === username;
const received = await withTimeout(event, 20000, "subscription event");
result.subscriptionEvent = received.id === created.data.createBlog.id && received.owner === username;
subscription.unsubscribe();
if (process.env.STORAGE_FIX === "1") {
  const storage = require("aws-amplify/storage");
  const path = ({ identityId }) => `private/${identityId}/note.txt`;
  await storage.uploadData({ path, data: `note of ${username}` }).result;
  const downloaded = await storage.downloadData({ path }).result;
  result.storage = await downloaded.body.text();
}
await auth.signOut();
try {
  await auth.getCurrentUser();
  result.afterSignOut = "still signed in";
} catch (err) {
  result.afterSignOut = err.name;
}
console.log(JSON.stringify(result));
process.exit(0);
