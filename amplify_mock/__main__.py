"""`python -m amplify_mock ...` runs the `amplify` command (handy where scripts are not on PATH)."""

from amplify_mock.cli.main import main

main()
