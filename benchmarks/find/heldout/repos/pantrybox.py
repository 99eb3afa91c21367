"""pantrybox: a Rails 7 meal-kit subscription app on Heroku, with Sidekiq, bin/ scripts and rake tasks."""

# ruff: noqa: E501  (the strings below are other repos' files; their long lines are part of the realism)
from __future__ import annotations

import json

from ._text import dedent

NAME = "pantrybox"

FILES: dict[str, str] = {}

FILES["README.md"] = dedent(
    """
    # Pantrybox

    Weekly meal-kit subscriptions. Rails 7.1, Ruby 3.3, Postgres, Redis, Sidekiq 7 (+ sidekiq-cron),
    Stripe Billing, Hotwire. Hosted on Heroku: `pantrybox-staging` and `pantrybox-production`
    (pipeline `pantrybox`).

    ```
    bin/setup     # once
    bin/dev       # web + css + js + sidekiq via foreman
    ```
    """
)

FILES["CLAUDE.md"] = dedent(
    """
    # Pantrybox for Claude

    - Run `bundle exec rspec` and `bundle exec rubocop` before suggesting a commit.
    - Migrations must pass strong_migrations. Adding a column with a default on `orders` or
      `deliveries` locks the table in production; split it (see `/safe-migration`).
    - Jobs live in `app/sidekiq/`. They are retried up to 25 times, so every job must be idempotent
      (see knowledge/sidekiq-idempotency.md).
    - Anything in `bin/` that takes `-a pantrybox-production` talks to production. Ask first.
    - Money is `Money` objects (money-rails), cents in the database.
    """
)

FILES["Procfile"] = dedent(
    """
    web: bundle exec puma -C config/puma.rb
    worker: bundle exec sidekiq -C config/sidekiq.yml
    release: bin/rails db:migrate && bin/rails pantrybox:release_checks
    """
)

FILES["package.json"] = (
    json.dumps(
        {
            "name": "pantrybox",
            "private": True,
            "scripts": {
                "build": "esbuild app/javascript/*.* --bundle --sourcemap --format=esm --outdir=app/assets/builds --public-path=/assets",
                "build:css": "tailwindcss -i ./app/assets/stylesheets/application.tailwind.css -o ./app/assets/builds/application.css --minify",
                "lint:js": "eslint app/javascript",
            },
            "dependencies": {
                "@hotwired/stimulus": "^3.2.2",
                "@hotwired/turbo-rails": "^8.0.4",
                "esbuild": "^0.20.2",
                "tailwindcss": "^3.4.3",
            },
            "devDependencies": {"eslint": "^8.57.0"},
        },
        indent=2,
    )
    + "\n"
)

FILES["bin/setup"] = dedent(
    """
    #!/usr/bin/env ruby
    # Installs gems and node packages, prepares the development database and clears old logs.
    # Safe to run again at any time.
    require "fileutils"

    APP_ROOT = File.expand_path("..", __dir__)

    def system!(*args)
      system(*args, exception: true)
    end

    FileUtils.chdir APP_ROOT do
      puts "== Installing dependencies =="
      system("bundle check") || system!("bundle install")
      system!("yarn install --frozen-lockfile")

      puts "\\n== Preparing database =="
      system! "bin/rails db:prepare"
      system! "bin/rails db:seed:replant" if ARGV.include?("--reseed")

      puts "\\n== Removing old logs and tempfiles =="
      system! "bin/rails log:clear tmp:clear"
    end
    """
)

FILES["bin/dev"] = dedent(
    """
    #!/usr/bin/env sh
    # Starts the app locally with foreman: puma, esbuild --watch, tailwind --watch and one sidekiq process.
    if ! gem list foreman -i --silent; then
      echo "Installing foreman..."
      gem install foreman
    fi
    exec foreman start -f Procfile.dev "$@"
    """
)

