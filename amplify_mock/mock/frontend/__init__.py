"""The app's frontend config, pointed at the mock while it runs and restored byte for byte."""
