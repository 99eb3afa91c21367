#!/usr/bin/env bash
# Create a manual RDS snapshot of prod-credmate-db and wait until it is available.
# Usage: create-snapshot.sh <reason>
set -euo pipefail

DB_INSTANCE="${DB_INSTANCE:-prod-credmate-db}"
REGION="${AWS_REGION:-us-east-1}"

if [[ $# -ne 1 || -z "$1" ]]; then
  echo "usage: $0 <reason>   (e.g. before-drop-legacy-cme-table)" >&2
  exit 2
fi

reason="$(echo "$1" | tr '[:upper:]' '[:lower:]' | tr -c 'a-z0-9-' '-' | sed 's/-*$//')"
stamp="$(date -u +%Y%m%d-%H%M%S)"
snapshot_id="${DB_INSTANCE}-manual-${stamp}-${reason}"
caller="$(aws sts get-caller-identity --query Arn --output text)"

echo "Creating snapshot ${snapshot_id} of ${DB_INSTANCE} (${REGION})"
aws rds create-db-snapshot \
  --region "$REGION" \
  --db-instance-identifier "$DB_INSTANCE" \
  --db-snapshot-identifier "$snapshot_id" \
  --tags "Key=reason,Value=${reason}" "Key=created-by,Value=${caller}" >/dev/null

echo "Waiting for snapshot to become available..."
aws rds wait db-snapshot-available --region "$REGION" --db-snapshot-identifier "$snapshot_id"
echo "OK: ${snapshot_id}"
