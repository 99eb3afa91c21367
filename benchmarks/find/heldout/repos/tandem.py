"""tandem: the backend of a running-club mobile app on Firebase + GCP, with Node tools, runbooks and skills."""

# ruff: noqa: E501  (the strings below are other repos' files; their long lines are part of the realism)
from __future__ import annotations

import json

from ._text import dedent

NAME = "tandem"

FILES: dict[str, str] = {}


def _skill(name: str, description: str, body: str, **front: str) -> str:
    """A SKILL.md with YAML frontmatter (folded description) and a markdown body."""
    lines = ["---", f"name: {name}", "description: >-"]
    lines += ["  " + line for line in dedent(description).strip().splitlines()]
    lines += [f"{key.replace('_', '-')}: {value}" for key, value in front.items()]
    return "\n".join(lines) + "\n---\n\n" + dedent(body)


FILES["README.md"] = dedent(
    """
    # tandem-backend

    Backend for the Tandem iOS/Android app (group runs, clubs, streaks). Firebase Auth, Firestore,
    Cloud Storage, Cloud Functions (2nd gen, TypeScript) in `functions/`, the `matcher` service on
    Cloud Run, FCM for push, BigQuery export for analytics.

    Projects: `tandem-dev`, `tandem-staging`, `tandem-prod` (see docs/ops/environments.md).
    """
)

FILES["CLAUDE.md"] = dedent(
    """
    # tandem-backend

    - Node 20, TypeScript strict. `npm test` runs against the emulators (start them first).
    - Tools in `tools/` default to `--project tandem-dev`. Never pass `--project tandem-prod`
      without a human confirming.
    - Firestore writes in bulk go through BulkWriter (knowledge/firestore-bulk-writes.md).
    - Security rules changes need rules tests in `test/rules/` (see the firestore-rules skill).
    - User data: uid is the key everywhere (`users/{uid}`, `gs://.../avatars/{uid}/`, BigQuery `user_id`).
    """
)

FILES["package.json"] = (
    json.dumps(
        {
            "name": "tandem-backend",
            "private": True,
            "scripts": {
                "emulators": "firebase emulators:start --import=./emulator-data --export-on-exit",
                "test": "firebase emulators:exec --only firestore,auth 'vitest run'",
                "test:rules": "firebase emulators:exec --only firestore 'vitest run test/rules'",
                "deploy:rules": "firebase deploy --only firestore:rules,storage",
            },
            "devDependencies": {
                "firebase-tools": "^13.11.2",
                "vitest": "^1.6.0",
                "@firebase/rules-unit-testing": "^3.0.3",
            },
            "dependencies": {"firebase-admin": "^12.1.1", "commander": "^12.1.0", "yargs": "^17.7.2"},
            "packageManager": "npm@10.7.0",
        },
        indent=2,
    )
    + "\n"
)

FILES["functions/package.json"] = (
    json.dumps(
        {
            "name": "tandem-functions",
            "private": True,
            "main": "lib/index.js",
            "engines": {"node": "20"},
            "scripts": {
                "deploy": "firebase deploy --only functions",
                "logs": "firebase functions:log",
            },
            "dependencies": {"firebase-admin": "^12.1.1", "firebase-functions": "^5.0.1"},
            "devDependencies": {"typescript": "^5.4.5"},
        },
        indent=2,
    )
    + "\n"
)

FILES["tools/set-role.js"] = dedent(
    """
    #!/usr/bin/env node
    /**
     * Set or remove a role custom claim (admin, coach, club_owner) on a Firebase Auth user.
     * The user gets the new claim on their next ID token refresh (up to 1 hour, or sign out/in).
     */
    const { program } = require('commander');
    const admin = require('firebase-admin');

    program
      .name('set-role')
      .description('Set or remove a role custom claim on a Firebase Auth user')
      .requiredOption('--uid <uid>', 'user id (or use --email)')
      .option('--email <email>', 'look the user up by email')
      .requiredOption('--role <role>', 'admin | coach | club_owner')
      .option('--remove', 'remove the role instead of adding it')
      .option('--project <id>', 'Firebase project', 'tandem-dev')
      .parse();

    const opts = program.opts();
    admin.initializeApp({ projectId: opts.project });
    (async () => {
      const user = opts.email ? await admin.auth().getUserByEmail(opts.email) : await admin.auth().getUser(opts.uid);
      const claims = user.customClaims || {};
      claims[opts.role] = !opts.remove;
      await admin.auth().setCustomUserClaims(user.uid, claims);
      console.log(user.uid, claims);
    })();
    """
)

