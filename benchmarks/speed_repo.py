"""Synthetic repos for benchmarks/speed.py: N skills plus N tools and N runbook docs, varied and deterministic.

Skills are `.claude/skills/<name>/SKILL.md` with valid frontmatter (name = folder, a description, sometimes
license / allowed-tools / metadata) and a 10-40 line body; tools alternate `tools/<area>/<name>.sh` (header
comment + usage line) and `.py` (docstring + argparse); docs are `docs/runbooks/<area>/<topic>.md`. Words are drawn
from a fixed vocabulary with a seeded RNG, so every item reads differently and `find` has something to rank, and
the same (size, seed) always writes the same bytes.

Usage: python benchmarks/speed_repo.py SIZE TARGET_DIR [--seed N]
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from pathlib import Path

SEED = 7

# area -> (the things in it, the tech it runs on)
AREAS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "database": (
        ("postgres password", "read replica", "missing columns", "slow queries", "schema migration", "connection pool"),
        ("Postgres", "pgbouncer", "Alembic", "RDS"),
    ),
    "billing": (
        ("invoices", "refunds", "stripe webhooks", "tax rates", "dunning emails", "payment ledger"),
        ("Stripe", "Postgres", "Celery"),
    ),
    "logs": (
        ("api logs", "worker logs", "audit trail", "error spikes", "log retention", "request traces"),
        ("Loki", "CloudWatch", "Datadog", "OpenTelemetry"),
    ),
    "deploy": (
        ("staging release", "production rollout", "canary", "rollback", "feature flags", "blue green switch"),
        ("Argo CD", "Helm", "GitHub Actions", "Kubernetes"),
    ),
    "auth": (
        ("api keys", "oauth clients", "session tokens", "sso config", "user roles", "password resets"),
        ("Keycloak", "Auth0", "JWT"),
    ),
    "search": (
        ("search index", "synonyms", "reindex job", "ranking weights", "stale documents", "query logs"),
        ("OpenSearch", "Elasticsearch", "Typesense"),
    ),
    "cache": (
        ("redis keys", "cache hit rate", "cdn purge", "session cache", "eviction policy", "warmup job"),
        ("Redis", "Memcached", "Cloudflare"),
    ),
    "queue": (
        ("dead letters", "stuck jobs", "consumer lag", "retry policy", "queue depth", "worker pool"),
        ("RabbitMQ", "SQS", "Kafka", "Sidekiq"),
    ),
    "secrets": (
        ("vault tokens", "tls certificates", "env files", "kms keys", "ssh keys", "service accounts"),
        ("Vault", "AWS KMS", "sops", "1Password"),
    ),
    "monitoring": (
        ("alert rules", "dashboards", "slo burn", "uptime checks", "pager rota", "latency budget"),
        ("Prometheus", "Grafana", "PagerDuty"),
    ),
    "storage": (
        ("s3 buckets", "backups", "snapshots", "lifecycle rules", "upload limits", "orphaned files"),
        ("S3", "restic", "MinIO"),
    ),
    "email": (
        ("bounce list", "templates", "dkim records", "unsubscribe links", "send quota", "digest emails"),
        ("SES", "Postmark", "MJML"),
    ),
    "mobile": (
        ("app builds", "push certificates", "release notes", "crash reports", "testflight", "store listing"),
        ("Fastlane", "Expo", "Firebase"),
    ),
    "data": (
        ("nightly export", "dbt models", "warehouse load", "pii scrub", "event schema", "backfill job"),
        ("dbt", "BigQuery", "Airflow", "Snowflake"),
    ),
    "network": (
        ("dns records", "firewall rules", "load balancer", "vpn access", "rate limits", "ingress"),
        ("Terraform", "Route 53", "nginx", "WireGuard"),
    ),
    "frontend": (
        ("bundle size", "storybook", "translations", "visual diffs", "asset hashes", "lighthouse score"),
        ("Next.js", "Vite", "Playwright"),
    ),
    "tenants": (
        ("tenant onboarding", "tenant quotas", "data isolation", "tenant export", "plan limits", "trial expiry"),
        ("Postgres", "Terraform"),
    ),
    "compliance": (
        ("access review", "audit evidence", "retention policy", "gdpr requests", "soc2 controls", "vendor list"),
        ("Vanta", "Drata", "Jira"),
    ),
}
VERBS = (
    "rotate",
    "migrate",
    "backfill",
    "tail",
    "restart",
    "seed",
    "snapshot",
    "audit",
    "purge",
    "rebuild",
    "verify",
    "export",
    "import",
    "scale",
    "drain",
    "inspect",
    "repair",
    "reset",
    "sync",
    "promote",
    "diff",
    "archive",
    "benchmark",
    "profile",
    "provision",
    "revoke",
    "replay",
    "tune",
    "pin",
    "check",
)
TRIGGERS = (
    "after an incident",
    "before a release",
    "when an alert fires",
    "during on-call",
    "when a customer reports it",
    "at the end of a sprint",
    "when the nightly job fails",
    "after a schema change",
    "when staging drifts from production",
    "during a security review",
    "when costs spike",
)
ENVS = ("staging", "production", "dev", "sandbox")
ERRORS = (
    "permission denied",
    "timeout after 30s",
    "409 conflict",
    "lock held by another run",
    "429 too many requests",
    "connection refused",
    "checksum mismatch",
    "quota exceeded",
    "unknown revision",
    "stale plan",
)
REMEDIES = (
    "rerun with --verbose and attach the output to the ticket",
    "check the token has not expired",
    "wait five minutes and retry",
    "ask the owning team to release the lock",
    "lower --limit and rerun",
    "switch to the read-only role and inspect first",
    "open an incident if it repeats",
)
OWNERS = ("platform", "payments", "growth", "infra", "data", "mobile", "core")


@dataclass(frozen=True)
class Built:
    """What `build` wrote: counts and total bytes."""

    skills: int
    tools: int
    docs: int
    files: int
    bytes: int


def _slug(words: str) -> str:
    return "-".join(words.lower().split())


def _pick(rng: random.Random, i: int) -> tuple[str, str, str, tuple[str, ...]]:
    area = list(AREAS)[rng.randrange(len(AREAS))]
    things, techs = AREAS[area]
    return rng.choice(VERBS), area, things[rng.randrange(len(things))], techs


def skill_text(rng: random.Random, i: int) -> tuple[str, str]:
    """(folder name, SKILL.md text) of skill i."""
    verb, area, thing, techs = _pick(rng, i)
    tech, env, trigger = rng.choice(techs), rng.choice(ENVS), rng.choice(TRIGGERS)
    name = f"{verb}-{_slug(thing)}-{i:04d}"
    description = (
        f"{verb.capitalize()} the {thing} of the {area} stack on {tech}. Use {trigger}, or when someone "
        f"asks to {verb} {thing} in {env}."
    )
    head = [f"name: {name}", f"description: {description}"]
    if rng.random() < 0.3:
        head.append("license: MIT")
    if rng.random() < 0.3:
        head.append(f"allowed-tools: {rng.choice(('Bash Read', 'Read Grep Glob', 'Bash Read Edit'))}")
    if rng.random() < 0.2:
        head += ["metadata:", f"  owner: {rng.choice(OWNERS)}", f'  version: "{rng.randint(1, 4)}.{rng.randint(0, 9)}"']
    tool = f"tools/{area}/{verb}_{_slug(thing).replace('-', '_')}.sh"
    steps = [
        f"Confirm you are on the {env} context: `kubectl config current-context`.",
        f"Run `{tool} --env {env} --dry-run` and read the plan it prints.",
        f"Apply it: `{tool} --env {env}`; it stops on the first error.",
        f"Check the {rng.choice(('dashboard', 'logs', 'alerts'))} for {area} for {rng.randint(2, 15)} minutes.",
        f"Post the result in #{area}-changes with the ticket number.",
        f"If {tech} reports a conflict, wait for the lock to clear and rerun step 2.",
        f"Compare the {thing} against the last snapshot: `make {area}-diff ENV={env}`.",
    ]
    notes = [
        f"Never {verb} {thing} in production without a ticket.",
        f"{tech} limits: expect it to take {rng.randint(2, 40)} minutes on a large account.",
        f"Ask #{area}-oncall if the {thing} look wrong afterwards.",
        f"See docs/runbooks/{area}/ for the long version.",
        f"Every step is idempotent ({tech} keeps the state), so rerun it if it fails halfway.",
        f"The {thing} belong to the {rng.choice(OWNERS)} team; tag them on the change.",
        f"`make {area}-{verb}` wraps the same script for CI.",
        f"Last reviewed {2023 + rng.randrange(3)}-{rng.randint(1, 12):02d} by the {rng.choice(OWNERS)} team.",
    ]
    want = rng.randint(10, 40)  # body lines
    body = [f"# {verb.capitalize()} {thing}", "", f"Use this {trigger} to {verb} the {thing}.", "", "## Steps", ""]
    body += [f"{n}. {line}" for n, line in enumerate(rng.sample(steps, rng.randint(3, len(steps))), 1)]
    body += ["", "## Notes", ""] + [f"- {line}" for line in rng.sample(notes, rng.randint(1, 4))]
    if len(body) < want - 6:
        problems = rng.sample([(e, r) for e in ERRORS for r in REMEDIES], want - 6 - len(body))
        body += ["", "## Troubleshooting", ""] + [f"- `{e}` from {tech}: {r}." for e, r in problems]
    body = body[: max(want - 4, 6)] + ["", "```bash", f"{tool} --env {env} --verbose", "```"]
    return name, "---\n" + "\n".join(head) + "\n---\n\n" + "\n".join(body) + "\n"


def tool_text(rng: random.Random, i: int) -> tuple[str, str]:
    """(path, text) of tool i: a shell script (even i) or a Python CLI (odd i)."""
    verb, area, thing, techs = _pick(rng, i)
    tech, env = rng.choice(techs), rng.choice(ENVS)
    stem = f"{verb}_{_slug(thing).replace('-', '_')}_{i:04d}"
    summary = f"{verb.capitalize()} the {thing} ({area}) through {tech}."
    detail = f"Safe to rerun; prints what it changes. Needs {area.upper()}_TOKEN in the environment for {env}."
    if i % 2 == 0:
        path = f"tools/{area}/{stem}.sh"
        lines = [
            "#!/usr/bin/env bash",
            f"# {summary}",
            f"# {detail}",
            f"# Usage: {path} [--env staging|production] [--dry-run] <{_slug(thing)}>",
            "set -euo pipefail",
            f'ENV="${{ENV:-{env}}}"',
            'echo "running against $ENV"',
        ]
        lines += [
            f'{rng.choice(("curl -fsS", "psql -c", "aws", "kubectl"))} "$1" # step {n}'
            for n in range(rng.randint(3, 12))
        ]
        return path, "\n".join(lines) + "\n"
    path = f"tools/{area}/{stem}.py"
    lines = [
        "#!/usr/bin/env python3",
        f'"""{summary}',
        "",
        detail,
        "",
        f"Usage: python {path} --env {env} [--dry-run] [--limit N]",
        '"""',
        "import argparse",
        "",
        "",
        "def main() -> int:",
        f'    parser = argparse.ArgumentParser(description="{summary}")',
        f'    parser.add_argument("--env", choices={list(ENVS)!r}, default="{env}")',
        '    parser.add_argument("--dry-run", action="store_true", help="print the plan only")',
        f'    parser.add_argument("--limit", type=int, default={rng.choice((10, 100, 1000))})',
        "    args = parser.parse_args()",
    ]
    lines += [f'    print("step {n}: {verb} {thing}", args.env)' for n in range(rng.randint(2, 10))]
    lines += ["    return 0", "", "", 'if __name__ == "__main__":', "    raise SystemExit(main())"]
    return path, "\n".join(lines) + "\n"


