"""Tests of the Gen 2 project adapter of `amplify mock`."""