FILES["tools/revoke-sessions.js"] = dedent(
    """
    #!/usr/bin/env node
    /**
     * Sign a user out of every device: revokes their refresh tokens and optionally disables the account.
     * Use for a stolen phone or a compromised account. Existing ID tokens stay valid until they expire
     * (max 1h) unless the client checks revocation.
     */
    const { program } = require('commander');
    const admin = require('firebase-admin');

    program
      .description('Revoke all refresh tokens for a user (sign out everywhere)')
      .requiredOption('--uid <uid>', 'user id')
      .option('--disable', 'also disable the account')
      .option('--project <id>', 'Firebase project', 'tandem-dev')
      .parse();

    const { uid, disable, project } = program.opts();
    admin.initializeApp({ projectId: project });
    (async () => {
      await admin.auth().revokeRefreshTokens(uid);
      if (disable) await admin.auth().updateUser(uid, { disabled: true });
      console.log(`revoked sessions for ${uid}${disable ? ' and disabled the account' : ''}`);
    })();
    """
)

FILES["tools/delete-user.js"] = dedent(
    """
    #!/usr/bin/env node
    /**
     * GDPR erasure: deletes a user's Auth record, users/{uid} and its subcollections, their runs,
     * club memberships, avatar and GPX uploads in Cloud Storage, and queues the BigQuery row deletion.
     * Irreversible. Always run with --dry-run first and attach the output to the DSR ticket.
     */
    const yargs = require('yargs/yargs');
    const { hideBin } = require('yargs/helpers');

    const argv = yargs(hideBin(process.argv))
      .usage('$0 --uid <uid> [--dry-run] [--project tandem-prod]')
      .option('uid', { type: 'string', demandOption: true, describe: 'user to erase' })
      .option('dry-run', { type: 'boolean', default: false, describe: 'list what would be deleted' })
      .option('project', { type: 'string', default: 'tandem-dev' })
      .parse();

    require('./lib/erase').eraseUser(argv.uid, { dryRun: argv['dry-run'], project: argv.project });
    """
)

FILES["tools/export-user.js"] = dedent(
    """
    #!/usr/bin/env node
    /**
     * Data subject access request: collects everything we hold about one user (profile, runs as GPX,
     * clubs, messages, push tokens, consent history) into a zip in gs://tandem-dsar-exports with a
     * 7-day signed URL. Read-only apart from writing the zip.
     */
    const { program } = require('commander');

    program
      .description('Export all data for one user (DSAR) to a signed download link')
      .requiredOption('--uid <uid>')
      .option('--project <id>', 'Firebase project', 'tandem-dev')
      .parse();

    require('./lib/dsar').exportUser(program.opts());
    """
)

FILES["tools/firestore-migrate.js"] = dedent(
    """
    #!/usr/bin/env node
    /**
     * Run a data migration over a Firestore collection: loads migrations/<name>.js, streams the
     * collection and applies its transform(doc) with BulkWriter (rate-limited, retries). Records the
     * migration in _migrations/<name> so it does not run twice.
     */
    const { program } = require('commander');

    program
      .description('Apply a document migration script to a Firestore collection')
      .argument('<name>', 'migration in tools/migrations/, e.g. 2024-05-add-pace-zones')
      .option('--project <id>', 'Firebase project', 'tandem-dev')
      .option('--dry-run', 'count affected documents only')
      .option('--limit <n>', 'stop after n documents', parseInt)
      .parse();

    require('./lib/migrate').run(program.args[0], program.opts());
    """
)

FILES["tools/firestore-backup.js"] = dedent(
    """
    #!/usr/bin/env node
    /**
     * Start a managed Firestore export of all collections (or --collections a,b) to
     * gs://<project>-firestore-backups/<timestamp>/. Scheduled daily by Cloud Scheduler; use this for
     * an extra copy right before a risky migration.
     */
    const { program } = require('commander');
    const { execSync } = require('child_process');

    program
      .option('--project <id>', 'Firebase project', 'tandem-dev')
      .option('--collections <list>', 'comma-separated collection ids')
      .parse();

    const { project, collections } = program.opts();
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    execSync(`gcloud firestore export gs://${project}-firestore-backups/${stamp} --project ${project}` +
      (collections ? ` --collection-ids=${collections}` : ''), { stdio: 'inherit' });
    """
)

