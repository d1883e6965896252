// Runs a subscription from the AppSync console (headless Debian chromium) and checks that a
// mutation sent over HTTP shows up in the response pane.
// Usage: node console_subscription.test.mjs http://127.0.0.1:PORT/ API_KEY SCREENSHOT
// Prints one JSON line: {"response": <response pane text>}.
import { chromium } from "playwright-core";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [baseUrl, apiKey, screenshot] = process.argv.slice(2);

async function main() {
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "console-chromium-")), {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
    viewport: { width: 1400, height: 800 },
  });
  const page = context.pages()[0] || (await context.newPage());
  await page.goto(baseUrl);
  await page.waitForSelector(".graphiql-query-editor .CodeMirror", { timeout: 20000 });
  await page.locator(".graphiql-query-editor .CodeMirror").first().click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText("subscription OnCreate { onCreateTodo { id name } }");
  await page.locator(".graphiql-execute-button").click();
  const mutation = 'mutation { createTodo(input: {id: "sub-1", name: "from the console test"}) { id } }';
  // Retry the mutation until the event shows: the subscription starts asynchronously.
  const deadline = Date.now() + 15000;
  let shown = false;
  while (!shown && Date.now() < deadline) {
    await fetch(new URL("graphql", baseUrl), {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": apiKey },
      body: JSON.stringify({ query: mutation }),
    });
    shown = await page
      .waitForFunction(() => {
        const pane = document.querySelector(".graphiql-response .CodeMirror");
        return pane && pane.CodeMirror.getValue().includes("sub-1");
      }, null, { timeout: 1000 })
      .then(() => true, () => false);
  }
  const response = await page.evaluate(
    () => document.querySelector(".graphiql-response .CodeMirror").CodeMirror.getValue(),
  );
  await page.screenshot({ path: screenshot });
  await context.close();
  console.log(JSON.stringify({ response }));
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err && err.stack ? err.stack : String(err));
    process.exit(1);
  },
);
