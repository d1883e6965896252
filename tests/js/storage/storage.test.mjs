// Drives the aws-amplify v6 Storage API against the local S3 (pytest starts it on :20005).
// Usage: node storage.test.mjs <path to aws-exports.js>; prints one JSON report line, exits 1 on failure.
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { Amplify } from 'aws-amplify';
import {
  copy,
  downloadData,
  getProperties,
  getUrl,
  list,
  remove,
  uploadData,
} from 'aws-amplify/storage';

const IDENTITY_ID = 'us-east-1:0f6b1c2d-aaaa-bbbb-cccc-1234567890ab';

const awsExports = (await import(pathToFileURL(process.argv[2]).href)).default;

// Offline credentials: v6 asks the Auth credentials provider for credentials and an identity id.
Amplify.configure(awsExports, {
  Auth: {
    credentialsProvider: {
      getCredentialsAndIdentityId: async () => ({
        credentials: { accessKeyId: 'AKIAMOCKACCESSKEY', secretAccessKey: 'mock-secret-key' },
        identityId: IDENTITY_ID,
      }),
      clearCredentialsAndIdentityId: () => {},
    },
  },
});

const steps = [];
async function step(name, fn) {
  await fn();
  steps.push(name);
}

const textPath = 'public/hello world+1 é.txt';
const text = 'hello from aws-amplify v6';

await step('uploadData', async () => {
  const result = await uploadData({
    path: textPath,
    data: text,
    options: { contentType: 'text/plain', metadata: { owner: 'js-test' } },
  }).result;
  assert.equal(result.path, textPath);
  assert.match(result.eTag, /^"?[0-9a-f]{32}"?$/);
});

await step('getProperties', async () => {
  const props = await getProperties({ path: textPath });
  assert.equal(props.contentType, 'text/plain');
  assert.equal(props.size, Buffer.byteLength(text));
  assert.deepEqual(props.metadata, { owner: 'js-test' });
});

await step('downloadData', async () => {
  const { body } = await downloadData({ path: textPath }).result;
  assert.equal(await body.text(), text);
});

await step('uploadData multipart (6 MB)', async () => {
  const big = new Uint8Array(6 * 1024 * 1024).map((_, i) => i % 251);
  const result = await uploadData({ path: 'public/big.bin', data: big }).result;
  assert.match(result.eTag, /-2"?$/);
  const { body } = await downloadData({ path: 'public/big.bin' }).result;
  const back = new Uint8Array(await (await body.blob()).arrayBuffer());
  assert.equal(back.length, big.length);
  assert.ok(Buffer.from(back).equals(Buffer.from(big)));
});

await step('uploadData private (identity id prefix)', async () => {
  await uploadData({
    path: ({ identityId }) => `private/${identityId}/note.txt`,
    data: 'secret',
  }).result;
  const { body } = await downloadData({ path: `private/${IDENTITY_ID}/note.txt` }).result;
  assert.equal(await body.text(), 'secret');
});

await step('list', async () => {
  const { items } = await list({ path: 'public/' });
  assert.deepEqual(items.map((item) => item.path).sort(), ['public/big.bin', textPath].sort());
  const first = await list({ path: 'public/', options: { pageSize: 1 } });
  assert.equal(first.items.length, 1);
  assert.ok(first.nextToken);
  const second = await list({ path: 'public/', options: { pageSize: 1, nextToken: first.nextToken } });
  assert.equal(second.items.length, 1);
  assert.notEqual(second.items[0].path, first.items[0].path);
  const all = await list({ path: '', options: { listAll: true } });
  assert.equal(all.items.length, 3);
});

await step('getUrl', async () => {
  const { url, expiresAt } = await getUrl({
    path: textPath,
    options: { validateObjectExistence: true, expiresIn: 300 },
  });
  assert.ok(expiresAt instanceof Date);
  const response = await fetch(url);
  assert.equal(response.status, 200);
  assert.equal(await response.text(), text);
});

await step('copy', async () => {
  const result = await copy({
    source: { path: textPath },
    destination: { path: 'public/copied.txt' },
  });
  assert.equal(result.path, 'public/copied.txt');
  const { body } = await downloadData({ path: 'public/copied.txt' }).result;
  assert.equal(await body.text(), text);
});

await step('remove', async () => {
  const result = await remove({ path: textPath });
  assert.equal(result.path, textPath);
  await assert.rejects(getProperties({ path: textPath }), (error) => {
    assert.equal(error.name, 'NotFound');
    return true;
  });
});

console.log(JSON.stringify({ ok: true, steps }));
