"""Runtime bootstraps the Lambda workers run (package data, executed as scripts)."""
