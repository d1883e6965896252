"""The category plugins (`amplify add <category>`): api, auth, function, storage, hosting."""
