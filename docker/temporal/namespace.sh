#!/bin/sh
# Waits for the server, then makes sure the engine's namespace exists (30 days of closed histories).
set -eu
until temporal operator cluster health --address temporal:7233 >/dev/null 2>&1; do sleep 2; done
temporal operator namespace describe --address temporal:7233 -n "${NAMESPACE}" >/dev/null 2>&1 \
  || temporal operator namespace create --address temporal:7233 -n "${NAMESPACE}" --retention 30d