FILES["bin/deploy"] = dedent(
    r"""
    #!/usr/bin/env bash
    # Ship a branch to Heroku. Staging gets a git push; production is a pipeline promotion of
    # whatever is on staging, so test there first. Migrations run in the release phase.
    #
    # usage: bin/deploy staging [BRANCH]
    #        bin/deploy production
    set -euo pipefail

    target="${1:?staging|production}"
    case "$target" in
      staging)
        branch="${2:-$(git rev-parse --abbrev-ref HEAD)}"
        git push --force heroku-staging "$branch:main"
        ;;
      production)
        heroku pipelines:promote -a pantrybox-staging --to pantrybox-production
        ;;
      *) echo "unknown target $target" >&2; exit 2 ;;
    esac
    heroku releases -a "pantrybox-$target" -n 3
    """
)

FILES["bin/console"] = dedent(
    r"""
    #!/usr/bin/env bash
    # Rails console on a one-off Heroku dyno. Opens in --sandbox (everything rolled back on exit)
    # unless you pass --write.
    # usage: bin/console staging|production [--write]
    set -euo pipefail
    app="pantrybox-${1:?staging|production}"
    sandbox="--sandbox"
    [[ "${2:-}" == "--write" ]] && sandbox=""
    heroku run --size=standard-2x -a "$app" -- bin/rails console $sandbox
    """
)

FILES["bin/pull-db"] = dedent(
    r"""
    #!/usr/bin/env bash
    # Copy last night's production backup into your local pantrybox_development, then scrub
    # names, emails, addresses and Stripe ids with script/anonymize.rb. Takes ~10 minutes.
    # usage: bin/pull-db [--from staging|production] [--keep-pii]   (--keep-pii only with DPO sign-off)
    set -euo pipefail
    from=production; scrub=1
    while [[ $# -gt 0 ]]; do
      case "$1" in
        --from) from="$2"; shift 2 ;;
        --keep-pii) scrub=0; shift ;;
        *) echo "unknown flag $1" >&2; exit 2 ;;
      esac
    done
    url="$(heroku pg:backups:url -a "pantrybox-$from")"
    curl -sfo tmp/latest.dump "$url"
    bin/rails db:drop db:create
    pg_restore --no-owner --no-acl -d pantrybox_development tmp/latest.dump || true
    [[ $scrub == 1 ]] && bin/rails runner script/anonymize.rb
    rm -f tmp/latest.dump
    """
)

FILES["bin/logs"] = dedent(
    r"""
    #!/usr/bin/env bash
    # Tail Heroku logs for one app, optionally only one process type or one request id.
    # Heroku keeps only 1500 lines; older logs are in Papertrail (see docs/ops/heroku.md).
    # usage: bin/logs staging|production [--dyno web|worker|release] [--request REQUEST_ID]
    set -euo pipefail
    app="pantrybox-${1:?staging|production}"; shift
    dyno=""; req=""
    while [[ $# -gt 0 ]]; do
      case "$1" in
        --dyno) dyno="$2"; shift 2 ;;
        --request) req="$2"; shift 2 ;;
        *) exit 2 ;;
      esac
    done
    if [[ -n "$req" ]]; then
      heroku logs -a "$app" -n 1500 | grep "$req"
    else
      heroku logs --tail -a "$app" ${dyno:+--dyno "$dyno"}
    fi
    """
)

FILES["bin/maintenance"] = dedent(
    r"""
    #!/usr/bin/env bash
    # Put the storefront behind the maintenance page (503 + our static page on S3), or take it off.
    # Sidekiq keeps running unless you also pass --stop-workers.
    # usage: bin/maintenance on|off [--app pantrybox-production] [--stop-workers]
    set -euo pipefail
    mode="${1:?on|off}"; shift
    app=pantrybox-production; workers=0
    while [[ $# -gt 0 ]]; do
      case "$1" in
        --app) app="$2"; shift 2 ;;
        --stop-workers) workers=1; shift ;;
        *) exit 2 ;;
      esac
    done
    heroku maintenance:"$mode" -a "$app"
    if [[ $workers == 1 ]]; then
      [[ $mode == on ]] && heroku ps:scale worker=0 -a "$app" || heroku ps:scale worker=2 -a "$app"
    fi
    """
)

