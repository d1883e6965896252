"""Tests of the DynamoDB store, its expressions, its HTTP endpoint and its clients."""
