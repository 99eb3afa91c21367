"""Capability tags (database, logs, deploy, ...) inferred from an item's words."""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterator

# Each capability lists word stems (after tokenising and light stemming) and phrases that signal it.
# Keep words specific: a generic word such as "run" or "data" would tag everything.
VOCABULARY: dict[str, tuple[str, ...]] = {
    "database": (
        "database",
        "db",
        "sql",
        "psql",
        "postgres",
        "postgresql",
        "mysql",
        "mariadb",
        "rds",
        "sqlite",
        "mongo",
        "mongodb",
        "dynamodb",
        "redshift",
        "aurora",
        "prisma",  # not "query": Loki, PromQL too
        "schema",
        "pgbouncer",
        "supabase",
        "planetscale",
        "neon",
    ),
    "migrations": ("migration", "migrate", "alembic", "flyway", "liquibase", "schema drift", "drizzle kit"),
    "logs": ("log", "logging", "cloudwatch", "tail", "journalctl", "loki", "kibana", "papertrail"),
    "deploy": (
        "deploy",
        "deployment",
        "release",
        "ship",
        "rollout",
        "rollback",
        "publish",
        "sam",
        "helm",
        "argocd",
        "promote",
        "canary",
        "flux",
        "kustomization",
        "reconcile",
        "gitops",
    ),
    "secrets": (
        "secret",
        "credential",
        "password",
        "vault",
        "token",
        "ssm parameter",
        "kms",
        "secrets manager",
        "api key",
        "1password",
        "sops",
        "encryption key",
        "kek",  # not "rotate": node groups and logs rotate too
    ),
    "monitoring": (
        "monitor",
        "monitoring",
        "metric",
        "alert",
        "alarm",
        "grafana",
        "prometheus",
        "datadog",
        "sentry",
        "uptime",
        "health check",
        "healthcheck",
        "observability",
        "pagerduty",
        "incident",
    ),
    "cloud": (
        "aws",
        "lambda",
        "ec2",
        "s3",
        "gcp",
        "gcloud",
        "azure",
        "cloudformation",
        "iam",
        "ecs",
        "ecr",
        "fargate",
        "cloud run",
        "vpc",
        "google cloud",
    ),
    "infrastructure": (
        "docker compose",
        "infrastructure",
        "infra",
        "terraform",
        "terragrunt",
        "opentofu",
        "pulumi",
        "cdk",
        "ansible",
        "provision",
        "bicep",
        "talos",
        "talosctl",
        "kubernetes",
        "k8s",
        "kubectl",
        "docker",
        "container",
        "cluster",
        "nginx",
        "dns",
        # networking is infrastructure too: a BGP runbook or a Cilium policy skill is about the cluster's network
        "bgp",
        "load balancer",
        "loadbalancer",
        "cilium",
        "network policy",
        "firewall",
        "kustomize",
        "power off",
        "power on",  # machines
    ),
    "access": (
        "access",
        "ssh",
        "bastion",
        "vpn",
        "port forward",
        "port-forward",
        "tunnel",
        "login",
        "sso",
        "session manager",
        "kubeconfig",
    ),
    "backup": ("backup", "restore", "snapshot", "dump", "pg_dump", "velero", "disaster recovery"),
    "testing": (
        "test",
        "pytest",
        "jest",
        "vitest",
        "e2e",
        "playwright",
        "cypress",
        "coverage",
        "rspec",
        "minitest",
        "phpunit",
        "junit",
        "mocha",
        "unittest",
    ),
    "build": ("build", "compile", "bundle", "webpack", "vite", "wheel"),
    "quality": (
        "lint",
        "linter",
        "formatter",
        "ruff",
        "eslint",
        "prettier",
        "typecheck",
        "mypy",
        "fmt",
        "gofmt",
        "biome",
        "oxlint",
        "golangci",
        "rubocop",
        "credo",
        "clippy",
        "shellcheck",
        "yamllint",
        "hadolint",
        "format code",
        "auto format",
        "kubeconform",
    ),
    "ci": ("ci", "github actions", "workflow", "pipeline", "jenkins", "circleci", "gitlab ci"),
    "storage": (
        "storage",
        "bucket",
        "upload",
        "blob",
        "cdn",
        "cloudfront",
        "pvc",
        "persistent volume",
        "minio",
        "seaweedfs",
        "ceph",
        "longhorn",
    ),  # object stores and volume systems by name
    "data": ("etl", "seed", "fixture", "csv", "backfill", "test data", "sample data", "demo data"),
    # last, so it names an item's group only when nothing more specific does (`git push` in a deploy script)
    "git": (
        "commit",
        "pull request",
        "pr",
        "branch",
        "rebase",
        "cherry pick",
        "cherry-pick",
        "merge conflict",
        "code review",
        "git",
    ),
}

