"""hookline: a Go webhook-delivery service on EKS, with a justfile, hack/ scripts and k8s runbooks."""

# ruff: noqa: E501  (the strings below are other repos' files; their long lines are part of the realism)
from __future__ import annotations

from ._text import dedent

NAME = "hookline"

FILES: dict[str, str] = {}

FILES["README.md"] = dedent(
    """
    # hookline

    Delivers customer webhooks with retries, signing and a dead-letter stream.
    Go 1.23, NATS JetStream, Postgres (attempt log), deployed with Helm to EKS.

    `just` lists the recipes.
    """
)

FILES["AGENTS.md"] = dedent(
    """
    # AGENTS.md

    - `just test` must pass; integration tests need `just kind` once.
    - Generated code (sqlc, protobuf, mocks) is committed. Regenerate with `just gen`, never edit by hand.
    - SQL migrations live in `db/migrations` (goose). New ones with `just db-new name`.
    - Do not touch `deploy/helm/values-prod.yaml` without a human.
    """
)

FILES["justfile"] = dedent(
    """
    set shell := ["bash", "-uc"]

    default:
        @just --list

    # go build ./cmd/...
    build:
        go build -trimpath -o bin/ ./cmd/...

    test *args:
        go test -race ./... {{args}}

    # integration tests against the kind cluster
    test-e2e:
        go test -tags e2e ./test/e2e/... -count=1

    lint:
        golangci-lint run ./...

    # sqlc + buf + mockery
    gen:
        hack/update-codegen.sh

    run:
        docker compose up -d nats postgres
        go run ./cmd/hookline --config config/local.yaml

    image tag="dev":
        docker build -t hookline:{{tag}} .

    kind:
        hack/kind-up.sh

    # helm upgrade --install for an environment
    deploy env tag:
        helm upgrade --install hookline deploy/helm -n hookline -f deploy/helm/values-{{env}}.yaml --set image.tag={{tag}} --wait

    # helm rollback to the previous revision
    rollback env revision="0":
        helm rollback hookline {{revision}} -n hookline --kube-context {{env}} --wait

    db-up:
        goose -dir db/migrations postgres "$DATABASE_URL" up

    db-down:
        goose -dir db/migrations postgres "$DATABASE_URL" down

    db-new name:
        goose -dir db/migrations create {{name}} sql

    bench:
        go test -run=^$ -bench=. -benchmem ./internal/...

    # sign a payload file with an endpoint secret
    sign secret file:
        go run ./hack/tools/sign-payload -secret {{secret}} -file {{file}}

    profile env pod kind="cpu":
        hack/pprof.sh --context {{env}} --pod {{pod}} --kind {{kind}}
    """
)

FILES["hack/kind-up.sh"] = dedent(
    r"""
    #!/usr/bin/env bash
    # kind cluster "hookline" + NATS + Postgres, then installs the chart with values-local.yaml.
    set -euo pipefail
    kind get clusters | grep -qx hookline || kind create cluster --name hookline --config hack/kind.yaml
    helm repo add nats https://nats-io.github.io/k8s/helm/charts/ >/dev/null
    helm upgrade --install nats nats/nats -n infra --create-namespace --set config.jetstream.enabled=true --wait
    kubectl apply -f hack/postgres.yaml
    helm upgrade --install hookline deploy/helm -n hookline --create-namespace -f deploy/helm/values-local.yaml
    """
)

FILES["hack/gen-certs.sh"] = dedent(
    r"""
    #!/usr/bin/env bash
    # Throwaway CA + server/client certs in ./certs for running with mtls.enabled=true locally.
    # Usage: hack/gen-certs.sh [--days 30]
    set -euo pipefail
    days=30
    [[ "${1:-}" == "--days" ]] && days="$2"
    mkdir -p certs
    cfssl gencert -initca hack/pki/ca-csr.json | cfssljson -bare certs/ca
    cfssl gencert -ca certs/ca.pem -ca-key certs/ca-key.pem -config hack/pki/config.json -profile server hack/pki/server.json | cfssljson -bare certs/server
    cfssl gencert -ca certs/ca.pem -ca-key certs/ca-key.pem -config hack/pki/config.json -profile client hack/pki/client.json | cfssljson -bare certs/client
    """
)

FILES["hack/update-codegen.sh"] = dedent(
    r"""
    #!/usr/bin/env bash
    # Regenerate sqlc queries, protobuf stubs and mocks.
    set -euo pipefail
    cd "$(dirname "$0")/.."
    sqlc generate -f db/sqlc.yaml
    buf generate proto
    mockery --config .mockery.yaml
    """
)

FILES["hack/verify-codegen.sh"] = dedent(
    r"""
    #!/usr/bin/env bash
    # CI: exits non-zero when committed generated code differs from a fresh generation.
    set -euo pipefail
    hack/update-codegen.sh
    if ! git diff --quiet -- internal/db internal/pb internal/mocks; then
      git --no-pager diff --stat
      echo "generated code is out of date: run 'just gen' and commit" >&2
      exit 1
    fi
    """
)

