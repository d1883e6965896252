// A small web app on aws-amplify (latest 6.x), configured only from the mock's rewritten
// aws-exports.js (bundled by build.mjs under the name "aws-exports"). The browser test drives
// it through window.app; every step is also written to the page, for the screenshots.
import { Amplify } from "aws-amplify";
import * as auth from "aws-amplify/auth";
import { CONNECTION_STATE_CHANGE, ConnectionState, generateClient } from "aws-amplify/api";
import { Hub } from "aws-amplify/utils";
import config from "aws-exports";

Amplify.configure(config);
const client = generateClient();

const createBlog = /* GraphQL */ `mutation CreateBlog($input: CreateBlogInput!) {
  createBlog(input: $input) { id name owner }
}`;
const getBlog = /* GraphQL */ `query GetBlog($id: ID!) { getBlog(id: $id) { id name owner } }`;
const onCreateBlog = /* GraphQL */ `subscription OnCreateBlog($owner: String) {
  onCreateBlog(owner: $owner) { id name owner }
}`;

function show(line) {
  document.querySelector("#log").textContent += `${line}\n`;
  return line;
}

let received;
let connected = new Promise((resolve) => {
  Hub.listen("api", ({ payload }) => {
    if (
      payload.event === CONNECTION_STATE_CHANGE &&
      payload.data.connectionState === ConnectionState.Connected
    ) {
      resolve(true);
    }
  });
});

window.app = {
  async signUp(username, password) {
    const { nextStep } = await auth.signUp({
      username,
      password,
      options: { userAttributes: { email: `${username}@example.com` } },
    });
    return show(`signUp ${username}: ${nextStep.signUpStep}`) && nextStep.signUpStep;
  },
  async confirm(username, code) {
    const { nextStep } = await auth.confirmSignUp({ username, confirmationCode: code });
    show(`confirmSignUp ${username}: ${nextStep.signUpStep}`);
    return nextStep.signUpStep;
  },
  async signIn(username, password) {
    const { isSignedIn } = await auth.signIn({ username, password });
    const { username: current } = await auth.getCurrentUser();
    show(`signIn (SRP) ${current}: ${isSignedIn}`);
    return isSignedIn && current === username;
  },
  async subscribe(owner) {
    received = new Promise((resolve, reject) => {
      client
        .graphql({ query: onCreateBlog, variables: { owner }, authMode: "userPool" })
        .subscribe({
          next: ({ data }) => resolve(data.onCreateBlog),
          error: (err) => reject(new Error(JSON.stringify(err))),
        });
    });
    await connected;
    show(`subscribed to onCreateBlog over wss for ${owner}`);
    return true;
  },
  async create(name) {
    const { data } = await client.graphql({
      query: createBlog,
      variables: { input: { name } },
      authMode: "userPool",
    });
    show(`createBlog: ${JSON.stringify(data.createBlog)}`);
    return data.createBlog;
  },
  async event() {
    const blog = await received;
    show(`subscription event: ${JSON.stringify(blog)}`);
    return blog;
  },
  async get(id) {
    try {
      const { data } = await client.graphql({ query: getBlog, variables: { id }, authMode: "userPool" });
      return show(`getBlog: ${JSON.stringify(data.getBlog)}`) && { data: data.getBlog };
    } catch (err) {
      const message = err.errors?.[0]?.message ?? String(err);
      show(`getBlog denied: ${message}`);
      return { error: message, errorType: err.errors?.[0]?.errorType ?? null };
    }
  },
  async signOut() {
    await auth.signOut();
    connected = Promise.resolve(true);
    show("signed out");
    return true;
  },
};
show("ready");
