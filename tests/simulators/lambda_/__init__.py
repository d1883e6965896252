"""Tests of the Lambda runner with real Node.js and Python handlers."""
