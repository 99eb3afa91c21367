#!/usr/bin/env bash
# Create a local kind cluster "km-local" with CloudNativePG and a seeded karematch database.
# Usage: hack/kind-up.sh [--recreate]
set -euo pipefail

if [[ "${1:-}" == "--recreate" ]]; then
  kind delete cluster --name km-local || true
fi

if ! kind get clusters | grep -qx km-local; then
  kind create cluster --name km-local --wait 120s
fi

kubectl --context kind-km-local apply --server-side -f \
  https://raw.githubusercontent.com/cloudnative-pg/cloudnative-pg/release-1.25/releases/cnpg-1.25.0.yaml
kubectl --context kind-km-local -n cnpg-system rollout status deploy/cnpg-controller-manager --timeout=180s

kubectl --context kind-km-local create namespace karematch-data --dry-run=client -o yaml | kubectl --context kind-km-local apply -f -
kubectl --context kind-km-local -n karematch-data apply -f - <<'YAML'
apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: km-pg
spec:
  instances: 1
  storage:
    size: 2Gi
  bootstrap:
    initdb:
      database: karematch
      owner: app
YAML
kubectl --context kind-km-local -n karematch-data wait --for=condition=Ready cluster/km-pg --timeout=300s
echo "kind cluster km-local ready; run: kubectl --context kind-km-local -n karematch-data port-forward svc/km-pg-rw 5432:5432"
