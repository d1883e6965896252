// The DataStore client (../commands.mjs) in a web page: IndexedDB local store, the browser's
// WebSocket. The GraphQL endpoint and API key come from the page's query string; the test
// driver calls `window.app.run(cmd, args)` and drains `window.app.events`.
import { Amplify } from "aws-amplify";
import { Hub } from "aws-amplify/utils";
import { DataStore, DISCARD, initSchema } from "@aws-amplify/datastore";

import { createClient } from "../commands.mjs";

const params = new URLSearchParams(window.location.search);
const events = [];
const log = document.getElementById("log");
const emit = (message) => {
  events.push(message);
  log.textContent += `${JSON.stringify(message).slice(0, 200)}\n`;
};
const run = createClient(
  { Amplify, Hub, DataStore, DISCARD, initSchema },
  { endpoint: params.get("endpoint"), apiKey: params.get("apiKey"), emit },
);
window.app = { run, events };