FILES["hack/requeue-dlq.sh"] = dedent(
    r"""
    #!/usr/bin/env bash
    # Move dead-lettered deliveries back onto DELIVERIES so the workers try them again.
    #
    # usage: hack/requeue-dlq.sh --context CTX [--endpoint ID] [--limit N] [--dry-run]
    set -euo pipefail

    usage() {
      cat <<'EOF'
    usage: hack/requeue-dlq.sh --context CTX [--endpoint ID] [--limit N] [--dry-run]

      --context    kube context (staging | prod)
      --endpoint   only messages for this endpoint id
      --limit      stop after N messages (default 1000)
      --dry-run    count only
    EOF
    }

    ctx=""; endpoint=""; limit=1000; dry=0
    while [[ $# -gt 0 ]]; do
      case "$1" in
        --context) ctx="$2"; shift 2 ;;
        --endpoint) endpoint="$2"; shift 2 ;;
        --limit) limit="$2"; shift 2 ;;
        --dry-run) dry=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage; exit 2 ;;
      esac
    done

    kubectl --context "$ctx" -n hookline exec deploy/hookline-admin -- \
      hookline-admin dlq move --to DELIVERIES --limit "$limit" ${endpoint:+--endpoint "$endpoint"} $([[ $dry == 1 ]] && echo --dry-run)
    """
)

FILES["hack/purge-dlq.sh"] = dedent(
    r"""
    #!/usr/bin/env bash
    # Permanently drop DLQ messages older than N days (default 14). Customers can no longer replay them.
    # usage: hack/purge-dlq.sh --context CTX [--older-than 14d] [--dry-run]
    set -euo pipefail
    ctx=""; age=14d; dry=""
    while [[ $# -gt 0 ]]; do
      case "$1" in
        --context) ctx="$2"; shift 2 ;;
        --older-than) age="$2"; shift 2 ;;
        --dry-run) dry="--dry-run"; shift ;;
        *) exit 2 ;;
      esac
    done
    kubectl --context "$ctx" -n hookline exec deploy/hookline-admin -- hookline-admin dlq purge --older-than "$age" $dry
    """
)

FILES["hack/pprof.sh"] = dedent(
    r"""
    #!/usr/bin/env bash
    # Port-forward :6060 of a pod and fetch a cpu (30s) or heap profile, then open the web UI.
    # usage: hack/pprof.sh --context CTX --pod NAME [--kind cpu|heap|goroutine]
    set -euo pipefail
    ctx=""; pod=""; kind=cpu
    while [[ $# -gt 0 ]]; do
      case "$1" in
        --context) ctx="$2"; shift 2 ;;
        --pod) pod="$2"; shift 2 ;;
        --kind) kind="$2"; shift 2 ;;
        *) exit 2 ;;
      esac
    done
    kubectl --context "$ctx" -n hookline port-forward "pod/$pod" 6060:6060 &
    pf=$!; trap 'kill $pf' EXIT; sleep 2
    case "$kind" in
      cpu) url="http://localhost:6060/debug/pprof/profile?seconds=30" ;;
      heap) url="http://localhost:6060/debug/pprof/heap" ;;
      goroutine) url="http://localhost:6060/debug/pprof/goroutine" ;;
    esac
    go tool pprof -http=:8081 "$url"
    """
)

FILES["hack/eks-login.sh"] = dedent(
    r"""
    #!/usr/bin/env bash
    # Write kubeconfig entries for the hookline EKS clusters and name the contexts staging / prod.
    set -euo pipefail
    aws eks update-kubeconfig --region eu-west-1 --name hookline-staging --alias staging --profile hookline-staging
    aws eks update-kubeconfig --region eu-west-1 --name hookline-prod --alias prod --profile hookline-prod
    kubectl config get-contexts
    """
)

FILES["hack/loadtest.sh"] = dedent(
    r"""
    #!/usr/bin/env bash
    # k6 ramp against staging ingest (never prod). RPS target and duration are env vars.
    # usage: RPS=500 DURATION=10m hack/loadtest.sh
    set -euo pipefail
    k6 run -e BASE_URL=https://ingest.staging.hookline.dev -e RPS="${RPS:-200}" -e DURATION="${DURATION:-5m}" load/ingest.js
    """
)

FILES["hack/release.sh"] = dedent(
    r"""
    #!/usr/bin/env bash
    # Bump the semver in VERSION, commit, tag vX.Y.Z and push the tag; CI builds and pushes the image.
    # usage: hack/release.sh major|minor|patch
    set -euo pipefail
    part="${1:?major|minor|patch}"
    current="$(cat VERSION)"
    IFS=. read -r maj min pat <<<"$current"
    case "$part" in
      major) next="$((maj+1)).0.0" ;;
      minor) next="$maj.$((min+1)).0" ;;
      patch) next="$maj.$min.$((pat+1))" ;;
    esac
    echo "$next" > VERSION
    git commit -am "release v$next"
    git tag "v$next"
    git push origin main "v$next"
    """
)

