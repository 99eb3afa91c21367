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
        "database", "db", "sql", "psql", "postgres", "postgresql", "mysql", "mariadb", "rds",
        "sqlite", "mongo", "mongodb", "dynamodb", "redshift", "aurora", "query", "prisma",
        "schema", "pgbouncer", "supabase", "planetscale", "neon",
    ),
    "migrations": ("migration", "migrate", "alembic", "flyway", "liquibase", "schema drift"),
    "logs": ("log", "logging", "cloudwatch", "tail", "journalctl", "loki", "kibana", "papertrail"),
    "deploy": (
        "deploy", "deployment", "release", "ship", "rollout", "rollback", "publish", "sam",
        "helm", "argocd", "promote", "canary",
    ),
    "secrets": (
        "secret", "credential", "password", "vault", "token", "ssm parameter", "kms",
        "secrets manager", "api key", "1password", "sops",  # not "rotate": node groups and logs rotate too
    ),
    "monitoring": (
        "monitor", "monitoring", "metric", "alert", "alarm", "grafana", "prometheus",
        "datadog", "sentry", "uptime", "health check", "healthcheck", "observability",
        "pagerduty", "incident",
    ),
    "cloud": (
        "aws", "lambda", "ec2", "s3", "gcp", "gcloud", "azure", "cloudformation", "iam",
        "ecs", "fargate", "cloud run", "vpc",
    ),
    "infrastructure": (
        "infrastructure", "infra", "terraform", "pulumi", "cdk", "ansible", "provision",
        "kubernetes", "k8s", "kubectl", "docker", "container", "cluster", "nginx", "dns",
    ),
    "access": (
        "access", "ssh", "bastion", "vpn", "port forward", "port-forward", "tunnel", "login", "sso",
        "session manager", "kubeconfig",
    ),
    "backup": ("backup", "restore", "snapshot", "dump", "pg_dump"),
    "testing": ("test", "pytest", "jest", "vitest", "e2e", "playwright", "cypress", "coverage", "rspec", "minitest",
                "phpunit", "junit", "mocha", "unittest"),
    "build": ("build", "compile", "bundle", "webpack", "vite", "wheel"),
    "quality": ("lint", "linter", "formatter", "ruff", "eslint", "prettier", "typecheck", "mypy"),
    "ci": ("ci", "github actions", "workflow", "pipeline", "jenkins", "circleci", "gitlab ci"),
    "storage": ("storage", "bucket", "upload", "blob", "cdn", "cloudfront"),
    "data": ("etl", "seed", "fixture", "csv", "backfill"),
    # last, so it names an item's group only when nothing more specific does (`git push` in a deploy script)
    "git": ("commit", "pull request", "pr", "branch", "rebase", "cherry pick", "cherry-pick", "merge conflict",
            "code review", "git"),
}

# Words that signal their capability except next to these words (within UNLESS_WINDOW words), where
# they mean something else: visual snapshots are test fixtures, design tokens styles, a JSON schema no database.
UNLESS_WINDOW = 3
UNLESS: dict[str, tuple[str, ...]] = {
    "snapshot": ("visual", "screenshot", "jest", "playwright", "storybook", "regression", "percy", "chromatic",
                 "golden", "ui", "insta", "syrupy", "test", "review"),
    "dump": ("heap", "memory", "core", "thread", "stack"),
    "token": ("design", "tokenizer", "tokenize", "llm", "count", "css", "theme", "prompt"),
    "publish": ("event", "message", "topic", "pubsub", "sns", "kafka"),
    "schema": ("json", "jsonschema", "openapi", "graphql", "zod", "pydantic", "yaml", "xml"),
    "query": ("search", "graphql", "param", "string", "url", "react", "elasticsearch", "opensearch"),
    "pipeline": ("data", "ml", "model", "inference", "training", "etl"),
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
_ORDER = {capability: index for index, capability in enumerate(VOCABULARY)}
_CAMEL_PAIR = re.compile(r"[a-z0-9][A-Z]")  # where _CAMEL would split; a lookbehind at every place is slow


_UNSAID: frozenset[str] = frozenset()  # the repo's own name while its files are scanned: see own_name()


@contextlib.contextmanager
def own_name(name: str) -> Iterator[None]:
    """While scanning a repo, its own name signals nothing: in the sentry repo "sentry" is everywhere and says
    nothing about monitoring, in kubernetes "kubernetes" nothing about infrastructure."""
    global _UNSAID
    before = _UNSAID
    _UNSAID = frozenset(tokens(name))
    try:
        yield
    finally:
        _UNSAID = before


def vetoed(word: str, vetoes: frozenset[str] | set[str], said: list[str]) -> bool:
    """Every place `word` is said has one of `vetoes` within UNLESS_WINDOW words of it."""
    places = [i for i, w in enumerate(said) if w == word]
    return bool(places) and all(vetoes & set(said[max(0, i - UNLESS_WINDOW): i + UNLESS_WINDOW + 1])
                                for i in places)


def infer(*texts: str | None) -> list[str]:
    """Capabilities signalled by any of the texts, in vocabulary order."""
    text = " ".join(t for t in texts if t)
    if "://" in text:
        text = _URL.sub(" ", text)
    raw = _TOKEN.findall(text.lower())
    present = set(map(stem, set(raw)))  # each distinct word stemmed once
    if _CAMEL_PAIR.search(text):  # without a camelCase boundary the camel tokens are the same words
        present.update(camel_tokens(text))
    # look each word up, rather than intersecting every capability's vocabulary with the words
    found: set[str] = set()
    said: list[str] | None = None  # the stemmed words in order, for the UNLESS window
    for word in present:
        signals = _BY_STEM.get(word)
        if not signals or word in _UNSAID:
            continue
        vetoes = _UNLESS.get(word)
        if vetoes and vetoes & present:
            said = said if said is not None else list(map(stem, raw))
            if vetoed(word, vetoes, said):
                continue
        found.update(signals)
    joined = None
    for capability, phrases in _PHRASES.items():
        for needed, phrase in phrases:
            if capability in found or not needed <= present:
                continue  # a phrase can only be there when all its words are
            joined = joined or " " + " ".join(map(stem, raw)) + " "
            if phrase in joined:
                found.add(capability)
    return sorted(found, key=_ORDER.__getitem__)
