"""VTL mapping templates built as data (`ast`) and printed by one printer (`printer`)."""

from transformer.mapping_template.printer import print_block, print_template

__all__ = ["print_block", "print_template"]