# Words that say where an item works rather than what it does: they signal only in its name.
# The capabilities of running a system rather than writing code: an ops doc says one (scan.docs), and the
# prompt hint trusts a match that shares one at a lower evidence (hooks.OPERATIONS adds storage, data, quality)
OPERATIONAL = frozenset(
    {
        "database",
        "migrations",
        "logs",
        "deploy",
        "secrets",
        "monitoring",
        "cloud",
        "infrastructure",
        "access",
        "backup",
        "ci",
    }
)

CONTEXT = (
    "cluster",
    "container",
    "docker",
    "kubernetes",
    "k8s",
    "commit",
    "branch",
    "git",
    "aws",
    "pr",
    "workflow",
    "infra",
)  # "multi-agent workflow": a GitHub workflow says so in its name

# Words that signal their capability except next to these words (within UNLESS_WINDOW words), where
# they mean something else: visual snapshots are test fixtures, design tokens styles, a JSON schema no database.
UNLESS_WINDOW = 3
_MOVES = (
    "bgp",
    "dns",
    "network",
    "storage",
    "object",
    "provider",
    "region",
    "account",
    "repo",
    "repository",
    "code",
    "codebase",
    "framework",
    "config",
    "kek",
    "key",
    "state",
    "rust",
    "language",
    "typescript",
    "ipv6",
    "ip",
    "loadbalancer",
    "l2",
    "vlan",
    "raid",
    "cloud",
    "platform",
    "domain",
    "email",
    "auth",
    "node",
    "cluster",
)
UNLESS: dict[str, tuple[str, ...]] = {
    "snapshot": (
        "visual",
        "screenshot",
        "jest",
        "playwright",
        "storybook",
        "regression",
        "percy",
        "chromatic",
        "golden",
        "ui",
        "insta",
        "syrupy",
        "test",
        "review",
    ),
    "dump": ("heap", "memory", "core", "thread", "stack"),
    "test": ("data",),  # "populate test data" is data
    "helm": ("chart", "charts", "lint", "template", "values"),  # reviewing a chart deploys nothing
    "database": ("geoip", "maxmind", "vulnerability", "advisory", "cve", "font", "timezone", "tz", "mime"),
    "token": ("design", "tokenizer", "tokenize", "llm", "count", "css", "theme", "prompt", "generate", "app"),
    "publish": ("event", "message", "topic", "pubsub", "sns", "kafka"),
    "schema": ("json", "jsonschema", "openapi", "graphql", "zod", "pydantic", "yaml", "xml"),
    "query": ("search", "graphql", "param", "string", "url", "react", "elasticsearch", "opensearch"),
    "pipeline": ("data", "ml", "model", "inference", "training", "etl"),
    "migration": _MOVES,  # a schema migration, not a move of BGP, DNS, storage or a codebase
    "migrate": _MOVES,
    "restore": (
        "dotnet",
        "nuget",
        "package",
        "packages",
        "npm",
        "dependencies",
        "deps",
        "tool",
        "tools",
        "paket",
        "cache",
        "msbuild",
    ),  # `dotnet restore` fetches packages
    "release": ("note", "notes", "log", "changelog", "configuration", "mode", "drafter"),
    "log": ("release", "change", "changelog", "git", "commit", "decision", "work", "dev", "progress"),
}

_TOKEN = re.compile(r"[a-z0-9]+")
_URL = re.compile(r"\b(?:https?|git|ssh)://\S+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SUFFIXES = ("ing", "ed", "es", "s")


@functools.lru_cache(maxsize=1 << 16)  # words repeat across a repo; stemming them once is enough
def stem(word: str) -> str:
    """A deliberately light stemmer: deploys/deploying/deployed -> deploy, queries -> query."""
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if suffix == "es" and not base.endswith(("s", "x", "z", "ch", "sh")):
                return word[:-1]
            return base
    return word


def tokens(text: str) -> list[str]:
    """Lowercase, split snake_case/kebab-case/paths, and stem."""
    return list(map(stem, _TOKEN.findall(text.lower())))


def camel_tokens(text: str) -> list[str]:
    """Tokens of camelCase parts too: "CloudWatch" gives cloud, watch (tokens() gives cloudwatch)."""
    return tokens(_CAMEL.sub(" ", text))


def _compile() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[tuple[frozenset[str], str], ...]]]:
    """(stem -> the capabilities it signals, capability -> its phrases as (their words, " the words ")),
    both in vocabulary order."""
    by_stem: dict[str, tuple[str, ...]] = {}
    phrases: dict[str, tuple[tuple[frozenset[str], str], ...]] = {}
    for capability, words in VOCABULARY.items():
        for word in words:
            signals = by_stem.get(stem(word), ())
            if len(tokens(word)) == 1 and capability not in signals:
                by_stem[stem(word)] = (*signals, capability)
        found = tuple((frozenset(tokens(w)), f" {' '.join(tokens(w))} ") for w in words if len(tokens(w)) > 1)
        if found:
            phrases[capability] = found
    return by_stem, phrases