FILES["bin/scale"] = dedent(
    r"""
    #!/usr/bin/env bash
    # Change dyno counts or sizes. Remember to scale back down: worker dynos are Performance-M.
    # usage: bin/scale APP web=N|worker=N [--size standard-2x|performance-m]
    set -euo pipefail
    app="${1:?app}"; formation="${2:?web=N or worker=N}"; size=""
    [[ "${3:-}" == "--size" ]] && size="${4:?size}"
    heroku ps:scale "$formation${size:+:$size}" -a "$app"
    heroku ps -a "$app"
    """
)

FILES["bin/rotate-config"] = dedent(
    r"""
    #!/usr/bin/env bash
    # Replace one config var on both apps (e.g. STRIPE_SECRET_KEY after rolling it in the Stripe
    # dashboard). Setting a config var restarts every dyno.
    # usage: bin/rotate-config NAME [--only staging|production]
    set -euo pipefail
    name="${1:?config var name}"; only="${3:-}"
    read -rsp "new value for $name: " value; echo
    for env in staging production; do
      [[ -n "$only" && "$only" != "$env" ]] && continue
      heroku config:set "$name=$value" -a "pantrybox-$env"
    done
    """
)

FILES["bin/sidekiq-stats"] = dedent(
    """
    #!/usr/bin/env ruby
    # Prints per-queue size and latency (age of the oldest job), busy threads, and the retry and
    # dead set sizes. Read-only. Run it locally with REDIS_URL from `heroku config:get`.
    #
    # Usage: bin/sidekiq-stats [--watch]
    require_relative "../config/environment"
    require "sidekiq/api"

    loop do
      Sidekiq::Queue.all.each do |q|
        printf "%-20s size=%-6d latency=%.1fs\\n", q.name, q.size, q.latency
      end
      stats = Sidekiq::Stats.new
      puts "busy=#{Sidekiq::Workers.new.size} retries=#{stats.retry_size} dead=#{stats.dead_size}"
      break unless ARGV.include?("--watch")
      sleep 5
    end
    """
)

FILES["bin/sidekiq-retry-dead"] = dedent(
    """
    #!/usr/bin/env ruby
    # Re-enqueue jobs from the Sidekiq dead set (jobs that exhausted their 25 retries), filtered by
    # job class and/or error message. Use after the underlying bug is fixed and deployed.
    #
    # Usage: bin/sidekiq-retry-dead --class ChargeRenewalJob [--error "Stripe::APIConnectionError"] [--since 2d] [--dry-run]
    require_relative "../config/environment"
    require "sidekiq/api"
    require "optparse"

    opts = { dry_run: false }
    OptionParser.new do |o|
      o.on("--class NAME", "only jobs of this class") { |v| opts[:klass] = v }
      o.on("--error TEXT", "only jobs whose error message contains TEXT") { |v| opts[:error] = v }
      o.on("--since AGE", "only jobs that died within AGE (e.g. 6h, 2d)") { |v| opts[:since] = v }
      o.on("--dry-run", "count only") { opts[:dry_run] = true }
    end.parse!

    n = 0
    Sidekiq::DeadSet.new.each do |job|
      next if opts[:klass] && job.klass != opts[:klass]
      next if opts[:error] && !job["error_message"].to_s.include?(opts[:error])
      n += 1
      job.retry unless opts[:dry_run]
    end
    puts "#{opts[:dry_run] ? 'would retry' : 'retried'} #{n} jobs"
    """
)

FILES["bin/sidekiq-drain"] = dedent(
    """
    #!/usr/bin/env ruby
    # DESTRUCTIVE: deletes every job waiting in one queue (not the retry or dead sets). For a queue
    # flooded by a runaway scheduler, after the scheduler is stopped. Jobs are gone for good.
    #
    # Usage: bin/sidekiq-drain QUEUE [--force]
    require_relative "../config/environment"
    require "sidekiq/api"

    queue = Sidekiq::Queue.new(ARGV.fetch(0))
    abort "#{queue.size} jobs in #{queue.name}; pass --force to delete them" unless ARGV.include?("--force")
    queue.clear
    puts "cleared #{queue.name}"
    """
)

