"""Tests of the `amplify mock` orchestration."""