FILES["tools/firestore-restore.js"] = dedent(
    """
    #!/usr/bin/env node
    /**
     * Import a Firestore export back into a project. Overwrites documents with the same ids; does not
     * delete documents created since. Prefer restoring into tandem-staging and copying the few
     * documents you need (see docs/runbooks/restore-firestore.md).
     */
    const { program } = require('commander');
    const { execSync } = require('child_process');

    program
      .requiredOption('--from <gcsPath>', 'export folder, e.g. gs://tandem-prod-firestore-backups/2024-06-01T02-00-00Z')
      .option('--collections <list>', 'comma-separated collection ids')
      .option('--project <id>', 'target project', 'tandem-dev')
      .option('--yes', 'do not ask for confirmation')
      .parse();

    const o = program.opts();
    execSync(`gcloud firestore import ${o.from} --project ${o.project}` + (o.collections ? ` --collection-ids=${o.collections}` : ''), { stdio: 'inherit' });
    """
)

FILES["tools/send-push.js"] = dedent(
    """
    #!/usr/bin/env node
    /**
     * Send a test push notification through FCM to one device token, or every token of a user,
     * to check that notifications arrive (APNs for iOS, FCM for Android). Prints per-token results.
     */
    const yargs = require('yargs/yargs');
    const { hideBin } = require('yargs/helpers');

    const argv = yargs(hideBin(process.argv))
      .command('$0', 'send a test push')
      .option('token', { type: 'string', describe: 'FCM registration token' })
      .option('uid', { type: 'string', describe: 'send to all tokens in users/{uid}/devices' })
      .option('title', { type: 'string', default: 'Tandem test' })
      .option('body', { type: 'string', default: 'If you can read this, push works.' })
      .option('project', { type: 'string', default: 'tandem-dev' })
      .parse();

    require('./lib/push').sendTest(argv);
    """
)

FILES["tools/remote-config.js"] = dedent(
    """
    #!/usr/bin/env node
    /**
     * Read or change Firebase Remote Config parameters: feature flags, the minimum app version that
     * forces an update screen (min_supported_version_ios / _android), and the kill switch for live runs.
     * Publishing creates a new template version; roll back with `remote-config rollback --version N`.
     */
    const { program } = require('commander');
    const rc = require('./lib/remote-config');

    program.option('--project <id>', 'Firebase project', 'tandem-dev');
    program.command('get [key]').description('print one parameter or the whole template').action(rc.get);
    program.command('set <key> <value>').description('set a parameter and publish').option('--condition <name>').action(rc.set);
    program.command('versions').description('list recent template versions').action(rc.versions);
    program.command('rollback').description('roll back to an earlier template version').requiredOption('--version <n>').action(rc.rollback);
    program.parse();
    """
)

FILES["tools/secrets.js"] = dedent(
    """
    #!/usr/bin/env node
    /**
     * List, read and add versions of the Secret Manager secrets our functions and Cloud Run use
     * (STRAVA_CLIENT_SECRET, REVENUECAT_API_KEY, MAPBOX_TOKEN, ...). Adding a version does not
     * redeploy: functions pick up `latest` on their next cold start, Cloud Run on the next revision.
     */
    const { program } = require('commander');
    const sm = require('./lib/secrets');

    program.option('--project <id>', 'GCP project', 'tandem-dev');
    program.command('list').description('secret names and latest version').action(sm.list);
    program.command('get <name>').description('print the latest value').action(sm.get);
    program.command('add <name>').description('add a new version from stdin').action(sm.add);
    program.command('disable <name> <version>').description('disable an old version').action(sm.disable);
    program.parse();
    """
)

FILES["tools/replay-deadletter.js"] = dedent(
    """
    #!/usr/bin/env node
    /**
     * Pull messages from a Pub/Sub dead-letter subscription (run-uploaded-dlq, strava-sync-dlq) and
     * publish them back to the original topic, so runs whose processing failed get processed again.
     */
    const { program } = require('commander');

    program
      .description('Re-publish dead-lettered Pub/Sub messages to their topic')
      .requiredOption('--subscription <name>', 'dead-letter subscription')
      .option('--max <n>', 'maximum messages', parseInt, 500)
      .option('--dry-run', 'print messages without re-publishing')
      .option('--project <id>', 'GCP project', 'tandem-dev')
      .parse();

    require('./lib/pubsub').replay(program.opts());
    """
)

