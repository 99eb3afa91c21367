"""tallyhq: a Django + Postgres invoicing SaaS deployed on Fly.io, with a Makefile and a scripts/ folder."""

# ruff: noqa: E501  (the strings below are other repos' files; their long lines are part of the realism)
from __future__ import annotations

from ._text import dedent, makefile

NAME = "tallyhq"

FILES: dict[str, str] = {}

FILES["README.md"] = dedent(
    """
    # Tally

    Invoicing and dunning for small agencies. Django 5, DRF, Celery, Postgres 16 (Crunchy Bridge),
    Meilisearch, Stripe. Runs on Fly.io (`tally-api-staging`, `tally-api-prod`).

    Local: `make up && make migrate && make run`.
    """
)

FILES["CLAUDE.md"] = dedent(
    """
    # Notes for Claude

    - Python 3.12, Django 5.0. Apps live in `tally/` (billing, customers, orgs, notifications).
    - Run `make lint test` before proposing a commit.
    - Never run anything in `scripts/` against production without asking. Most of them take
      `--env` and default to local.
    - Money is stored as integer cents (`amount_cents`), never floats.
    - Tenancy: every query must be scoped to `request.org`. Use `OrgScopedQuerySet`.
    """
)

FILES["Makefile"] = makefile(
    """
    .PHONY: up down run worker test lint fmt migrations migrate check-migrations shell pull-prod-data ship-staging ship-prod

    up: ## start postgres, redis and mailpit in docker
    > docker compose up -d db redis mailpit

    down: ## stop local services
    > docker compose down

    run: ## runserver on :8000
    > python manage.py runserver 0.0.0.0:8000

    worker: ## celery worker + beat (local)
    > celery -A tally worker -B -l info

    test:
    > pytest -n auto

    lint: ## ruff + mypy
    > ruff check . && mypy tally

    fmt:
    > ruff format .

    migrations: ## makemigrations for all apps
    > python manage.py makemigrations

    migrate: ## apply migrations to the LOCAL db
    > python manage.py migrate

    check-migrations: ## CI: fail if models changed without a migration
    > scripts/check_migrations.sh

    shell: ## django shell_plus
    > python manage.py shell_plus

    pull-prod-data: ## restore last night's scrubbed dump into the local db
    > scripts/restore_dump.sh --latest --target local

    ship-staging: ## deploy main to staging
    > scripts/deploy.sh staging

    ship-prod: ## deploy a tag to production (needs approval in #releases)
    > scripts/deploy.sh production --image $(TAG)
    """
)

FILES["scripts/deploy.sh"] = dedent(
    r"""
    #!/usr/bin/env bash
    # Deploy api + worker to Fly.
    # Usage: scripts/deploy.sh staging|production [--image TAG]
    # The release_command in fly.toml runs `manage.py migrate --noinput` before traffic moves.
    set -euo pipefail

    env="${1:?staging or production}"; shift
    app="tally-api-${env/production/prod}"
    image=""
    while [[ $# -gt 0 ]]; do
      case "$1" in
        --image) image="$2"; shift 2 ;;
        *) echo "unknown arg $1" >&2; exit 2 ;;
      esac
    done

    if [[ "$env" == "production" && -z "$image" ]]; then
      echo "production deploys need --image <tag> (build it on main first)" >&2
      exit 2
    fi

    fly deploy -a "$app" ${image:+--image registry.fly.io/tally:$image} --strategy rolling
    fly deploy -a "tally-worker-${env/production/prod}" ${image:+--image registry.fly.io/tally:$image}
    """
)