FILES["bin/grant-admin"] = dedent(
    """
    #!/usr/bin/env ruby
    # Gives a staff member a role in the /admin panel (ActiveAdmin): support, ops or superadmin.
    # This is app access only; Heroku and Papertrail access are separate (docs/ops/access.md).
    #
    # Usage: bin/grant-admin EMAIL ROLE [--revoke]
    require_relative "../config/environment"

    email, role = ARGV.first(2)
    user = AdminUser.find_or_initialize_by(email: email)
    if ARGV.include?("--revoke")
      user.update!(roles: user.roles - [role])
    else
      user.update!(roles: (user.roles + [role]).uniq)
    end
    puts "#{email}: #{user.roles.join(', ')}"
    """
)

FILES["bin/login-as"] = dedent(
    """
    #!/usr/bin/env ruby
    # Prints a one-time, 15-minute link that signs support into a customer's account to see what
    # they see (their box, menu picks, delivery slot). Logged to the audit trail.
    #
    # Usage: bin/login-as CUSTOMER_EMAIL --reason "ticket 48213"
    require_relative "../config/environment"

    email = ARGV.fetch(0)
    reason = ARGV[ARGV.index("--reason") + 1]
    puts Impersonation.issue!(customer: Customer.find_by!(email: email), reason: reason).url
    """
)

FILES["bin/reship-box"] = dedent(
    """
    #!/usr/bin/env ruby
    # Creates a free replacement delivery for a customer's box that arrived damaged or never came,
    # for the next available slot, and emails them. Does not refund anything.
    #
    # Usage: bin/reship-box ORDER_NUMBER [--slot 2024-06-12] [--dry-run]
    require_relative "../config/environment"

    order = Order.find_by!(number: ARGV.fetch(0))
    slot = ARGV.include?("--slot") ? Date.parse(ARGV[ARGV.index("--slot") + 1]) : nil
    if ARGV.include?("--dry-run")
      puts "would reship #{order.number} (#{order.items.count} items) to #{order.address.postcode}"
    else
      Replacements::Create.call(order: order, slot: slot, reason: :reship)
    end
    """
)

FILES["script/anonymize.rb"] = dedent(
    """
    # Scrubs PII from a restored copy of the production database: customer names, emails, phone
    # numbers, street addresses, Stripe customer ids and gift messages. Refuses to run when
    # Rails.env.production?.
    #
    # Usage: bin/rails runner script/anonymize.rb
    abort "refusing to anonymize production" if Rails.env.production?

    Customer.find_each do |c|
      c.update_columns(email: "customer#{c.id}@example.test", name: "Customer #{c.id}", phone: nil, stripe_customer_id: nil)
    end
    Address.update_all(line1: "1 Example Street", line2: nil)
    Order.update_all(gift_message: nil)
    """
)

FILES["script/backfill_delivery_windows.rb"] = dedent(
    """
    # One-off: fills deliveries.window_start/window_end for rows created before the courier API
    # returned time windows (2023-11). Batches of 1000, sleeps between batches so the primary
    # stays healthy. Idempotent.
    #
    # Usage: heroku run -a pantrybox-production -- bin/rails runner script/backfill_delivery_windows.rb [--dry-run]
    dry = ARGV.include?("--dry-run")
    Delivery.where(window_start: nil).in_batches(of: 1000) do |batch|
      batch.each do |d|
        window = Couriers.window_for(d)
        d.update_columns(window_start: window.first, window_end: window.last) unless dry
      end
      sleep 0.5
    end
    """
)

FILES["lib/tasks/billing.rake"] = dedent(
    """
    namespace :billing do
      desc "Retry renewal charges that failed in the last N days (default 3)"
      task :retry_failed, [:days] => :environment do |_, args|
        Billing::RetryFailedRenewals.call(since: (args[:days] || 3).to_i.days.ago)
      end

      desc "Print MRR, churn and failed-payment counts for the current month"
      task report: :environment do
        puts Billing::MonthlyReport.new(Date.current).to_s
      end
    end
    """
)

FILES["lib/tasks/menus.rake"] = dedent(
    """
    namespace :menus do
      desc "Publish next week's menu so customers can pick meals (normally sidekiq-cron, Thu 06:00)"
      task publish: :environment do
        Menus::Publish.call(week: Date.current.next_week)
      end

      desc "Lock menu selections for a delivery week and send picking lists to the warehouse"
      task :cutoff, [:week] => :environment do |_, args|
        Menus::Cutoff.call(week: Date.parse(args[:week]))
      end
    end
    """
)