FILES["tools/bq.js"] = dedent(
    """
    #!/usr/bin/env node
    /**
     * Run one of the saved analytics queries in queries/ against the BigQuery export
     * (dau, weekly-retention, runs-per-club, push-open-rate) and print a table or CSV.
     */
    const yargs = require('yargs/yargs');
    const { hideBin } = require('yargs/helpers');

    yargs(hideBin(process.argv))
      .command('run <query>', 'run a saved query', (y) => y
        .option('from', { type: 'string', describe: 'start date YYYY-MM-DD' })
        .option('to', { type: 'string' })
        .option('csv', { type: 'boolean' }), (argv) => require('./lib/bq').run(argv))
      .command('list', 'list saved queries', {}, () => require('./lib/bq').list())
      .demandCommand(1)
      .parse();
    """
)

FILES["tools/orphaned-uploads.js"] = dedent(
    """
    #!/usr/bin/env node
    /**
     * Find Cloud Storage objects under gpx/ and avatars/ whose user or run no longer exists and
     * (with --delete) remove them. Storage costs grew 40% in Q1 because of these.
     */
    const { program } = require('commander');

    program
      .option('--prefix <p>', 'gpx/ or avatars/', 'gpx/')
      .option('--delete', 'delete the orphans (default: report only)')
      .option('--project <id>', 'Firebase project', 'tandem-dev')
      .parse();

    require('./lib/storage').orphans(program.opts());
    """
)

FILES["scripts/gcp-login.sh"] = dedent(
    r"""
    #!/usr/bin/env bash
    # First-day setup: gcloud auth login, application-default credentials for the Admin SDK,
    # firebase login, and the project aliases (dev/staging/prod) from .firebaserc.
    set -euo pipefail
    gcloud auth login
    gcloud auth application-default login
    gcloud config set project tandem-dev
    npx firebase login
    npx firebase use dev
    """
)

FILES["scripts/deploy.sh"] = dedent(
    r"""
    #!/usr/bin/env bash
    # Deploy to an environment: Cloud Functions, Firestore rules + indexes, Storage rules, and the
    # matcher service on Cloud Run (new revision from the image built by Cloud Build for this commit).
    # prod requires a tag on HEAD.
    #
    # usage: scripts/deploy.sh dev|staging|prod [--only functions|rules|matcher]
    set -euo pipefail
    env="${1:?dev|staging|prod}"; only="${3:-all}"
    project="tandem-$env"
    if [[ $env == prod ]] && ! git describe --exact-match --tags HEAD >/dev/null 2>&1; then
      echo "prod deploys need a tagged commit" >&2; exit 1
    fi
    sha="$(git rev-parse --short HEAD)"
    if [[ $only == all || $only == functions ]]; then npx firebase deploy --only functions -P "$project"; fi
    if [[ $only == all || $only == rules ]]; then npx firebase deploy --only firestore,storage -P "$project"; fi
    if [[ $only == all || $only == matcher ]]; then
      gcloud run deploy matcher --image "europe-west1-docker.pkg.dev/$project/tandem/matcher:$sha" --region europe-west1 --project "$project"
    fi
    """
)

FILES["scripts/run-rollback.sh"] = dedent(
    r"""
    #!/usr/bin/env bash
    # Send 100% of the matcher service's traffic back to the previous Cloud Run revision (or a named
    # one). Cloud Functions cannot be rolled back this way: redeploy the previous tag instead.
    # usage: scripts/run-rollback.sh staging|prod [REVISION]
    set -euo pipefail
    project="tandem-${1:?staging|prod}"
    rev="${2:-$(gcloud run revisions list --service matcher --region europe-west1 --project "$project" --format='value(name)' | sed -n 2p)}"
    gcloud run services update-traffic matcher --to-revisions "$rev=100" --region europe-west1 --project "$project"
    """
)

