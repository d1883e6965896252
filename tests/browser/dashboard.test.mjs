// Drives every panel of the mock's console in one headless Debian chromium, against a running
// `amplify mock` (over the mock's TLS): trace view, data browser (tables and buckets),
// subscriptions, functions, the local user pool sign-in, and the hot-reload banner.
// Usage: node dashboard.test.mjs https://localhost:PORT/ PROJECT_DIR OUT_DIR PASSWORD API_KEY
// Prints one JSON line: what each panel showed, and one screenshot per panel.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [baseUrl, projectDir, outDir, password, apiKey] = process.argv.slice(2);
const resolversDir = join(projectDir, "amplify", "backend", "api", "demoapi", "resolvers");
const result = { shots: {}, external: [], consoleErrors: [] };

async function graphql(page, query) {
  // from the page, so the request goes over the same TLS connection setup as the console's
  return page.evaluate(async ([q, key]) => {
    const r = await fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": key },
      body: JSON.stringify({ query: q }),
    });
    return r.json();
  }, [query, apiKey]);
}

async function runInGraphiql(page, query) {
  const editor = page.locator(".graphiql-query-editor .CodeMirror").first();
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(query);
  const before = await responseText(page);
  await page.locator(".graphiql-execute-button").click();
  await page.waitForFunction((previous) => {
    const pane = document.querySelector(".graphiql-response .CodeMirror");
    const text = pane ? pane.CodeMirror.getValue() : "";
    return text.trim() !== "" && text !== previous;
  }, before, { timeout: 15000 });
  return responseText(page);
}

function responseText(page) {
  return page.evaluate(() => {
    const pane = document.querySelector(".graphiql-response .CodeMirror");
    return pane ? pane.CodeMirror.getValue() : "";
  });
}

async function shot(page, name) {
  const path = join(outDir, name + ".png");
  await page.screenshot({ path });
  result.shots[name] = path;
}

const text = (page, selector) => page.locator(selector).first().innerText();

async function tracePanel(page) {
  await page.click("[data-testid=tab-graphiql]");
  await page.selectOption("[data-testid=auth-mode]", "API_KEY");
  result.brokenResponse = await runInGraphiql(page, 'query Broken { getBlog(id: "nope") { id name } }');
  await page.click("[data-testid=tab-traces]");
  const item = page.locator("[data-testid=trace-item]", { hasText: "Broken" }).first();
  await item.waitFor({ timeout: 15000 });
  await item.click();
  await page.waitForSelector("[data-testid=error-location]", { timeout: 15000 });
  result.trace = {
    location: await text(page, "[data-testid=error-location]"),
    override: await text(page, "[data-testid=override-file]"),
    fieldTree: await text(page, "[data-testid=field-tree]"),
    detail: await text(page, "[data-testid=field-detail]"),
  };
  await shot(page, "1-trace-failing-resolver");
}

async function tablesPanel(page) {
  result.created = await graphql(page, 'mutation { createTodo(input: {id: "d1", name: "Before"}) { id name } }');
  await page.click("[data-testid=tab-data]");
  await page.click("[data-testid=data-tables]");
  const options = await page.locator("[data-testid=table-select] option").allInnerTexts();
  const todo = options.find((o) => o.startsWith("Todo"));
  await page.selectOption("[data-testid=table-select]", { label: todo });
  await page.click("[data-testid=scan]");
  const row = page.locator("[data-testid=item-row]", { hasText: "d1" }).first();
  await row.waitFor({ timeout: 15000 });
  await row.click();
  const json = JSON.parse(await page.inputValue("[data-testid=item-json]"));
  json.name = "Edited in the console";
  await page.fill("[data-testid=item-json]", JSON.stringify(json, null, 2));
  await page.click("[data-testid=save-item]");
  await page.waitForSelector("[data-testid=data-message]", { timeout: 15000 });
  await page.locator("[data-testid=item-row]", { hasText: "Edited in the console" }).first().waitFor({ timeout: 15000 });
  result.tables = { message: await text(page, "[data-testid=data-message]"), rows: await text(page, "[data-testid=items]") };
  await shot(page, "2-table-item-edited");
  result.afterEdit = await graphql(page, '{ getTodo(id: "d1") { id name } }');
}

async function bucketsPanel(page) {
  await page.click("[data-testid=data-buckets]");
  await page.waitForSelector("[data-testid=bucket-select] option", { state: "attached", timeout: 15000 });
  await page.setInputFiles("[data-testid=upload-file]", {
    name: "hello.txt", mimeType: "text/plain", buffer: Buffer.from("uploaded from the console"),
  });
  await page.fill("[data-testid=upload-key]", "public/console/hello.txt");
  await page.click("[data-testid=upload]");
  await page.waitForSelector("[data-testid=bucket-message]", { timeout: 15000 });
  await page.locator("[data-testid=object-row]", { hasText: "public/console/hello.txt" }).first().waitFor({ timeout: 15000 });
  result.buckets = {
    bucket: await page.inputValue("[data-testid=bucket-select]"),
    message: await text(page, "[data-testid=bucket-message]"),
    objects: await text(page, "[data-testid=objects]"),
  };
  await shot(page, "3-bucket-upload");
}