def doc_text(rng: random.Random, i: int) -> tuple[str, str]:
    """(path, text) of runbook i."""
    verb, area, thing, techs = _pick(rng, i)
    tech, env, trigger = rng.choice(techs), rng.choice(ENVS), rng.choice(TRIGGERS)
    path = f"docs/runbooks/{area}/{verb}-{_slug(thing)}-{i:04d}.md"
    steps = [
        f"{n}. `{rng.choice(('make', 'just', './tools/' + area + '/run.sh'))} {area}-{verb} ENV={env}`"
        for n in range(1, rng.randint(3, 8))
    ]
    symptoms = [
        f"- {s}"
        for s in rng.sample(
            (
                f"{thing} out of date",
                f"{tech} returns 5xx",
                "alerts in #oncall",
                "customers see stale data",
                "latency above the SLO",
                "the nightly job is red",
                "disk usage climbing",
            ),
            3,
        )
    ]
    lines = [
        f"# Runbook: {verb} {thing} ({area})",
        "",
        f"How to {verb} the {thing} in {env} {trigger}. Owner: the {rng.choice(OWNERS)} team.",
        "",
        "## Symptoms",
        "",
        *symptoms,
        "",
        "## Steps",
        "",
        *steps,
        "",
        "```bash",
        f"kubectl -n {area} logs deploy/{area}-worker --since=15m | grep -i {verb}",
        "```",
        "",
        "## Escalation",
        "",
        f"Page the {area} on-call through {rng.choice(('PagerDuty', 'Opsgenie'))}.",
    ]
    return path, "\n".join(lines) + "\n"