FILES["scripts/logs.sh"] = dedent(
    r"""
    #!/usr/bin/env bash
    # Read Cloud Logging for one function or the matcher service, optionally for one user (uid is in
    # jsonPayload.uid) or only errors. Defaults to the last hour.
    # usage: scripts/logs.sh ENV SERVICE [--uid UID] [--errors] [--since 1h]
    set -euo pipefail
    project="tandem-${1:?env}"; svc="${2:?function or service name}"; shift 2
    filter="resource.labels.service_name=\"$svc\""; since=1h
    while [[ $# -gt 0 ]]; do
      case "$1" in
        --uid) filter+=" AND jsonPayload.uid=\"$2\""; shift 2 ;;
        --errors) filter+=" AND severity>=ERROR"; shift ;;
        --since) since="$2"; shift 2 ;;
        *) exit 2 ;;
      esac
    done
    gcloud logging read "$filter" --project "$project" --freshness "$since" --format 'table(timestamp,severity,jsonPayload.message)'
    """
)

FILES["docs/ops/environments.md"] = dedent(
    """
    # Environments

    | Env | GCP / Firebase project | Used by |
    |---|---|---|
    | dev | tandem-dev | local tools, emulator seed exports, PR preview channels |
    | staging | tandem-staging | TestFlight and Play internal track builds |
    | prod | tandem-prod | App Store / Play Store builds |

    Region: europe-west1 for Functions, Cloud Run and Firestore (eur3 multi-region).
    `npx firebase use staging` switches the CLI; all tools take `--project`.
    """
)

FILES["docs/ops/access.md"] = dedent(
    """
    # Access to GCP and Firebase

    Everything goes through Google groups; do not grant roles to individual accounts.

    | Group | Role on tandem-dev / staging | Role on tandem-prod |
    |---|---|---|
    | eng@tandem.run | Editor | Viewer + Logs Viewer (`roles/logging.viewer`) |
    | oncall@tandem.run | Editor | Firebase Admin, Cloud Run Admin |
    | support@tandem.run | none | Firebase Authentication Viewer |

    New engineer: add them to eng@ in Google Admin; they can read prod logs and dashboards from day one.
    Temporary prod write access: request in #infra with a reason; granted for 8 hours with an IAM
    condition, e.g.

    ```bash
    gcloud projects add-iam-policy-binding tandem-prod --member=user:name@tandem.run --role=roles/firebase.admin \\
      --condition='expression=request.time < timestamp("2024-06-01T18:00:00Z"),title=temp-oncall'
    ```

    Admin rights inside the app (club moderation, coach badge) are custom claims: `tools/set-role.js`.
    """
)

FILES["docs/runbooks/functions-errors.md"] = dedent(
    """
    # Runbook: Cloud Functions error rate

    Alert: *functions error ratio > 2% for 10 min* (Cloud Monitoring, pages on-call).

    1. Which function? Error Reporting groups the stack traces; or
       `scripts/logs.sh prod onRunUploaded --errors --since 30m`.
    2. Started right after a deploy? Redeploy the previous tag:
       `git checkout v2024.06.1 && scripts/deploy.sh prod --only functions`.
    3. Timeouts calling Strava or RevenueCat: their status page; messages that failed land in the
       dead-letter subscriptions and can be replayed later with `tools/replay-deadletter.js`.
    4. `RESOURCE_EXHAUSTED` on Firestore: see runbooks/firestore-costs.md (hot documents).
    """
)

FILES["docs/runbooks/push-not-delivered.md"] = dedent(
    """
    # Runbook: push notifications not arriving

    Symptoms: users report no "your group run starts in 30 min" reminders; FCM delivery report drops.

    1. Send yourself one: `tools/send-push.js --uid <your uid> --project tandem-prod`.
    2. iOS only broken: the APNs auth key (.p8) in Firebase console > Cloud Messaging may have been
       revoked; upload a new one from the Apple Developer account (team admin needed).
    3. Android only: check the `sendReminders` function logs for `messaging/registration-token-not-registered`
       spikes (stale tokens are pruned automatically).
    4. Nobody gets them: check Cloud Scheduler job `reminders-every-5m` is enabled.
    """
)

FILES["docs/runbooks/firestore-costs.md"] = dedent(
    """
    # Runbook: Firestore reads / bill spiking

    Budget alert at 150% of the monthly Firestore budget, or *document reads/min* dashboard anomaly.

    - Find the collection: Firestore > Usage, and Key Visualizer for hot key ranges.
    - Usual cause: a client release with a listener on a whole collection (clubs feed). Ask mobile
      to ship a fix and lower the blast radius with a Remote Config flag (`tools/remote-config.js set feed_realtime false`).
    - Contention (`ABORTED: too much contention`) on counters: use distributed counters.
    """
)

