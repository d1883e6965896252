"""Tests of the local service simulators."""
