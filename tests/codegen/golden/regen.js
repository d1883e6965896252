// Regenerates the expected outputs in this directory with the real amplify-codegen packages
// (@aws-amplify/graphql-generator, as installed in the oracle harness):
//   node regen.js ../shared/oracle/node_modules   (from the repository root, after npm ci there)
// For each CASE/schema.graphql and each CASE/TARGET-DEPTH/ directory already present, rewrites
// the statements (with the types import "../API") and, for typescript/flow, API.ts / API.js;
// then the types files of the hand-written documents in ../golden_documents/CASE.
const fs = require('fs');
const path = require('path');
const modules = process.argv[2];
const G = require(path.join(modules, '@aws-amplify/graphql-generator'));
const { extractDocumentFromJavascript } = require(path.join(modules, '@aws-amplify/graphql-types-generator'));

(async () => {
  for (const name of fs.readdirSync(__dirname).sort()) {
    const dir = path.join(__dirname, name);
    if (!fs.statSync(dir).isDirectory()) continue;
    const schema = fs.readFileSync(path.join(dir, 'schema.graphql'), 'utf8');
    for (const variant of fs.readdirSync(dir).sort()) {
      const out = path.join(dir, variant);
      if (!fs.statSync(out).isDirectory()) continue;
      const [target, depth] = variant.split('-');
      const statements = G.generateStatements({ schema, target, maxDepth: +depth, relativeTypesPath: '../API' });
      const files = Object.keys(statements).sort();
      for (const file of files) fs.writeFileSync(path.join(out, file), statements[file]);
      if (target === 'typescript' || target === 'flow') {
        const queries = files.map(file => extractDocumentFromJavascript(statements[file], ''));
        const types = await G.generateTypes({ schema, target, queries });
        for (const contents of Object.values(types)) {
          fs.writeFileSync(path.join(out, target === 'flow' ? 'API.js' : 'API.ts'), contents);
        }
      }
    }
  }
  // ../golden_documents/CASE: schema.graphql + hand-written documents.graphql -> API.ts, API.js
  const documentsRoot = path.join(__dirname, '..', 'golden_documents');
  for (const name of fs.readdirSync(documentsRoot).sort()) {
    const dir = path.join(documentsRoot, name);
    const schema = fs.readFileSync(path.join(dir, 'schema.graphql'), 'utf8');
    const queries = fs.readFileSync(path.join(dir, 'documents.graphql'), 'utf8');
    for (const [target, file] of [['typescript', 'API.ts'], ['flow', 'API.js']]) {
      const types = await G.generateTypes({ schema, target, queries });
      fs.writeFileSync(path.join(dir, file), Object.values(types)[0]);
    }
  }
})().catch(err => {
  console.error(err);
  process.exit(1);
});