_BY_STEM, _PHRASES = _compile()
_UNLESS = {stem(word): frozenset(map(stem, others)) for word, others in UNLESS.items()}
_CONTEXT = frozenset(map(stem, CONTEXT))
_ORDER = {capability: index for index, capability in enumerate(VOCABULARY)}
_CAMEL_PAIR = re.compile(r"[a-z0-9][A-Z]")  # where _CAMEL would split; a lookbehind at every place is slow


_UNSAID: frozenset[str] = frozenset()  # the repo's own name while its files are scanned: see own_name()
_NAMES_A_CAPABILITY = frozenset(stem(word) for capability in VOCABULARY for word in (capability, *tokens(capability)))


@contextlib.contextmanager
def own_name(name: str) -> Iterator[None]:
    """While scanning a repo, its own name signals nothing: in the sentry repo "sentry" is everywhere and says
    nothing about monitoring, in kubernetes "kubernetes" nothing about infrastructure."""
    global _UNSAID
    before = _UNSAID
    # a repo named for a capability itself ("infrastructure", "deploy-tools") is about it: its files still say so
    _UNSAID = frozenset(tokens(name)) - _NAMES_A_CAPABILITY
    try:
        yield
    finally:
        _UNSAID = before


def vetoed(word: str, vetoes: frozenset[str] | set[str], said: list[str]) -> bool:
    """Every place `word` is said has one of `vetoes` within UNLESS_WINDOW words of it."""
    places = [i for i, w in enumerate(said) if w == word]
    return bool(places) and all(vetoes & set(said[max(0, i - UNLESS_WINDOW) : i + UNLESS_WINDOW + 1]) for i in places)


def infer(*texts: str | None) -> list[str]:
    """Capabilities signalled by any of the texts, in vocabulary order."""
    return sorted(_signals(" ".join(t for t in texts if t)), key=_ORDER.__getitem__)


def infer_fields(
    strong: tuple[str | None, ...], weak: tuple[str | None, ...] = (), names: tuple[str | None, ...] = ()
) -> list[str]:
    """Capabilities an item is about: any its `names` signal; those its `strong` texts (title, the first sentence
    of its description, its own desc) signal with more than a context word (CONTEXT: in a Kubernetes repo every
    sentence says "cluster"); and, only when those say nothing, those its strong and `weak` texts (the rest of the
    description, headings, commands, workflow steps) say at least CORROBORATE times: one passing word in a body is
    not what it does."""
    sense: set[str] = set()  # words the name or title gave another sense (a BGP migration): so in the body too
    found = set(_signals(" ".join(t for t in names if t), dropped=sense))
    lead = said_of(" ".join(t for t in strong if t))
    found.update(_signals(lead, skip=_CONTEXT, dropped=sense))
    if not found:  # the body speaks only where the name and lead say nothing: a secrets skill that mentions its
        # Terragrunt module twice is no infrastructure skill, a deploy workflow that migrates no database one
        body = _signals(lead + " " + said_of(" ".join(t for t in weak if t)), skip=_CONTEXT | sense)
        said = sorted((c for c, n in body.items() if n >= CORROBORATE), key=lambda c: (-body[c], _ORDER[c]))
        found.update(said[:MAX_FROM_BODY])  # a pipeline's steps touch everything; it is about what it says most
    if "migrations" in found:  # a migration that no veto gave another sense is a schema migration: database work
        found.add("database")
    return sorted(found, key=_ORDER.__getitem__)