FILES["docs/ops/heroku.md"] = dedent(
    """
    # Heroku operations

    | App | Dynos | Add-ons |
    |---|---|---|
    | pantrybox-staging | 1 web, 1 worker (Standard-1X) | Heroku Postgres Essential, Heroku Data for Redis Mini, Papertrail |
    | pantrybox-production | 2-6 web (autoscaled), 2 worker (Performance-M) | Postgres Standard-2 + follower, Redis Premium-1, Papertrail, Scout |

    ## Releases

    Staging deploys with `bin/deploy staging`; production is a promotion (`bin/deploy production`).
    The release phase runs `db:migrate` and `pantrybox:release_checks`. If the release phase fails,
    the new code never goes live; see `docs/runbooks/release-phase-failed.md`.

    ## Logs

    `heroku logs` only holds the last 1500 lines. Papertrail keeps 7 days searchable and 1 year in
    the S3 archive (`s3://pantrybox-logs/papertrail/`). Saved searches: *Sidekiq errors*, *H12 timeouts*.

    ```bash
    bin/logs production --dyno worker
    heroku addons:open papertrail -a pantrybox-production
    ```

    ## One-off dynos

    `bin/console production` (sandboxed by default). Long jobs: `heroku run:detached`.
    """
)

FILES["docs/ops/access.md"] = dedent(
    """
    # Access

    ## Heroku

    Members of the `pantrybox` Heroku team. Engineers get *deploy* + *operate* on staging and
    *view* on production; on-call and leads get *operate* on production.

    ```bash
    heroku access:add new.person@pantrybox.co -a pantrybox-staging --permissions deploy,operate
    heroku access:add new.person@pantrybox.co -a pantrybox-production --permissions view
    ```

    *view* is enough to read logs, config var names and metrics; it cannot run one-off dynos.

    ## Papertrail

    Invite from the Papertrail add-on's Settings > Members (read-only role for support staff).

    ## Admin panel

    `bin/grant-admin EMAIL support`. Offboarding: `bin/grant-admin EMAIL superadmin --revoke`,
    `heroku access:remove`, and remove them from the Papertrail members list.
    """
)

FILES["docs/ops/rake-tasks.md"] = dedent(
    """
    # Scheduled and manual rake tasks (operations)

    Most of these run from sidekiq-cron (`config/schedule.yml`); run them by hand only when the
    schedule missed or a step failed.

    | Task | What | Schedule |
    |---|---|---|
    | `menus:publish` | opens next week's menu for picking | Thu 06:00 |
    | `menus:cutoff[2024-06-10]` | locks selections, sends picking lists to the warehouse | Sun 23:59 |
    | `billing:retry_failed[3]` | retries renewal charges that failed (card declined, SCA) | daily 09:00 |
    | `billing:report` | MRR, churn, failed payments this month | manual |
    | `search:reindex` | rebuilds the recipe search index (pg_search) | manual |

    ```bash
    heroku run -a pantrybox-production -- bin/rails "menus:cutoff[2024-06-10]"
    heroku run:detached -a pantrybox-production -- bin/rails billing:retry_failed
    ```
    """
)

FILES["docs/runbooks/release-phase-failed.md"] = dedent(
    """
    # Runbook: release phase failed / deploy hangs

    Symptom: `heroku releases` shows a release stuck in *pending* or marked *release command
    failed*; the dashboard still serves the previous version.

    1. Read the release output: `heroku releases:output -a pantrybox-production`.
    2. A migration timed out on a lock (`PG::LockNotAvailable`, `canceling statement due to lock timeout`):
       find the blocking query with `heroku pg:locks -a pantrybox-production`, wait for it or
       `heroku pg:kill PID`, then `heroku releases:retry -a pantrybox-production`.
    3. A bad release that went live: roll back the code with
       `heroku rollback -a pantrybox-production` (does NOT roll back migrations).
    """
)

