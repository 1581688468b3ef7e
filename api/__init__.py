"""The public HTTP API under /api/v1: one router per audience, every route authenticated."""