FILES["hack/inspect-delivery.sh"] = dedent(
    r"""
    #!/usr/bin/env bash
    # Every attempt for one delivery id or endpoint: status code, latency, error, next retry.
    # Read-only (uses the reporting replica).
    # usage: hack/inspect-delivery.sh --context CTX (--delivery ID | --endpoint ID [--last 50])
    set -euo pipefail
    ctx=""; where=""; last=50
    while [[ $# -gt 0 ]]; do
      case "$1" in
        --context) ctx="$2"; shift 2 ;;
        --delivery) where="delivery_id = '$2'"; shift 2 ;;
        --endpoint) where="endpoint_id = '$2'"; shift 2 ;;
        --last) last="$2"; shift 2 ;;
        *) exit 2 ;;
      esac
    done
    kubectl --context "$ctx" -n hookline exec deploy/hookline-admin -- psql "$REPLICA_URL" -c \
      "select attempted_at, status_code, latency_ms, error, next_attempt_at from attempts where $where order by attempted_at desc limit $last"
    """
)

FILES["hack/tools/sign-payload/main.go"] = dedent(
    """
    // sign-payload prints the X-Hookline-Signature header value for a request body, so an
    // endpoint can be exercised by hand with curl.
    package main

    import (
    \t"crypto/hmac"
    \t"crypto/sha256"
    \t"encoding/hex"
    \t"flag"
    \t"fmt"
    \t"os"
    \t"time"
    )

    func main() {
    \tsecret := flag.String("secret", "", "endpoint signing secret (whsec_...)")
    \tfile := flag.String("file", "", "path to the JSON body")
    \tflag.Parse()
    \tbody, err := os.ReadFile(*file)
    \tif err != nil {
    \t\tfmt.Fprintln(os.Stderr, err)
    \t\tos.Exit(1)
    \t}
    \tts := time.Now().Unix()
    \tmac := hmac.New(sha256.New, []byte(*secret))
    \tfmt.Fprintf(mac, "%d.%s", ts, body)
    \tfmt.Printf("t=%d,v1=%s\\n", ts, hex.EncodeToString(mac.Sum(nil)))
    }
    """
)

FILES["docs/runbooks/dlq-backlog.md"] = dedent(
    """
    # Runbook: DLQ backlog growing

    Alert: `HooklineDLQDepthHigh` (DLQ > 5k messages for 15 min).

    1. Find which endpoints are failing:
       `kubectl --context prod -n hookline exec deploy/hookline-admin -- hookline-admin dlq stats --top 20`
    2. If one customer endpoint returns 4xx/5xx, it is their outage: notify the account owner, do nothing else.
    3. If the failures were ours (bad deploy, NATS outage), once fixed move the messages back:

       ```bash
       hack/requeue-dlq.sh --context prod --dry-run
       hack/requeue-dlq.sh --context prod --limit 50000
       ```

    Messages older than 14 days are removed by the weekly purge.
    """
)

FILES["docs/runbooks/high-p99-latency.md"] = dedent(
    """
    # Runbook: ingest p99 latency

    Alert: `HooklineIngestP99` (p99 > 800 ms for 10 min).

    - Check NATS stream lag in Grafana (dashboard *hookline / jetstream*).
    - Check Postgres: slow attempt-log inserts show up as `db.insert_attempt` spans in Tempo.
    - Check HPA: `kubectl --context prod -n hookline get hpa`. Raise `maxReplicas` in values-prod.yaml if pinned.
    - Take a CPU profile of a hot pod: `just profile prod <pod>`.
    """
)

FILES["docs/runbooks/rollback.md"] = dedent(
    """
    # Runbook: roll back a release

    ```bash
    helm history hookline -n hookline --kube-context prod
    just rollback prod            # previous revision
    just rollback prod 41         # a specific revision
    ```

    Rollbacks do not undo database migrations. goose migrations must stay backwards compatible
    for one release; if one is not, page the owner before rolling back.
    """
)

FILES["docs/ops/cluster-access.md"] = dedent(
    """
    # Cluster access

    | Cluster | Who | How it is granted |
    |---|---|---|
    | hookline-staging | all backend engineers | IAM group `hookline-dev` -> `system:masters` via aws-auth |
    | hookline-prod | SRE + on-call | IAM role `hookline-prod-operator`, requested in #infra-requests, approved by SRE lead |

    Read-only prod access (`view` ClusterRole) is available to anyone in `hookline-dev` through the
    `hookline-prod-readonly` role.

    Set up your kubeconfig with `hack/eks-login.sh`. Access reviews happen quarterly.
    """
)

FILES["docs/ops/alerts.md"] = dedent(
    """
    # Operations: alerts

    | Alert | Meaning | Runbook |
    |---|---|---|
    | HooklineDLQDepthHigh | dead letters piling up | runbooks/dlq-backlog.md |
    | HooklineIngestP99 | slow ingest | runbooks/high-p99-latency.md |
    | HooklineWorkerDown | no consumer on DELIVERIES | restart: `kubectl rollout restart deploy/hookline-worker` |
    """
)
