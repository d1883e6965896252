// Drives the aws-amplify v6 GraphQL client against fields resolved by APPSYNC_JS code: a VTL
// @model mutation creates a todo, a JS unit resolver reads it, a JS pipeline (JS before/after,
// a JS function and a VTL function) summarizes it, and a missing id shows the JS util.error.
// Usage: node appsync_js_resolvers.test.mjs http://127.0.0.1:PORT/graphql API_KEY
// Prints one JSON line with what each operation returned; exits 1 on any failure.
import { Amplify } from "aws-amplify";
import { generateClient } from "aws-amplify/api";

const [endpoint, apiKey] = process.argv.slice(2);
Amplify.configure({
  aws_project_region: "us-east-1",
  aws_appsync_graphqlEndpoint: endpoint,
  aws_appsync_region: "us-east-1",
  aws_appsync_authenticationType: "API_KEY",
  aws_appsync_apiKey: apiKey,
});
const client = generateClient();

const create = /* GraphQL */ `mutation CreateTodo($input: CreateTodoInput!) {
  createTodo(input: $input) { id name }
}`;
const getJs = /* GraphQL */ `query GetTodoJs($id: ID!) { getTodoJs(id: $id) { id name priority } }`;
const summary = /* GraphQL */ `query TodoSummary($id: ID!) {
  todoSummary(id: $id) { id summary trail }
}`;

async function main() {
  const created = await client.graphql({
    query: create,
    variables: { input: { id: "js-1", name: "Write JS resolvers", priority: 2 } },
  });
  const fetched = await client.graphql({ query: getJs, variables: { id: "js-1" } });
  const summarized = await client.graphql({ query: summary, variables: { id: "js-1" } });
  let missing;
  try {
    await client.graphql({ query: getJs, variables: { id: "nope" } });
    missing = "no error";
  } catch (err) {
    missing = {
      data: err.data,
      errors: err.errors.map((e) => ({ message: e.message, errorType: e.errorType })),
    };
  }
  console.log(
    JSON.stringify({ mutation: created.data, unit: fetched.data, pipeline: summarized.data, missing }),
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err && err.stack ? err.stack : JSON.stringify(err));
    process.exit(1);
  },
);
