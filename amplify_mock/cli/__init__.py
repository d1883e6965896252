"""The `amplify` command: click commands only; the engines live elsewhere."""
