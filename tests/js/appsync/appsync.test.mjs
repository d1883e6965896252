// Drives the aws-amplify v6 GraphQL client against the local AppSync endpoint: a subscription,
// a mutation that triggers it, and a query. Configured from an aws-exports.js-shaped object.
// Usage: node appsync.test.mjs http://127.0.0.1:PORT/graphql API_KEY
// Prints one JSON line with what each operation returned; exits 1 on any failure.
import WebSocket from "ws";
import { Amplify } from "aws-amplify";
import { generateClient } from "aws-amplify/api";

// aws-amplify v6 always opens the realtime socket with wss:// (appsyncUrl.mjs), while the
// local endpoint, like `amplify mock`, serves plain ws:// on the same port as /graphql.
// Apps (and this test) point it back at ws:// for the local endpoint.
globalThis.WebSocket = class LocalWebSocket extends WebSocket {
  constructor(url, protocols) {
    super(String(url).replace(/^wss:\/\/(127\.0\.0\.1|localhost)/, "ws://$1"), protocols);
  }
};

const [endpoint, apiKey] = process.argv.slice(2);
const awsExports = {
  aws_project_region: "us-east-1",
  aws_appsync_graphqlEndpoint: endpoint,
  aws_appsync_region: "us-east-1",
  aws_appsync_authenticationType: "API_KEY",
  aws_appsync_apiKey: apiKey,
};
Amplify.configure(awsExports);
const client = generateClient();

const onCreate = /* GraphQL */ `subscription OnCreateTodo { onCreateTodo { id name description } }`;
const create = /* GraphQL */ `mutation CreateTodo($input: CreateTodoInput!) {
  createTodo(input: $input) { id name description }
}`;
const get = /* GraphQL */ `query GetTodo($id: ID!) { getTodo(id: $id) { id name description } }`;

function withTimeout(promise, ms, what) {
  return Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms)),
  ]);
}

async function main() {
  let subscription;
  const event = new Promise((resolve, reject) => {
    subscription = client.graphql({ query: onCreate }).subscribe({
      next: ({ data }) => resolve(data),
      error: (err) => reject(new Error(JSON.stringify(err))),
    });
  });
  // The client reports the subscription as started once AppSync sends start_ack.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const created = await client.graphql({
    query: create,
    variables: { input: { id: "js-1", name: "From JS", description: "aws-amplify v6" } },
  });
  const received = await withTimeout(event, 10000, "subscription event");
  const fetched = await client.graphql({ query: get, variables: { id: "js-1" } });
  subscription.unsubscribe();
  console.log(JSON.stringify({ mutation: created.data, subscription: received, query: fetched.data }));
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err && err.stack ? err.stack : JSON.stringify(err));
    process.exit(1);
  },
);
