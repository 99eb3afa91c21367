#!/usr/bin/env bash
# Port-forward the KareMatch Postgres primary (CloudNativePG cluster km-pg) to localhost.
#
# The database has no external IP; the only way in from a laptop is kubectl port-forward to
# svc/km-pg-rw in the karematch-data namespace. Credentials live in the Kubernetes secret
# km-pg-app and are read at runtime, never written to disk.
#
# Usage: scripts/port-forward-db.sh [--env staging|prod] [--port 15432] [--read-only]
set -euo pipefail

usage() {
  cat <<'USAGE'
Port-forward the KareMatch Postgres primary to localhost.

Usage: scripts/port-forward-db.sh [--env staging|prod] [--port PORT] [--read-only]

Options:
  --env ENV     staging (default) or prod
  --port PORT   local port (default: 15432)
  --read-only   forward the read replica service km-pg-ro instead of the primary
  -h, --help    show this help

Then, in another shell:
  export PGPASSWORD="$(kubectl --context <ctx> -n karematch-data get secret km-pg-app -o jsonpath='{.data.password}' | base64 -d)"
  psql -h localhost -p 15432 -U app karematch
USAGE
}

env="staging"
port="15432"
service="km-pg-rw"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --env) env="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --read-only) service="km-pg-ro"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

case "$env" in
  staging) context="gke_karematch-staging_us-central1_km-staging" ;;
  prod)    context="gke_karematch-prod_us-central1_km-prod" ;;
  *) echo "--env must be staging or prod" >&2; exit 2 ;;
esac

if [[ "$env" == "prod" && "$service" == "km-pg-rw" ]]; then
  echo "WARNING: forwarding the PRODUCTION primary. Prefer --read-only for investigations." >&2
fi

echo "Forwarding ${service}.karematch-data (${env}) to localhost:${port} - Ctrl-C to stop"
exec kubectl --context "$context" -n karematch-data port-forward "svc/${service}" "${port}:5432"
