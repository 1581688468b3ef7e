"""Process wiring: settings, the Temporal connection, the worker and the local stack."""
