#!/usr/bin/env bash
# Build, push and roll out a new karematch-api image.
#
# Builds apps/api with Docker, pushes it to Artifact Registry, pins the tag in the
# kustomize overlay, applies it and waits for the rollout. Migrations are NOT run here:
# run `kmctl -e <env> migrate` first when the release contains a Prisma migration.
#
# Usage: scripts/release-api.sh --env staging|prod [--tag TAG] [--dry-run]
set -euo pipefail

cd "$(dirname "$0")/.."

REGISTRY="us-central1-docker.pkg.dev/karematch-prod/apps"
env=""
tag="$(git rev-parse --short=12 HEAD)"
dry_run=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --env) env="$2"; shift 2 ;;
    --tag) tag="$2"; shift 2 ;;
    --dry-run) dry_run=1; shift ;;
    -h|--help) sed -n '2,9s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

case "$env" in
  staging) context="gke_karematch-staging_us-central1_km-staging" ;;
  prod)    context="gke_karematch-prod_us-central1_km-prod" ;;
  *) echo "--env staging|prod is required" >&2; exit 2 ;;
esac

image="${REGISTRY}/api:${tag}"
run() { if [[ $dry_run -eq 1 ]]; then echo "+ $*"; else "$@"; fi; }

run docker build -f apps/api/Dockerfile -t "$image" .
run docker push "$image"
(cd "deploy/k8s/overlays/${env}" && run kustomize edit set image "karematch-api=${image}")
run kubectl --context "$context" apply -k "deploy/k8s/overlays/${env}"
run kubectl --context "$context" -n karematch rollout status deploy/karematch-api --timeout=300s
echo "released ${image} to ${env}"
