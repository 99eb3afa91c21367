"""groundwork: a Terraform/AWS infrastructure repo with extension-less bin/ scripts and docs/runbooks."""

# ruff: noqa: E501  (the strings below are other repos' files; their long lines are part of the realism)
from __future__ import annotations

from ._text import dedent, makefile

NAME = "groundwork"

FILES: dict[str, str] = {}

FILES["README.md"] = dedent(
    """
    # groundwork

    Terraform for the AWS organisation: accounts `shared`, `dev`, `stage`, `prod` (eu-west-1).
    Stacks live in `envs/<env>/<stack>` and use modules from `modules/`. State: S3 + DynamoDB locks.

    Everything in `bin/` expects you to be logged in (`bin/sso`).
    """
)

FILES["Makefile"] = makefile(
    """
    ENV ?= dev
    STACK ?= network

    .PHONY: fmt validate lint docs plan apply

    fmt: ## terraform fmt -recursive
    > terraform fmt -recursive

    validate:
    > bin/tf $(ENV) $(STACK) validate

    lint: ## tflint + checkov
    > tflint --recursive && checkov -d . --quiet

    docs: ## regenerate module READMEs
    > terraform-docs markdown table --output-file README.md --recursive modules/

    plan: ## make plan ENV=prod STACK=rds
    > bin/tf $(ENV) $(STACK) plan

    apply:
    > bin/tf $(ENV) $(STACK) apply
    """
)

FILES["bin/tf"] = dedent(
    r"""
    #!/usr/bin/env bash
    # terraform with the right backend, workspace and var files.
    # usage: bin/tf <env> <stack> <terraform args...>
    set -euo pipefail
    env="$1"; stack="$2"; shift 2
    cd "envs/$env/$stack"
    terraform init -input=false -backend-config="../../../backends/$env.hcl" -reconfigure >/dev/null
    terraform "$@" -var-file="../$env.tfvars"
    """
)

FILES["bin/plan-all"] = dedent(
    r"""
    #!/usr/bin/env bash
    # terraform plan for every stack of an env; prints "<stack>: N to add, N to change, N to destroy".
    # Never applies. usage: bin/plan-all <env>
    set -euo pipefail
    env="${1:?env}"
    for dir in envs/"$env"/*/; do
      stack="$(basename "$dir")"
      summary="$(bin/tf "$env" "$stack" plan -no-color -input=false | grep -E '^Plan:|No changes' || true)"
      printf '%-20s %s\n' "$stack" "$summary"
    done
    """
)

FILES["bin/sso"] = dedent(
    r"""
    #!/usr/bin/env bash
    # aws sso login + export a profile for one account/role into this shell.
    # usage: eval "$(bin/sso prod ReadOnly)"
    set -euo pipefail
    account="${1:?dev|stage|prod|shared}"; role="${2:-ReadOnly}"
    profile="gw-$account-$role"
    aws sso login --profile "$profile" >&2
    echo "export AWS_PROFILE=$profile"
    """
)

FILES["bin/ssm"] = dedent(
    r"""
    #!/usr/bin/env bash
    # Session Manager shell on an instance, by Name tag or instance id. No keys, no bastion.
    # usage: bin/ssm <name-or-id> [--port-forward LOCAL:REMOTE]
    set -euo pipefail
    target="$1"; shift
    if [[ "$target" != i-* ]]; then
      target="$(aws ec2 describe-instances --filters "Name=tag:Name,Values=$target" "Name=instance-state-name,Values=running" \
        --query 'Reservations[0].Instances[0].InstanceId' --output text)"
    fi
    if [[ "${1:-}" == "--port-forward" ]]; then
      IFS=: read -r lp rp <<<"$2"
      exec aws ssm start-session --target "$target" --document-name AWS-StartPortForwardingSession \
        --parameters "localPortNumber=$lp,portNumber=$rp"
    fi
    exec aws ssm start-session --target "$target"
    """
)

