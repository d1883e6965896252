// Drives the AppSync console in headless Debian chromium: load it, run a query with the API
// key, then run an update as a Cognito user without and with the Admin group.
// Usage: node console.test.mjs http://127.0.0.1:PORT/ OUT_DIR
// Prints one JSON line: the response pane text of each run and the screenshot paths.
import { chromium } from "playwright-core";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [baseUrl, outDir] = process.argv.slice(2);
const userDataDir = mkdtempSync(join(tmpdir(), "console-chromium-"));

async function run(page, query) {
  const editor = page.locator(".graphiql-query-editor .CodeMirror").first();
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(query);
  const before = await responseText(page);
  await page.locator(".graphiql-execute-button").click();
  await page.waitForFunction(
    (previous) => {
      const pane = document.querySelector(".graphiql-response .CodeMirror");
      const text = pane ? pane.CodeMirror.getValue() : "";
      return text.trim() !== "" && text !== previous;
    },
    before,
    { timeout: 15000 },
  );
  return responseText(page);
}

function responseText(page) {
  return page.evaluate(() => {
    const pane = document.querySelector(".graphiql-response .CodeMirror");
    return pane ? pane.CodeMirror.getValue() : "";
  });
}

async function main() {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
    viewport: { width: 1400, height: 800 },
  });
  const page = context.pages()[0] || (await context.newPage());
  const external = [];
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(baseUrl.replace(/\/$/, "")) && !url.startsWith("data:")) external.push(url);
  });
  await page.goto(baseUrl);
  await page.waitForSelector(".graphiql-query-editor .CodeMirror", { timeout: 20000 });
  await page.waitForSelector("[data-testid=auth-mode]");
  const shots = {};

  await page.selectOption("[data-testid=auth-mode]", "API_KEY");
  const listed = await run(page, "query ListBlogs { listBlogs { items { id name owner } } }");
  shots.apiKey = join(outDir, "1-api-key-query.png");
  await page.screenshot({ path: shots.apiKey });

  await page.selectOption("[data-testid=auth-mode]", "AMAZON_COGNITO_USER_POOLS");
  await page.fill("[data-testid=username]", "mallory");
  await page.fill("[data-testid=groups]", "");
  const update = 'mutation Rename { updateBlog(input: {id: "b1", name: "Renamed"}) { id name owner } }';
  const denied = await run(page, update);
  shots.denied = join(outDir, "2-cognito-no-group.png");
  await page.screenshot({ path: shots.denied });

  await page.fill("[data-testid=groups]", "Admin");
  const allowed = await run(page, update);
  shots.allowed = join(outDir, "3-cognito-admin-group.png");
  await page.screenshot({ path: shots.allowed });

  await context.close();
  console.log(JSON.stringify({ listed, denied, allowed, shots, external }));
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err && err.stack ? err.stack : String(err));
    process.exit(1);
  },
);