FILES["docs/runbooks/sidekiq-backlog.md"] = dedent(
    """
    # Runbook: Sidekiq queues backing up

    Alert: Scout *queue latency > 5 min* on `critical` or `default`. Customers notice as order
    confirmation emails arriving late and "payment pending" banners that never clear.

    1. `bin/sidekiq-stats --watch` to see which queue is growing and how old its oldest job is.
    2. Busy threads all stuck in one job class? Check Scout for the slow job and its external call.
    3. Add capacity for the peak: `bin/scale pantrybox-production worker=4`. Scale back to 2 after.
    4. A scheduler flooding a queue with duplicates: disable the cron entry in /admin/sidekiq, then
       `bin/sidekiq-drain QUEUE --force` on that queue only.
    5. Jobs that died during the incident: `bin/sidekiq-retry-dead --since 6h --dry-run`, then without
       `--dry-run`.
    """
)

FILES["docs/runbooks/database.md"] = dedent(
    """
    # Runbook: Postgres

    ## Too many connections (`FATAL: too many connections for role`)

    Standard-2 allows 400. Puma (5 threads x 3 processes x web dynos) + Sidekiq concurrency (10 x worker
    dynos) must stay under it. Check `heroku pg:info` and `heroku pg:ps`; lower `SIDEKIQ_CONCURRENCY`
    or enable the connection pooler (`heroku pg:connection-pooling:attach`).

    ## Restore / roll back data

    Daily backups at 02:00 UTC, kept 7 days:

    ```bash
    heroku pg:backups -a pantrybox-production
    heroku pg:backups:restore b101 DATABASE_URL -a pantrybox-production --confirm pantrybox-production
    ```

    To recover a few deleted rows without touching production, fork to a point in time and copy them over:

    ```bash
    heroku addons:create heroku-postgresql:standard-2 --rollback DATABASE_URL --to '2024-06-01 14:30+00' -a pantrybox-production
    ```
    """
)

FILES[".claude/commands/safe-migration.md"] = dedent(
    """
    ---
    description: Write or review a Rails migration so it will not lock big tables in production
    argument-hint: "<what the migration should do>"
    allowed-tools: Read, Edit, Bash(bin/rails generate migration:*), Bash(bundle exec rspec:*)
    ---

    Write a migration for: $ARGUMENTS

    - `orders`, `deliveries`, `menu_selections` have >10M rows: add columns without defaults, backfill
      in a separate job, then add the default/NOT NULL in a later migration.
    - Indexes: `algorithm: :concurrently` and `disable_ddl_transaction!`.
    - Check it with `bundle exec rails db:migrate` locally and make sure strong_migrations is quiet.
    """
)

FILES[".claude/commands/explain-charge.md"] = dedent(
    """
    ---
    description: Explain why a customer was charged what they were charged for a given week
    argument-hint: "<customer email> <week>"
    ---

    For $ARGUMENTS: read the subscription, plan, add-ons, discount codes and credits that applied that
    week (app/models/billing/), and the Stripe invoice lines. Produce a short breakdown support can paste.
    """
)

FILES[".claude/agents/n-plus-one-hunter.md"] = dedent(
    """
    ---
    name: n-plus-one-hunter
    description: Reviews controllers, serializers and views for N+1 queries and missing includes/preload, using Bullet output from the test log. Use when a page got slow after a change.
    tools: Read, Grep, Glob, Bash(bundle exec rspec:*)
    ---

    You look for N+1 queries. Run the relevant request specs with `BULLET=1`, read
    `log/bullet.log`, and propose `includes`/`preload` changes with the exact lines.
    """
)

FILES["knowledge/sidekiq-idempotency.md"] = dedent(
    """
    ---
    title: Writing Sidekiq jobs that are safe to retry
    tags: [sidekiq, jobs, retries]
    applies-when:
      - writing a new job
      - a job charged or emailed a customer twice
    updated: 2024-03-02
    ---

    # Writing Sidekiq jobs that are safe to retry

    Sidekiq retries with exponential backoff for ~21 days. Anything with a side effect must check
    whether it already happened: Stripe calls get an `idempotency_key` of `"#{job_class}-#{record.id}-#{week}"`,
    emails check `deliveries.confirmation_sent_at`. Pass ids, never whole objects.
    """
)
