"""The bottom layer: atomic file writes and the per-user folders, under every other package."""
