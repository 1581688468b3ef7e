"""The dossier DB: tables, engine and sessions, migrations and read queries.

Activities are its only writers; the API reads it and appends to the audit log.
"""
