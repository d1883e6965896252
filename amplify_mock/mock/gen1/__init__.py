"""The Gen 1 project adapter of `amplify mock`: the `amplify/backend/` API, storage, hosting."""
