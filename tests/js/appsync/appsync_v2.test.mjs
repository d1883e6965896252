// Drives the aws-amplify v6 GraphQL client against a Transformer v2 API served by `amplify mock`:
// mutations, a @hasMany / @belongsTo read, an @index query field, and a subscription with the v2
// `filter` argument that must deliver only the matching post.
// Usage: node appsync_v2.test.mjs http://127.0.0.1:PORT/graphql API_KEY
// Prints one JSON line with what each operation returned; exits 1 on any failure.
import WebSocket from "ws";
import { Amplify } from "aws-amplify";
import { generateClient } from "aws-amplify/api";

// The local endpoint serves plain ws:// on the /graphql port; v6 opens wss:// (see appsync.test.mjs).
globalThis.WebSocket = class LocalWebSocket extends WebSocket {
  constructor(url, protocols) {
    super(String(url).replace(/^wss:\/\/(127\.0\.0\.1|localhost)/, "ws://$1"), protocols);
  }
};

const [endpoint, apiKey] = process.argv.slice(2);
Amplify.configure({
  aws_project_region: "us-east-1",
  aws_appsync_graphqlEndpoint: endpoint,
  aws_appsync_region: "us-east-1",
  aws_appsync_authenticationType: "API_KEY",
  aws_appsync_apiKey: apiKey,
});
const client = generateClient();

const onCreatePost = /* GraphQL */ `subscription OnCreatePost($filter: ModelSubscriptionPostFilterInput) {
  onCreatePost(filter: $filter) { id title }
}`;
const createBlog = /* GraphQL */ `mutation CreateBlog($input: CreateBlogInput!) {
  createBlog(input: $input) { id name }
}`;
const createPost = /* GraphQL */ `mutation CreatePost($input: CreatePostInput!) {
  createPost(input: $input) { id title blogID }
}`;
const getBlog = /* GraphQL */ `query GetBlog($id: ID!) {
  getBlog(id: $id) { id name posts { items { id title blog { name } } } }
}`;
const byBlog = /* GraphQL */ `query PostsByBlog($blogID: ID!) {
  postsByBlog(blogID: $blogID, sortDirection: DESC) { items { id title } }
}`;

function withTimeout(promise, ms, what) {
  return Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms)),
  ]);
}

async function main() {
  const events = [];
  let subscription;
  const firstEvent = new Promise((resolve, reject) => {
    subscription = client
      .graphql({ query: onCreatePost, variables: { filter: { title: { beginsWith: "Hello" } } } })
      .subscribe({
        next: ({ data }) => {
          events.push(data);
          resolve(data);
        },
        error: (err) => reject(new Error(JSON.stringify(err))),
      });
  });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const blog = await client.graphql({
    query: createBlog,
    variables: { input: { id: "b1", name: "Travel" } },
  });
  const skipped = await client.graphql({
    query: createPost,
    variables: { input: { id: "p1", title: "Bye Lisbon", blogID: "b1" } },
  });
  const matched = await client.graphql({
    query: createPost,
    variables: { input: { id: "p2", title: "Hello Porto", blogID: "b1" } },
  });
  await withTimeout(firstEvent, 10000, "subscription event");
  await new Promise((resolve) => setTimeout(resolve, 500)); // room for a wrong second event
  subscription.unsubscribe();
  const read = await client.graphql({ query: getBlog, variables: { id: "b1" } });
  const indexed = await client.graphql({ query: byBlog, variables: { blogID: "b1" } });
  read.data.getBlog.posts.items.sort((a, b) => a.id.localeCompare(b.id));
  console.log(
    JSON.stringify({
      mutations: [blog.data, skipped.data, matched.data],
      events,
      relation: read.data,
      index: indexed.data,
    }),
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err && err.stack ? err.stack : JSON.stringify(err));
    process.exit(1);
  },
);
