"""The Gen 2 project adapter of `amplify mock`: amplify/backend.ts served by the local services.

`session.py` starts what the definition (`amplify_mock.gen2.load_backend`) asks for;
`functions.py` bundles the TypeScript handlers for the Lambda runner; `auth.py` and
`storage.py` turn defineAuth and defineStorage into the local Cognito and S3; `outputs.py`
rewrites amplify_outputs.json while the mock runs; `reload.py` is the hot reload.
"""