FILES["bin/kubeconfig"] = dedent(
    r"""
    #!/usr/bin/env bash
    # Adds the EKS cluster of an env to ~/.kube/config as context gw-<env>.
    set -euo pipefail
    env="${1:?dev|stage|prod}"
    aws eks update-kubeconfig --name "gw-$env" --alias "gw-$env" --region eu-west-1
    """
)

FILES["bin/rotate-access-keys"] = dedent(
    r"""
    #!/usr/bin/env bash
    # New access key for an IAM user -> Secrets Manager (iam/<user>), then deactivate the old one.
    # For the few machine users that still need static keys.
    # usage: bin/rotate-access-keys <iam-user> [--delete-old]
    set -euo pipefail
    user="$1"; delete_old="${2:-}"
    old="$(aws iam list-access-keys --user-name "$user" --query 'AccessKeyMetadata[0].AccessKeyId' --output text)"
    new_json="$(aws iam create-access-key --user-name "$user")"
    aws secretsmanager put-secret-value --secret-id "iam/$user" --secret-string "$new_json"
    aws iam update-access-key --user-name "$user" --access-key-id "$old" --status Inactive
    [[ "$delete_old" == "--delete-old" ]] && aws iam delete-access-key --user-name "$user" --access-key-id "$old"
    """
)

FILES["bin/iam-audit"] = dedent(
    r"""
    #!/usr/bin/env bash
    # Read-only: principals with AdministratorAccess (direct or via group), keys unused for 90+ days,
    # users without MFA. Output is a CSV on stdout.
    set -euo pipefail
    aws iam generate-credential-report >/dev/null
    sleep 5
    aws iam get-credential-report --query Content --output text | base64 -d
    aws iam list-entities-for-policy --policy-arn arn:aws:iam::aws:policy/AdministratorAccess --output table
    """
)

FILES["bin/public-buckets"] = dedent(
    r"""
    #!/usr/bin/env bash
    # S3 buckets whose ACL or policy allows public access, per account.
    set -euo pipefail
    for b in $(aws s3api list-buckets --query 'Buckets[].Name' --output text); do
      status="$(aws s3api get-bucket-policy-status --bucket "$b" --query PolicyStatus.IsPublic --output text 2>/dev/null || echo none)"
      [[ "$status" == True ]] && echo "$b"
    done
    """
)

FILES["bin/costs"] = dedent(
    r"""
    #!/usr/bin/env bash
    # Month-to-date spend by service (Cost Explorer), top 15, optionally for one account.
    # usage: bin/costs [--account ID] [--days N]
    set -euo pipefail
    start="$(date -u +%Y-%m-01)"; end="$(date -u +%Y-%m-%d)"
    aws ce get-cost-and-usage --time-period Start="$start",End="$end" --granularity MONTHLY \
      --metrics UnblendedCost --group-by Type=DIMENSION,Key=SERVICE --output json \
      | jq -r '.ResultsByTime[0].Groups | sort_by(-(.Metrics.UnblendedCost.Amount|tonumber)) | .[:15][] | "\(.Keys[0])\t\(.Metrics.UnblendedCost.Amount)"'
    """
)

FILES["bin/drift"] = dedent(
    r"""
    #!/usr/bin/env bash
    # plan -detailed-exitcode on every stack; lists stacks where AWS no longer matches the code
    # (changes made by hand in the console). Exit 2 if any.
    set -euo pipefail
    env="${1:?env}"; rc=0
    for dir in envs/"$env"/*/; do
      stack="$(basename "$dir")"
      set +e; bin/tf "$env" "$stack" plan -detailed-exitcode -input=false -lock=false >/dev/null 2>&1; code=$?; set -e
      [[ $code == 2 ]] && { echo "DRIFT $stack"; rc=2; }
    done
    exit $rc
    """
)