FILES["scripts/pg_backup.sh"] = dedent(
    r"""
    #!/usr/bin/env bash
    # Logical backup of the primary: pg_dump -Fc, upload to s3://tally-db-backups/<env>/.
    # Runs nightly from the cron machine at 02:15 UTC. Safe to run by hand (e.g. before a data fix).
    #
    # Usage: scripts/pg_backup.sh [--env production|staging] [--label TEXT]
    set -euo pipefail

    env=production
    label=nightly
    while [[ $# -gt 0 ]]; do
      case "$1" in
        --env) env="$2"; shift 2 ;;
        --label) label="$2"; shift 2 ;;
        *) echo "usage: $0 [--env production|staging] [--label TEXT]" >&2; exit 2 ;;
      esac
    done

    url="$(op read "op://tally-$env/postgres/url")"
    stamp="$(date -u +%Y%m%dT%H%M%SZ)"
    out="/tmp/tally-$env-$stamp-$label.dump"

    pg_dump --format=custom --no-owner --dbname "$url" --file "$out"
    aws s3 cp "$out" "s3://tally-db-backups/$env/$stamp-$label.dump" --sse aws:kms
    rm -f "$out"
    echo "uploaded s3://tally-db-backups/$env/$stamp-$label.dump"
    """
)

FILES["scripts/restore_dump.sh"] = dedent(
    r"""
    #!/usr/bin/env bash
    # Load a (scrubbed) dump from S3 into your local db or into staging.
    # Refuses --target production: prod restores go through the Crunchy Bridge console,
    # see docs/runbooks/db-restore.md.
    #
    # Usage: scripts/restore_dump.sh (--latest | --key S3_KEY) [--target local|staging]
    set -euo pipefail

    target=local
    key=""
    while [[ $# -gt 0 ]]; do
      case "$1" in
        --latest) key="$(aws s3 ls s3://tally-db-backups/scrubbed/ | sort | tail -1 | awk '{print $4}')"; shift ;;
        --key) key="$2"; shift 2 ;;
        --target) target="$2"; shift 2 ;;
        *) echo "bad arg: $1" >&2; exit 2 ;;
      esac
    done

    [[ "$target" == production ]] && { echo "no." >&2; exit 1; }
    aws s3 cp "s3://tally-db-backups/scrubbed/$key" /tmp/restore.dump
    if [[ "$target" == local ]]; then
      dropdb --if-exists tally && createdb tally
      pg_restore --no-owner -d tally /tmp/restore.dump
    else
      pg_restore --clean --if-exists --no-owner -d "$(op read op://tally-staging/postgres/url)" /tmp/restore.dump
    fi
    """
)

FILES["scripts/anonymize.py"] = dedent(
    '''
    #!/usr/bin/env python3
    """Scrub a plain-SQL dump: emails, names, IBANs, phone numbers and street addresses get fake values.

    The nightly job pipes prod through this before writing s3://tally-db-backups/scrubbed/.
    Deterministic per input value, so foreign keys on emails still line up.
    """

    import argparse
    import hashlib
    import re
    import sys

    EMAIL = re.compile(r"[\\w.+-]+@[\\w-]+\\.[\\w.]+")
    IBAN = re.compile(r"\\b[A-Z]{2}\\d{2}[A-Z0-9]{11,30}\\b")


    def fake_email(match: re.Match) -> str:
        digest = hashlib.sha1(match.group(0).encode()).hexdigest()[:10]
        return f"user-{digest}@example.invalid"


    def main() -> int:
        parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
        parser.add_argument("infile", type=argparse.FileType("r"))
        parser.add_argument("-o", "--out", type=argparse.FileType("w"), default=sys.stdout)
        parser.add_argument("--keep-domains", nargs="*", default=["tally.app"], help="staff domains left as they are")
        args = parser.parse_args()
        for line in args.infile:
            line = EMAIL.sub(fake_email, line)
            line = IBAN.sub("DE00000000000000000000", line)
            args.out.write(line)
        return 0


    if __name__ == "__main__":
        sys.exit(main())
    '''
)