# Names of variables ($SENTRY_IMAGE, LINEAR_API_KEY) say what a text configures, not what it does; the folders of a
# path (deploy/docker/compose.yml, ./sentry) say where a file lives. Both are left out of descriptions and commands.
_VARIABLE = re.compile(r"\$\{?\w+\}?|\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")
_FOLDERS = re.compile(  # ./x, /x/y, a/b/c or a/b.ext: not "CI/CD" or "and/or"
    r"(?<![\w/.-])(?:(?:\.{1,2}/|/)(?:[\w.-]+/)*|(?:[\w.-]+/){2,}|(?:[\w.-]+/)+(?=[\w-]+\.[a-z]{1,5}\b))(?=[\w.-])"
)


def said_of(text: str) -> str:
    """The text without variable names and with each path cut to its file name."""
    if "$" in text or "_" in text:
        text = _VARIABLE.sub(" ", text)
    return _FOLDERS.sub("", text) if "/" in text else text


CORROBORATE = 2
MAX_FROM_BODY = 2
TRIGGER_WORDS = 20
_FIRST_SENTENCE = re.compile(r"(?<=[.!?:])\s+(?=[A-Z`*(\[])|\n\s*\n")


def of_item(name: str | None, description: str | None, *weak: str | None) -> list[str]:
    """An item's capabilities: its name and the first sentence of its description say what it does; the rest of
    the description and `weak` (when-to-use, commands, headings, steps) only when they say it twice."""
    lead, _, rest = _split(description or "")
    trigger = _TRIGGER.search(rest)  # "Use when ..." says what it is for, as Claude Code reads it
    if trigger:  # its first TRIGGER_WORDS words: "Use when: (1) ... (2) ..." lists every case it touches
        said, _, more = _split(rest[trigger.start() :])
        words = said.split()
        said, more = " ".join(words[:TRIGGER_WORDS]), " ".join(words[TRIGGER_WORDS:]) + " " + more
        lead, rest = f"{lead} {said}", rest[: trigger.start()] + " " + more
    return infer_fields((lead,), (rest, *weak), names=(name,))


_TRIGGER = re.compile(r"\b(?:use|used|invoke|trigger) (?:this )?(?:skill )?(?:when|for|to)\b", re.IGNORECASE)


def _split(text: str) -> tuple[str, str, str]:
    parts = _FIRST_SENTENCE.split(text.strip(), 1)
    return parts[0], "", parts[1] if len(parts) > 1 else ""


def _signals(
    text: str, skip: frozenset[str] | set[str] = frozenset(), dropped: set[str] | None = None
) -> dict[str, int]:
    """capability -> how many times the text signals it (each place a word or phrase of it is said); the words
    an UNLESS neighbour vetoed are added to `dropped`."""
    if "://" in text:
        text = _URL.sub(" ", text)
    raw = _TOKEN.findall(text.lower())
    if not raw:
        return {}
    present = set(map(stem, set(raw)))  # each distinct word stemmed once
    if _CAMEL_PAIR.search(text):  # without a camelCase boundary the camel tokens are the same words
        present.update(camel_tokens(text))
    counts: dict[str, int] | None = None  # stem -> times said, only counted when a signal is there
    # look each word up, rather than intersecting every capability's vocabulary with the words
    found: dict[str, int] = {}
    said: list[str] | None = None  # the stemmed words in order, for the UNLESS window
    for word in present:
        signals = _BY_STEM.get(word)
        if not signals or word in _UNSAID or word in skip:
            continue
        vetoes = _UNLESS.get(word)
        if vetoes and vetoes & present:
            said = said if said is not None else list(map(stem, raw))
            if vetoed(word, vetoes, said):
                if dropped is not None:
                    dropped.add(word)
                continue
        if counts is None:
            counts = {}
            for w in map(stem, raw):
                counts[w] = counts.get(w, 0) + 1
        for capability in signals:
            found[capability] = found.get(capability, 0) + max(1, counts.get(word, 0))
    joined = None
    for capability, phrases in _PHRASES.items():
        for needed, phrase in phrases:
            if not needed <= present:
                continue  # a phrase can only be there when all its words are
            joined = joined or " " + " ".join(map(stem, raw)) + " "
            if phrase in joined:
                found[capability] = found.get(capability, 0) + joined.count(phrase)
    return found


def first_said(text: str) -> list[str]:
    """The capabilities the text's words signal, in the order it first says them (no phrases, no vetoes): which
    one a sentence leads with ("validation (lint, Helm charts...)" is about linting before Helm)."""
    order: list[str] = []
    for word in map(stem, _TOKEN.findall(text.lower())):
        if word in _UNSAID or word in _CONTEXT:
            continue
        for capability in _BY_STEM.get(word, ()):
            if capability not in order:
                order.append(capability)
    return order