async function subscriptionsPanel(page) {
  await page.click("[data-testid=tab-subscriptions]");
  await page.fill("[data-testid=subscription-document]", "subscription On { onCreateTodo { id name } }");
  await page.click("[data-testid=subscribe]");
  await page.locator("[data-testid=subscription-status]", { hasText: "listening" }).first().waitFor({ timeout: 15000 });
  result.published = await graphql(page, 'mutation { createTodo(input: {id: "s1", name: "Live"}) { id name } }');
  const event = page.locator("[data-testid=subscription-event]", { hasText: "s1" }).first();
  await event.waitFor({ timeout: 15000 });
  result.subscriptions = { event: await event.innerText(), status: await text(page, "[data-testid=subscription-status]") };
  await shot(page, "4-subscription-events");
}

async function functionsPanel(page) {
  await page.click("[data-testid=tab-functions]");
  await page.waitForSelector("[data-testid=function-select] option", { state: "attached", timeout: 15000 });
  await page.selectOption("[data-testid=function-select]", "wordCount");
  await page.fill("[data-testid=function-event]", JSON.stringify({ source: { id: "p1", body: "one two three" } }));
  await page.click("[data-testid=invoke]");
  await page.waitForSelector("[data-testid=function-payload]", { timeout: 60000 });
  result.functions = {
    status: await text(page, "[data-testid=function-status]"),
    payload: await text(page, "[data-testid=function-payload]"),
    logs: await text(page, "[data-testid=function-logs]"),
  };
  await shot(page, "5-function-invoked");
}

async function authPanel(page) {
  await page.click("[data-testid=tab-graphiql]");
  await page.selectOption("[data-testid=auth-mode]", "AMAZON_COGNITO_USER_POOLS");
  await page.waitForSelector("[data-testid=pool-user] option", { state: "attached", timeout: 15000 });
  await page.selectOption("[data-testid=pool-user]", "alice");
  await page.fill("[data-testid=pool-password]", "not-her-password");
  await page.click("[data-testid=pool-sign-in]");
  await page.waitForSelector("[data-testid=sign-in-error]", { timeout: 15000 });
  result.wrongPassword = await text(page, "[data-testid=sign-in-error]");
  await page.fill("[data-testid=pool-password]", password);
  await page.click("[data-testid=pool-sign-in]");
  await page.waitForSelector("[data-testid=signed-in]", { timeout: 15000 });
  result.signedIn = await text(page, "[data-testid=signed-in]");
  result.ownBlog = await runInGraphiql(page, 'mutation Mine { createBlog(input: {id: "auth-1", name: "Mine"}) { id owner } }');
  await shot(page, "6-auth-local-user");
}

async function reloadBanner(page) {
  const broken = join(resolversDir, "Query.listTodos.req.vtl");
  writeFileSync(broken, '{\n  "version": "2018-05-29",\n  #if($ctx.args.limit\n}\n');
  const failed = page.locator("[data-testid=reload-banner].am-banner-error");
  await failed.waitFor({ timeout: 60000 });
  result.reloadFailed = {
    banner: await failed.innerText(),
    location: await text(page, "[data-testid=reload-location]"),
  };
  await shot(page, "7-reload-failed");
  rmSync(broken);
  const ok = page.locator("[data-testid=reload-banner].am-banner-ok");
  await ok.waitFor({ timeout: 60000 });
  result.reloadOk = await ok.innerText();
  await shot(page, "8-reload-ok");
}

async function main() {
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "dashboard-chromium-")), {
    executablePath: "/usr/bin/chromium",
    headless: true,
    ignoreHTTPSErrors: true, // the mock's local CA is not in this throwaway profile
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
    viewport: { width: 1400, height: 800 },
  });
  const page = context.pages()[0] || (await context.newPage());
  const origin = new URL(baseUrl).origin;
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith("data:") && !url.startsWith("blob:")) result.external.push(url);
  });
  page.on("pageerror", (err) => result.consoleErrors.push(String(err)));
  await page.goto(baseUrl);
  await page.waitForSelector(".graphiql-query-editor .CodeMirror", { timeout: 30000 });
  result.protocol = await page.evaluate(() => location.protocol);
  const steps = { tracePanel, tablesPanel, bucketsPanel, subscriptionsPanel, functionsPanel, authPanel, reloadBanner };
  for (const [name, step] of Object.entries(steps)) {
    try {
      await step(page);
    } catch (err) {
      result[name + "Error"] = String(err && err.stack ? err.stack : err);
      await shot(page, "failed-" + name).catch(() => {});
    }
  }
  await context.close();
  console.log(JSON.stringify(result));
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err && err.stack ? err.stack : String(err));
    process.exit(1);
  },
);
