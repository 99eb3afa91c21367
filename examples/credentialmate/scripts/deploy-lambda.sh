#!/usr/bin/env bash
# Build and deploy the CredentialMate Lambda backend with AWS SAM.
#
# Deploys the stack defined in infra/template.yaml (BackendApiFunction + credmate-rds-sql-api)
# using the parameters of the chosen config-env in infra/samconfig.toml, then smoke-tests
# GET /health. Does NOT run database migrations.
#
# Usage: scripts/deploy-lambda.sh [--env prod|staging] [--dry-run]
#   --env      target environment (default: staging)
#   --dry-run  create the change set and print it, but do not execute it
set -euo pipefail

cd "$(dirname "$0")/.."

env="staging"
dry_run=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --env) env="$2"; shift 2 ;;
    --dry-run) dry_run=1; shift ;;
    -h|--help) sed -n '2,10s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

case "$env" in
  prod)    api_url="https://api.credentialmate.com" ;;
  staging) api_url="https://api.staging.credentialmate.com" ;;
  *) echo "--env must be prod or staging" >&2; exit 2 ;;
esac

if [[ -n "$(git status --porcelain -- backend infra)" ]]; then
  echo "refusing to deploy: uncommitted changes in backend/ or infra/" >&2
  exit 1
fi
sha="$(git rev-parse --short HEAD)"

echo "==> sam build ($env, $sha)"
(cd infra && sam build --use-container --parameter-overrides "GitSha=$sha")

deploy_args=(--config-env "$env" --parameter-overrides "GitSha=$sha" --no-fail-on-empty-changeset)
if [[ $dry_run -eq 1 ]]; then
  echo "==> sam deploy --no-execute-changeset (dry run)"
  (cd infra && sam deploy "${deploy_args[@]}" --no-execute-changeset)
  exit 0
fi

echo "==> sam deploy ($env)"
(cd infra && sam deploy "${deploy_args[@]}")

echo "==> smoke test $api_url/health"
deployed="$(curl -fsS "$api_url/health" | python3 -c 'import json,sys; print(json.load(sys.stdin)["git_sha"])')"
if [[ "$deployed" != "$sha" ]]; then
  echo "health check reports $deployed, expected $sha" >&2
  exit 1
fi
echo "OK: $env is running $sha"
