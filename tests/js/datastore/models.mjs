// The DataStore model schema of tests/e2e/test_datastore_js.py's API, in the form
// `amplify codegen models` writes to src/models/schema.js (codegen models is not emulated).
const field = (name, type, extra = {}) => ({
  name,
  isArray: false,
  type,
  isRequired: false,
  attributes: [],
  ...extra,
});

const model = (name, pluralName, fields) => ({
  name,
  fields: {
    id: field("id", "ID", { isRequired: true }),
    ...fields,
    createdAt: field("createdAt", "AWSDateTime", { isReadOnly: true }),
    updatedAt: field("updatedAt", "AWSDateTime", { isReadOnly: true }),
  },
  syncable: true,
  pluralName,
  attributes: [{ type: "model", properties: {} }],
});

export const MODELS = {
  models: {
    // AUTOMERGE (the API's default strategy)
    Post: model("Post", "Posts", {
      title: field("title", "String", { isRequired: true }),
      tags: field("tags", "String", { isArray: true, isArrayNullable: true }),
    }),
    // OPTIMISTIC_CONCURRENCY
    Note: model("Note", "Notes", { text: field("text", "String", { isRequired: true }) }),
    // LAMBDA (the project's function `resolver`)
    Task: model("Task", "Tasks", { title: field("title", "String", { isRequired: true }) }),
  },
  enums: {},
  nonModels: {},
  codegenVersion: "3.4.4",
  version: "amplify-mock-datastore-e2e-1",
};