FILES["scripts/replay_stripe_events.py"] = dedent(
    '''
    #!/usr/bin/env python3
    """Re-deliver Stripe events our webhook endpoint failed on (non-2xx) since a timestamp.

    Uses the Stripe API to list events with pending_webhooks > 0 and POSTs them again to
    /billing/stripe/webhook/ with a fresh signature. Idempotent on our side (event ids are stored).
    """

    import argparse
    import os
    import sys
    import time


    def main() -> int:
        p = argparse.ArgumentParser(description="Replay failed Stripe webhook events.")
        p.add_argument("--env", choices=["staging", "production"], default="staging")
        p.add_argument("--since", help="ISO timestamp or relative like 6h", default="24h")
        p.add_argument("--type", dest="event_type", help="e.g. invoice.paid, charge.refunded")
        p.add_argument("--dry-run", action="store_true", help="list what would be sent")
        args = p.parse_args()
        import stripe

        stripe.api_key = os.environ["STRIPE_SECRET_KEY"]
        for event in stripe.Event.list(delivery_success=False, type=args.event_type).auto_paging_iter():
            print(event.id, event.type)
            if not args.dry_run:
                time.sleep(0.2)
        return 0


    if __name__ == "__main__":
        sys.exit(main())
    '''
)

FILES["scripts/export_org.py"] = dedent(
    '''
    #!/usr/bin/env python3
    """GDPR Art. 15/20: everything we hold about one organisation, as a zip of CSVs + attachments.

    Usage: DJANGO_SETTINGS_MODULE=tally.settings.prod python scripts/export_org.py --org 4821 -o org-4821.zip
    """

    import argparse
    import sys
    import zipfile

    TABLES = ["orgs_org", "customers_customer", "billing_invoice", "billing_payment", "notifications_email"]


    def main() -> int:
        p = argparse.ArgumentParser()
        p.add_argument("--org", type=int, required=True)
        p.add_argument("-o", "--output", required=True)
        args = p.parse_args()
        import django

        django.setup()
        with zipfile.ZipFile(args.output, "w") as zf:
            for table in TABLES:
                zf.writestr(f"{table}.csv", "")
        return 0


    if __name__ == "__main__":
        sys.exit(main())
    '''
)

FILES["scripts/erase_org.py"] = dedent(
    '''
    #!/usr/bin/env python3
    """Hard-delete an organisation, its users, customers, invoices and files. IRREVERSIBLE.

    For right-to-erasure requests only, after billing confirmed there is no open balance.
    Writes an audit row (who, when, ticket) before deleting.
    """

    import argparse
    import sys


    def main() -> int:
        p = argparse.ArgumentParser(description="Erase an organisation (GDPR Art. 17).")
        p.add_argument("--org", type=int, required=True)
        p.add_argument("--ticket", required=True, help="support ticket id, stored in the audit log")
        p.add_argument("--confirm", action="store_true", help="actually delete; without it, print counts")
        args = p.parse_args()
        import django

        django.setup()
        from tally.orgs.erasure import erase

        counts = erase(args.org, ticket=args.ticket, commit=args.confirm)
        for model, n in counts.items():
            print(f"{model:30} {n}")
        return 0


    if __name__ == "__main__":
        sys.exit(main())
    '''
)

FILES["scripts/flags.py"] = dedent(
    '''
    #!/usr/bin/env python3
    """django-waffle flags per environment: list, on, off, percent."""

    import argparse
    import sys


    def main() -> int:
        p = argparse.ArgumentParser()
        p.add_argument("--env", choices=["local", "staging", "production"], default="local")
        sub = p.add_subparsers(dest="cmd", required=True)
        sub.add_parser("list")
        for name in ("on", "off"):
            s = sub.add_parser(name)
            s.add_argument("flag")
        pct = sub.add_parser("percent")
        pct.add_argument("flag")
        pct.add_argument("value", type=float)
        args = p.parse_args()
        print(args)
        return 0


    if __name__ == "__main__":
        sys.exit(main())
    '''
)

FILES["scripts/dbshell_prod.sh"] = dedent(
    r"""
    #!/usr/bin/env bash
    # psql on the production READ REPLICA through `fly proxy` as the tally_ro user.
    # Usage: scripts/dbshell_prod.sh [-c "select ..."]
    set -euo pipefail
    fly proxy 15433:5432 -a tally-pg-replica &
    proxy=$!
    trap 'kill $proxy' EXIT
    sleep 2
    PGPASSWORD="$(op read op://tally-production/postgres-ro/password)" \
      psql -h localhost -p 15433 -U tally_ro tally "$@"
    """
)

