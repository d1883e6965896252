// Two DataStore web apps (tests/js/datastore/web), clients "A" and "B", each in its own chromium
// context (its own IndexedDB), against `amplify mock`; driven by JSON lines on stdin:
// {"rid": 1, "client": "A", "cmd": "save", ...} runs window.app.run(cmd, args) in that page;
// "offline"/"online" switch the client's network off/on (the page gets offline/online events),
// "events" drains the page's DataStore events, "screenshot" writes OUT_DIR/<name>.png.
// Chromium trusts exactly the mock's certificate (--ignore-certificate-errors-spki-list).
// Usage: node datastore.test.mjs APP_URL GRAPHQL_ENDPOINT API_KEY SPKI_SHA256_BASE64 OUT_DIR
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";

const [appUrl, endpoint, apiKey, spki, outDir] = process.argv.slice(2);
const emit = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
const executablePath = execFileSync("which", ["chromium"]).toString().trim();
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: [`--ignore-certificate-errors-spki-list=${spki}`, "--no-sandbox"],
});
const clients = {};
for (const name of ["A", "B"]) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on("pageerror", (err) => emit({ event: "pageerror", client: name, message: String(err) }));
  page.on("console", (m) => console.error(`[${name}] ${m.text()}`));
  page.setDefaultTimeout(90000);
  const query = new URLSearchParams({ endpoint, apiKey });
  await page.goto(`${appUrl}?${query}`);
  await page.waitForFunction(() => window.app !== undefined);
  clients[name] = { context, page };
}
emit({ event: "loaded" });

const special = {
  offline: ({ context }) => context.setOffline(true).then(() => true),
  online: ({ context }) => context.setOffline(false).then(() => true),
  events: ({ page }) => page.evaluate(() => window.app.events.splice(0)),
  screenshot: ({ page }, { name }) =>
    page.screenshot({ path: join(outDir, `${name}.png`), fullPage: true }).then(() => true),
};

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const request = JSON.parse(line);
  const client = clients[request.client];
  const work = special[request.cmd]
    ? special[request.cmd](client, request)
    : client.page.evaluate(([cmd, args]) => window.app.run(cmd, args), [request.cmd, request]);
  work
    .then((ok) => emit({ rid: request.rid, ok }))
    .catch((error) => emit({ rid: request.rid, error: String(error?.stack ?? error) }));
}
await browser.close();
process.exit(0);
