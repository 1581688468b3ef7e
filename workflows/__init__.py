"""Temporal workflow definitions: one business process per file, named after it."""
