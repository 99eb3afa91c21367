#!/usr/bin/env bash
# Tail CloudWatch logs of the production CredentialMate Lambdas.
#
# Resolves the generated API function name (credmate-lambda-prod-BackendApiFunction-*) from
# the CloudFormation stack, so you do not have to remember the random suffix.
#
# Usage: tools/lambda-logs.sh [--function api|sql] [--since 10m] [--filter PATTERN] [--follow]
set -euo pipefail

STACK="${STACK:-credmate-lambda-prod}"
REGION="${AWS_REGION:-us-east-1}"

usage() {
  cat <<USAGE
Tail CloudWatch logs of the production CredentialMate Lambdas.

Usage: tools/lambda-logs.sh [options]

Options:
  --function api|sql   which Lambda: the FastAPI backend (api, default) or credmate-rds-sql-api (sql)
  --since DURATION     how far back to start, e.g. 10m, 1h, 2d (default: 10m)
  --filter PATTERN     CloudWatch filter pattern, e.g. ERROR or "portal_access_notes"
  --follow             keep streaming new events
  -h, --help           show this help

Examples:
  tools/lambda-logs.sh --since 10m --filter ERROR
  tools/lambda-logs.sh --function sql --follow
USAGE
}

function_kind="api"
since="10m"
filter=""
follow=()

while [[ $# -gt 0 ]]; do
  case "$1" in
    --function) function_kind="$2"; shift 2 ;;
    --since)    since="$2"; shift 2 ;;
    --filter)   filter="$2"; shift 2 ;;
    --follow)   follow=(--follow); shift ;;
    -h|--help)  usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

case "$function_kind" in
  api)
    fn="$(aws cloudformation describe-stack-resource --region "$REGION" --stack-name "$STACK" \
          --logical-resource-id BackendApiFunction \
          --query StackResourceDetail.PhysicalResourceId --output text)" ;;
  sql) fn="credmate-rds-sql-api" ;;
  *) echo "--function must be api or sql" >&2; exit 2 ;;
esac

args=(logs tail "/aws/lambda/${fn}" --region "$REGION" --since "$since" --format short)
[[ -n "$filter" ]] && args+=(--filter-pattern "$filter")
exec aws "${args[@]}" "${follow[@]}"