FILES["docs/runbooks/restore-firestore.md"] = dedent(
    """
    # Runbook: recover deleted or corrupted Firestore data

    Point-in-time recovery is enabled on tandem-prod (7 days, 1-minute granularity) and daily exports
    go to `gs://tandem-prod-firestore-backups/`.

    ```bash
    gcloud firestore databases clone --source-database='projects/tandem-prod/databases/(default)' \\
      --snapshot-time=2024-06-01T14:30:00Z --destination-database=recovery --project tandem-prod
    node tools/firestore-restore.js --from gs://tandem-prod-firestore-backups/2024-06-01T02-00-00Z --project tandem-staging
    ```

    Copy the needed documents back with a one-off migration (`tools/firestore-migrate.js`), never a
    full import over prod.
    """
)

FILES[".claude/skills/user-lookup/SKILL.md"] = _skill(
    "user-lookup",
    """
    Looks up one app user by email, uid or phone and summarises their account for support:
    sign-in providers, disabled or not, custom claims, devices and last push token, clubs, last 5
    runs, subscription status from RevenueCat. Read-only.
    """,
    """
    # User lookup

    1. Resolve the uid: `firebase` MCP `auth_get_user` by email or phone.
    2. Read `users/{uid}` and `users/{uid}/devices` with the `firebase` MCP Firestore tools.
    3. Subscription: RevenueCat REST `GET /v1/subscribers/{uid}`.
    4. Answer in a short table. Do not paste the email or phone into Slack.
    """,
    allowed_tools="mcp__firebase__auth_get_user mcp__firebase__firestore_get_documents Bash(curl:*)",
)

FILES[".claude/skills/firestore-rules/SKILL.md"] = _skill(
    "firestore-rules",
    """
    Changes firestore.rules or storage.rules safely: edits the rule, adds allow and deny cases to
    test/rules/, runs them on the emulator, and only then deploys to dev. Use for any permission
    change on a collection.
    """,
    """
    # Change security rules

    1. Edit `firestore.rules` (or `storage.rules`).
    2. Add tests in `test/rules/<collection>.test.ts`: at least one allowed and one denied case.
    3. `npm run test:rules`.
    4. `npm run deploy:rules -- -P tandem-dev`; staging and prod go through `scripts/deploy.sh ... --only rules`.
    """,
)

FILES[".claude/skills/investigate-function/SKILL.md"] = _skill(
    "investigate-function",
    """
    Investigates a failing or slow Cloud Function: pulls its recent error logs and traces, groups
    the errors, finds the commit that changed it, and proposes a fix. Use when someone reports that
    something in the app "doesn't work" and it's backed by a function.
    """,
    """
    # Investigate a function

    1. `scripts/logs.sh <env> <function> --errors --since 6h`
    2. Group by message; pick the most frequent stack.
    3. `git log -p --since=2.weeks -- functions/src/<function>.ts`
    4. Reproduce against the emulator (`npm run emulators`) with the payload from the logs.
    """,
    allowed_tools="Bash(scripts/logs.sh:*) Bash(git log:*) Read Grep",
)

FILES[".mcp.json"] = (
    json.dumps(
        {
            "mcpServers": {
                "firebase": {
                    "command": "npx",
                    "args": ["-y", "firebase-tools@latest", "experimental:mcp", "--dir", "."],
                },
            }
        },
        indent=2,
    )
    + "\n"
)

FILES["knowledge/firestore-bulk-writes.md"] = dedent(
    """
    ---
    title: Bulk writes and backfills in Firestore
    tags: [firestore, migrations, backfill]
    applies-when:
      - updating more than a few hundred documents
      - writing a data migration
    updated: 2024-04-18
    ---

    # Bulk writes and backfills in Firestore

    Batched writes cap at 500 operations and fail as a whole. Use `BulkWriter` (what
    `tools/firestore-migrate.js` does): it rate-limits with the 500/50/5 ramp-up rule and retries
    `UNAVAILABLE`/`ABORTED`. Take an export first (`tools/firestore-backup.js`).
    """
)
