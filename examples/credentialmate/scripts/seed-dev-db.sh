#!/usr/bin/env bash
# Reset the LOCAL development database and load fake providers, licenses and CME records.
#
# Starts the postgres service from docker-compose.dev.yml if needed, drops and recreates the
# credmate_dev database, runs `alembic upgrade head` and the seed module. Refuses to run
# against anything that looks like RDS.
#
# Usage: scripts/seed-dev-db.sh [--providers N]
set -euo pipefail

cd "$(dirname "$0")/.."

providers=50
if [[ "${1:-}" == "--providers" ]]; then providers="$2"; fi

export DATABASE_URL="${DATABASE_URL:-postgresql://credmate@localhost:5432/credmate_dev}"
case "$DATABASE_URL" in
  *rds.amazonaws.com*|*prod*) echo "refusing to seed a non-local database: $DATABASE_URL" >&2; exit 1 ;;
esac

docker compose -f docker-compose.dev.yml up -d postgres
until docker compose -f docker-compose.dev.yml exec -T postgres pg_isready -U credmate >/dev/null 2>&1; do
  sleep 1
done

docker compose -f docker-compose.dev.yml exec -T postgres dropdb -U credmate --if-exists credmate_dev
docker compose -f docker-compose.dev.yml exec -T postgres createdb -U credmate credmate_dev

(cd backend && alembic upgrade head && python -m app.seed --providers "$providers")
echo "OK: seeded $providers providers into credmate_dev"
