"""Letters to the client: one Jinja2 template per letter, in plain Dutch (B1), and their renderer."""
