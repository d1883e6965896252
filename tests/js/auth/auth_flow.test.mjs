// Drives aws-amplify v6 Auth + GraphQL against `amplify mock` with a Cognito auth resource,
// configured only from the mock's rewritten aws-exports.js:
// signUp -> confirmSignUp (the code printed by the mock, read from stdin) -> signIn (SRP, the
// default flow) -> fetchAuthSession (tokens, identity pool credentials) -> an owner-protected
// mutation (userPool auth) -> signOut.
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
const { Amplify } = require("aws-amplify");
const auth = require("aws-amplify/auth");
const { generateClient } = require("aws-amplify/api");
const version = require("aws-amplify/package.json").version;

const copy = join(mkdtempSync(join(tmpdir(), "aws-exports-")), "aws-exports.mjs");
copyFileSync(exportsPath, copy);
const { default: config } = await import(pathToFileURL(copy).href);
Amplify.configure(config);

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
async function codeFor(username) {
  console.log(JSON.stringify({ needCode: username }));
  const { value } = await lines.next();
  return value.trim();
}

const createBlog = /* GraphQL */ `mutation CreateBlog($input: CreateBlogInput!) {
  createBlog(input: $input) { id name owner }
}`;

const result = { version };
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
const created = await client.graphql({
  query: createBlog,
  variables: { input: { name: `Blog of ${username}` } },
  authMode: "userPool",
});
result.owner = created.data.createBlog.owner === username;
await auth.signOut();
try {
  await auth.getCurrentUser();
  result.afterSignOut = "still signed in";
} catch (err) {
  result.afterSignOut = err.name;
}
console.log(JSON.stringify(result));
process.exit(0);