FILES["bin/state-unlock"] = dedent(
    r"""
    #!/usr/bin/env bash
    # terraform force-unlock for a stack, after checking who holds the lock and since when.
    # usage: bin/state-unlock <env> <stack> [LOCK_ID]
    set -euo pipefail
    env="$1"; stack="$2"; id="${3:-}"
    aws dynamodb get-item --table-name gw-terraform-locks \
      --key "{\"LockID\": {\"S\": \"gw-tfstate-$env/$stack/terraform.tfstate\"}}" --output json | jq .Item.Info.S
    if [[ -n "$id" ]]; then
      read -r -p "force-unlock $id? [y/N] " ok
      [[ "$ok" == y ]] && bin/tf "$env" "$stack" force-unlock -force "$id"
    fi
    """
)

FILES["bin/rds-snap"] = dedent(
    r"""
    #!/usr/bin/env bash
    # Manual snapshot of an RDS instance, waits until available.
    # usage: bin/rds-snap <db-instance-id> [label]
    set -euo pipefail
    db="$1"; label="${2:-manual}"
    id="$db-$label-$(date -u +%Y%m%d%H%M)"
    aws rds create-db-snapshot --db-instance-identifier "$db" --db-snapshot-identifier "$id"
    aws rds wait db-snapshot-available --db-snapshot-identifier "$id"
    echo "$id"
    """
)

FILES["bin/rds-pitr"] = dedent(
    r"""
    #!/usr/bin/env bash
    # Point-in-time restore of an RDS instance into a NEW instance (<db>-restored-<time>).
    # The original keeps running; switch the app over by hand (see docs/runbooks/rds-failover.md).
    # usage: bin/rds-pitr <db-instance-id> <UTC time, e.g. 2024-05-02T14:00:00Z>
    set -euo pipefail
    db="$1"; at="$2"
    target="$db-restored-$(date -u -d "$at" +%m%d%H%M)"
    aws rds restore-db-instance-to-point-in-time --source-db-instance-identifier "$db" \
      --target-db-instance-identifier "$target" --restore-time "$at" --no-publicly-accessible
    aws rds wait db-instance-available --db-instance-identifier "$target"
    """
)

FILES["bin/ecr-prune"] = dedent(
    r"""
    #!/usr/bin/env bash
    # Delete untagged images older than N days (default 30) from every ECR repository.
    # usage: bin/ecr-prune [--days N] [--dry-run]
    set -euo pipefail
    days=30; dry=0
    while [[ $# -gt 0 ]]; do
      case "$1" in --days) days="$2"; shift 2 ;; --dry-run) dry=1; shift ;; *) exit 2 ;; esac
    done
    cutoff="$(date -u -d "-$days days" +%s)"
    for repo in $(aws ecr describe-repositories --query 'repositories[].repositoryName' --output text); do
      ids="$(aws ecr describe-images --repository-name "$repo" --filter tagStatus=UNTAGGED \
        --query "imageDetails[?imagePushedAt<\`$cutoff\`].imageDigest" --output text)"
      [[ -z "$ids" || $dry == 1 ]] && { echo "$repo: $ids"; continue; }
      for d in $ids; do aws ecr batch-delete-image --repository-name "$repo" --image-ids imageDigest="$d"; done
    done
    """
)

FILES["bin/cert-check"] = dedent(
    r"""
    #!/usr/bin/env bash
    # Days left on ACM certificates and on the TLS cert actually served by each public hostname.
    set -euo pipefail
    aws acm list-certificates --query 'CertificateSummaryList[].[DomainName,NotAfter]' --output text
    for host in api.groundwork.io app.groundwork.io status.groundwork.io; do
      end="$(echo | openssl s_client -servername "$host" -connect "$host:443" 2>/dev/null | openssl x509 -noout -enddate | cut -d= -f2)"
      echo "$host $(( ($(date -d "$end" +%s) - $(date +%s)) / 86400 )) days"
    done
    """
)