FILES["scripts/check_migrations.sh"] = dedent(
    r"""
    #!/usr/bin/env bash
    # Exit 1 when models changed but nobody ran makemigrations.
    set -euo pipefail
    python manage.py makemigrations --check --dry-run
    """
)

FILES["scripts/send_test_mail.py"] = dedent(
    """
    #!/usr/bin/env python3
    import argparse
    import sys


    def main() -> int:
        p = argparse.ArgumentParser(description="Render a Postmark template with sample context and send it.")
        p.add_argument("to")
        p.add_argument("--template", default="invoice_reminder",
                       choices=["invoice_reminder", "invoice_sent", "receipt", "welcome", "password_reset"])
        p.add_argument("--env", default="staging")
        args = p.parse_args()
        print(f"sending {args.template} to {args.to}")
        return 0


    if __name__ == "__main__":
        sys.exit(main())
    """
)

FILES["scripts/rebuild_search_index.py"] = dedent(
    '''
    #!/usr/bin/env python3
    """Drop and recreate the Meilisearch indexes (invoices, customers) from Postgres.

    Needed after changing searchable attributes, or when the Celery indexing task was down.
    Takes ~4 minutes on prod; search returns partial results meanwhile.
    """

    import argparse
    import sys


    def main() -> int:
        p = argparse.ArgumentParser()
        p.add_argument("--env", default="local")
        p.add_argument("--index", choices=["invoices", "customers", "all"], default="all")
        p.add_argument("--batch-size", type=int, default=2000)
        args = p.parse_args()
        print(args)
        return 0


    if __name__ == "__main__":
        sys.exit(main())
    '''
)

FILES["scripts/requeue_failed_tasks.py"] = dedent(
    '''
    #!/usr/bin/env python3
    """Send Celery tasks that ended in FAILURE during the last N hours back to the broker.

    Reads django-celery-results (TaskResult), re-sends with the original args/kwargs.
    """

    import argparse
    import sys


    def main() -> int:
        p = argparse.ArgumentParser()
        p.add_argument("--hours", type=int, default=12)
        p.add_argument("--task", help="dotted task name filter, e.g. tally.billing.tasks.send_reminder")
        p.add_argument("--dry-run", action="store_true")
        args = p.parse_args()
        print(args)
        return 0


    if __name__ == "__main__":
        sys.exit(main())
    '''
)

FILES["scripts/currency_rates.py"] = dedent(
    '''
    #!/usr/bin/env python3
    """Fetch ECB reference rates for a date (default today) into billing_fxrate."""

    import argparse
    import datetime as dt
    import sys


    def main() -> int:
        p = argparse.ArgumentParser()
        p.add_argument("--date", type=dt.date.fromisoformat, default=dt.date.today())
        p.add_argument("--env", default="local")
        args = p.parse_args()
        print(args)
        return 0


    if __name__ == "__main__":
        sys.exit(main())
    '''
)

FILES["scripts/impersonate_link.py"] = dedent(
    '''
    #!/usr/bin/env python3
    """Print a single-use, 15-minute "log in as" link for a customer user. Support staff only.

    Every link is written to the audit trail with the staff member and the reason.
    """

    import argparse
    import sys


    def main() -> int:
        p = argparse.ArgumentParser()
        p.add_argument("email")
        p.add_argument("--reason", required=True)
        p.add_argument("--env", default="production")
        args = p.parse_args()
        print(args)
        return 0


    if __name__ == "__main__":
        sys.exit(main())
    '''
)

FILES["docs/runbooks/stripe-webhooks-failing.md"] = dedent(
    """
    # Stripe webhooks failing

    Symptom: invoices stay "open" although the customer paid; Stripe dashboard shows
    failed deliveries to `https://api.tally.app/billing/stripe/webhook/`.

    1. Check the endpoint is up: `curl -I https://api.tally.app/healthz`.
    2. Look for signature errors in the logs: `fly logs -a tally-api-prod | grep stripe`.
       A rotated `STRIPE_WEBHOOK_SECRET` that was not updated in Fly is the usual cause:
       `fly secrets set STRIPE_WEBHOOK_SECRET=whsec_... -a tally-api-prod`.
    3. Once fixed, replay what was missed:

       ```bash
       python scripts/replay_stripe_events.py --env production --since 12h --dry-run
       python scripts/replay_stripe_events.py --env production --since 12h
       ```
    """
)

