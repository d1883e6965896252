"""Tests of the frontend config rewrite of `amplify mock`."""
