// Bundles app.mjs for the browser; writes OUT_DIR/app.js and OUT_DIR/index.html.
// Usage: node build.mjs <OUT_DIR>
import { build } from "esbuild";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const [outDir] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
await build({
  entryPoints: [join(here, "app.mjs")],
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2020",
  outfile: join(outDir, "app.js"),
  logLevel: "error",
});
writeFileSync(
  join(outDir, "index.html"),
  '<!doctype html><html><head><meta charset="utf-8"><title>DataStore app</title></head>' +
    '<body><h1>DataStore app</h1><pre id="log"></pre>' +
    '<script type="module" src="app.js"></script></body></html>\n',
);
console.log(JSON.stringify({ built: join(outDir, "app.js") }));