FILES["bin/vpn-user"] = dedent(
    r"""
    #!/usr/bin/env bash
    # Client VPN: issue (or --revoke) a client certificate for an engineer and print the .ovpn profile.
    # usage: bin/vpn-user <email> [--revoke]
    set -euo pipefail
    email="$1"
    if [[ "${2:-}" == "--revoke" ]]; then
      easyrsa --batch revoke "$email" && easyrsa gen-crl
      aws ec2 import-client-vpn-client-certificate-revocation-list --client-vpn-endpoint-id "$CVPN_ID" --certificate-revocation-list file://pki/crl.pem
      exit 0
    fi
    easyrsa --batch build-client-full "$email" nopass
    aws ec2 export-client-vpn-client-configuration --client-vpn-endpoint-id "$CVPN_ID" --output text > "/tmp/$email.ovpn"
    echo "/tmp/$email.ovpn"
    """
)

FILES["docs/runbooks/rds-failover.md"] = dedent(
    """
    # Runbook: RDS primary unavailable

    Multi-AZ instances fail over on their own in 60-120 s. If the app is still erroring after 5 minutes:

    1. Check the event log: `aws rds describe-events --source-type db-instance --duration 60`.
    2. For Aurora, promote a reader: `aws rds failover-db-cluster --db-cluster-identifier gw-prod-aurora`.
    3. Apps resolve the writer through the cluster endpoint; restart pods that cache connections:
       `kubectl --context gw-prod rollout restart deploy -n api`.
    4. If data is damaged rather than the instance down, restore a copy with `bin/rds-pitr` instead.
    """
)

FILES["docs/runbooks/terraform-state-locked.md"] = dedent(
    """
    # Runbook: "Error acquiring the state lock"

    Someone's plan/apply died or is still running. Ask in #infra first: the lock info shows who and when.

    ```bash
    bin/state-unlock prod rds              # shows the lock holder
    bin/state-unlock prod rds <LOCK_ID>    # only when you are sure nobody is applying
    ```
    """
)

FILES["docs/runbooks/expiring-certificate.md"] = dedent(
    """
    # Runbook: TLS certificate expiring

    ACM certificates renew automatically when DNS validation records still exist. Renewal fails when
    the CNAME was deleted from Route 53.

    1. `bin/cert-check` lists days left.
    2. In ACM, copy the validation CNAME and recreate it in `envs/shared/dns/records.tf`; apply.
    3. Third-party certs (status page) are renewed by the vendor: open a ticket.
    """
)

FILES["docs/runbooks/nat-gateway-costs.md"] = dedent(
    """
    # Runbook: cost spike from NAT gateway data processing

    Seen twice: a job pulling images or S3 objects through NAT instead of VPC endpoints.

    - `bin/costs` shows "EC2 - Other" jumping: that is NAT processing.
    - VPC flow logs in Athena (`gw_flowlogs`) show the top talkers.
    - Fix: add the missing gateway endpoint (S3/ECR) in `modules/network`.
    """
)

FILES["docs/runbooks/compromised-credentials.md"] = dedent(
    """
    # Runbook: leaked or compromised AWS credentials

    1. Deactivate the key immediately: `aws iam update-access-key --status Inactive ...`
       (or `bin/rotate-access-keys <user>` for machine users).
    2. Check CloudTrail for activity by the key since it leaked (Athena table `gw_cloudtrail`).
    3. Look for new IAM users, roles, keys and EC2 instances in all regions.
    4. Post in #security and open an incident.
    """
)

FILES["docs/access.md"] = dedent(
    """
    # AWS access

    Everyone signs in through IAM Identity Center (`https://groundwork.awsapps.com/start`).
    Permission sets: `ReadOnly` (all engineers), `PowerUser` (dev, stage), `Admin` (platform team, break-glass).
    New engineers: ask your manager to add you to the `eng` group in Google Workspace; it syncs within the hour.
    """
)
