"""Tests of the Gen 1 project adapter of `amplify mock`."""
