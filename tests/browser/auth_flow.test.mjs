// Drives the aws-amplify web app (tests/js/auth/web) in headless Debian chromium against
// `amplify mock`: sign-up, confirmation with the code the mock printed (read from stdin after
// printing {"needCode": username}), SRP sign-in, a subscription over wss, an owner-protected
// create, sign-out; then a second user is denied the first user's item. Chromium trusts exactly
// the mock's certificate (--ignore-certificate-errors-spki-list with its SPKI hash).
// Usage: node auth_flow.test.mjs APP_URL SPKI_SHA256_BASE64 OUT_DIR
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

const [appUrl, spki, outDir] = process.argv.slice(2);
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
async function codeFor(username) {
  console.log(JSON.stringify({ needCode: username }));
  const { value } = await lines.next();
  return value.trim();
}

const executablePath = execFileSync("which", ["chromium"]).toString().trim();
const context = await chromium.launchPersistentContext(
  mkdtempSync(join(tmpdir(), "auth-chromium-")),
  {
    executablePath,
    headless: true,
    args: [`--ignore-certificate-errors-spki-list=${spki}`, "--no-sandbox"],
  },
);
const result = { screenshots: [] };
const errors = [];
try {
  const page = await context.newPage();
  page.on("pageerror", (err) => errors.push(String(err)));
  page.on("console", (message) => console.error(`[browser] ${message.text()}`));
  page.on("requestfailed", (request) =>
    console.error(`[browser] failed ${request.url()}: ${request.failure()?.errorText}`),
  );
  page.setDefaultTimeout(30000);
  await page.goto(appUrl);
  await page.waitForFunction(() => window.app !== undefined);
  const shot = async (name) => {
    const path = join(outDir, `${result.screenshots.length + 1}-${name}.png`);
    await page.screenshot({ path, fullPage: true });
    result.screenshots.push(path);
  };
  const call = (name, ...args) => page.evaluate(([n, a]) => window.app[n](...a), [name, args]);
  const password = "Correct-horse-1";
  const [first, second] = [`alice${Date.now()}`, `bob${Date.now()}`];

  result.signUp = await call("signUp", first, password);
  result.confirm = await call("confirm", first, await codeFor(first));
  await shot("signed-up");
  result.signIn = await call("signIn", first, password);
  result.subscribed = await call("subscribe", first);
  const created = await call("create", `Blog of ${first}`);
  result.owner = created.owner === first;
  const event = await call("event");
  result.subscriptionEvent = event.id === created.id && event.owner === first;
  result.ownRead = (await call("get", created.id)).data?.id === created.id;
  await shot("created-and-received");
  result.signOut = await call("signOut");

  await call("signUp", second, password);
  await call("confirm", second, await codeFor(second));
  await call("signIn", second, password);
  result.otherUser = await call("get", created.id);
  await shot("second-user-denied");
  await call("signOut");
} finally {
  result.pageErrors = errors;
  await context.close();
}
console.log(JSON.stringify(result));
process.exit(0);
