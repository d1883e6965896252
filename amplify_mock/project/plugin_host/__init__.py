"""The Node host that runs a third-party plugin's commands and event handlers (host.js)."""
