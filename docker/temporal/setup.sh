#!/bin/sh
# Runs once in temporalio/admin-tools before the server starts: creates Temporal's two databases and brings
# their schemas to the version of this release (safe to run again on an upgrade), then, once the server
# answers, the namespace. The engine's worker registers its own search attributes at start.
set -eu
SQL="temporal-sql-tool --plugin postgres12 --ep temporal-db --port 5432 --user temporal --password ${TEMPORAL_DB_PASSWORD}"
for db in temporal temporal_visibility; do
  $SQL --db "$db" create-database 2>/dev/null || true
done
# The base schema exists after the first run, so its set-up may fail then; the update that follows fails
# for real if the database is not usable.
$SQL --db temporal setup-schema -v 0.0 || true
$SQL --db temporal update-schema -d /etc/temporal/schema/postgresql/v12/temporal/versioned
$SQL --db temporal_visibility setup-schema -v 0.0 || true
$SQL --db temporal_visibility update-schema -d /etc/temporal/schema/postgresql/v12/visibility/versioned