FILES["docs/runbooks/db-restore.md"] = dedent(
    """
    # Restoring the production database

    Postgres runs on Crunchy Bridge (cluster `tally-prod`, 7 days of point-in-time recovery).

    ## Point-in-time recovery

    1. Announce in #incidents and put the app in maintenance: `fly scale count 0 -a tally-worker-prod`.
    2. In the Crunchy console: *tally-prod -> Fork -> Point in time*, pick a timestamp before the damage.
    3. Wait for the fork, then point the app at it:
       `fly secrets set DATABASE_URL=postgres://... -a tally-api-prod`.
    4. Scale the workers back and verify with `scripts/dbshell_prod.sh -c "select max(created_at) from billing_invoice"`.

    ## From a nightly dump

    Only if PITR is unavailable: the dumps in `s3://tally-db-backups/production/` are taken by
    `scripts/pg_backup.sh`. Restore with `pg_restore --clean` into a fresh cluster.
    """
)

FILES["docs/ops/oncall.md"] = dedent(
    """
    # On-call

    Rotation in PagerDuty (`Tally primary`). Handover Mondays 10:00 CET.

    ## Where to look

    - Logs: `fly logs -a tally-api-prod` (live), Grafana Loki for history (`{app="tally-api-prod"}`).
    - Errors: Sentry project `tally-api`.
    - Queues: Flower at https://flower.internal.tally.app (VPN).
    - Uptime: Better Stack status page.

    ## First five minutes

    1. Acknowledge the page.
    2. Check the last deploy (`fly releases -a tally-api-prod`); roll back with
       `fly deploy -a tally-api-prod --image <previous>` if it correlates.
    3. Post in #incidents.
    """
)

FILES["docs/ops/environments.md"] = dedent(
    """
    # Environments

    | | staging | production |
    |---|---|---|
    | API | tally-api-staging | tally-api-prod |
    | Worker | tally-worker-staging | tally-worker-prod |
    | DB | Crunchy `tally-staging` | Crunchy `tally-prod` (+ replica) |
    | URL | staging.tally.app | app.tally.app |

    Configuration lives in Fly secrets, never in the repo:

    ```bash
    fly secrets list -a tally-api-staging
    fly secrets set SENTRY_DSN=... -a tally-api-staging
    ```

    The source of truth for values is 1Password, vaults `tally-staging` and `tally-production`.
    """
)

FILES["docs/architecture.md"] = dedent(
    """
    # Architecture

    Django monolith with four apps. Celery for async work (reminders, PDF rendering, search indexing).
    """
)

FILES[".claude/commands/add-endpoint.md"] = dedent(
    """
    ---
    description: Scaffold a DRF viewset, serializer, URL route and tests for an existing model
    argument-hint: "<app.Model>"
    ---

    Create a REST endpoint for `$ARGUMENTS`:

    1. Serializer in `<app>/api/serializers.py`, only explicit fields.
    2. `OrgScopedModelViewSet` in `<app>/api/views.py`.
    3. Register in `<app>/api/urls.py`.
    4. Tests in `<app>/tests/test_api_<model>.py` covering list, create, and cross-org isolation.
    """
)

FILES[".claude/commands/pr-description.md"] = dedent(
    """
    ---
    description: Write the PR body from the branch diff
    allowed-tools: Bash(git diff:*) Bash(git log:*)
    ---

    Summarise `git diff main...HEAD` as: Why, What changed, How to test, Migrations (yes/no), Risk.
    """
)

FILES["pyproject.toml"] = dedent(
    """
    [project]
    name = "tally"
    version = "0.0.0"
    requires-python = ">=3.12"

    [project.scripts]
    tally-admin = "tally.admin_cli:main"

    [tool.ruff]
    line-length = 110
    """
)
