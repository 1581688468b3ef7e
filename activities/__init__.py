"""Every side effect of a traject, each idempotent: dossier writes, letters and their delivery."""