def build(root: Path, size: int, seed: int = SEED) -> Built:
    """Write `size` skills, tools and docs under root (which must be empty or missing)."""
    rng = random.Random(f"{seed}:{size}")
    files: dict[str, str] = {}
    for i in range(size):
        name, text = skill_text(rng, i)
        files[f".claude/skills/{name}/SKILL.md"] = text
    for i in range(size):
        path, text = tool_text(rng, i)
        files[path] = text
    for i in range(size):
        path, text = doc_text(rng, i)
        files[path] = text
    total = 0
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total += len(data)
        if text.startswith("#!"):
            path.chmod(0o755)
    return Built(skills=size, tools=size, docs=size, files=len(files), bytes=total)


def intents(size: int, count: int = 5, seed: int = SEED) -> list[str]:
    """Intent phrases for `find`, worded like a user (not like a skill name), drawn from the same vocabulary."""
    rng = random.Random(f"{seed}:intents:{size}")
    phrases = []
    for _ in range(count):
        verb, area, thing, techs = _pick(rng, 0)
        phrases.append(f"I need to {verb} the {thing} on {rng.choice(techs)} {rng.choice(TRIGGERS)}")
    return phrases


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=int)
    parser.add_argument("target", type=Path)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    built = build(args.target, args.size, args.seed)
    print(f"{args.target}: {built.files:,} files, {built.bytes / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
