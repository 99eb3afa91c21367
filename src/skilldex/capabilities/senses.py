"""Where a word means something else: context words that say where an item works, and neighbours that veto a sense."""

from __future__ import annotations

# Words that say where an item works rather than what it does: they signal only in its name.
CONTEXT = (
    "cluster",
    "container",
    "docker",
    "kubernetes",
    "k8s",
    "pod",
    "commit",
    "branch",
    "git",
    "aws",
    "pr",
    "infra",
)

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
    "oidc",
    "sso",
    "identity",
    "authentication",
)
UNLESS: dict[str, tuple[str, ...]] = {
    "cloud": ("native", "spring"),  # "cloud native" (CloudNative-PG) a style of software, Spring Cloud a framework
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
    "dump": ("heap", "memory", "core", "thread", "stack", "schema", "version", "config", "env"),  # copies no data
    "test": ("data", "prod", "email", "emails"),  # "populate test data" is data; "test / prod emails" an environment
    # building a feature, a view or a page is writing code, no artefact; "Build, refactor, and troubleshoot X" too
    "build": ("refactor", "feature", "features", "view", "views", "component", "components", "page", "pages"),
    "helm": ("chart", "charts", "lint", "template", "values"),  # reviewing a chart deploys nothing
    "database": ("geoip", "maxmind", "vulnerability", "advisory", "cve", "font", "timezone", "tz", "mime"),
    "token": ("design", "tokenizer", "tokenize", "llm", "count", "css", "theme", "prompt", "generate", "app"),
    "publish": ("event", "message", "topic", "pubsub", "sns", "kafka"),
    "schema": (
        "json",
        "jsonschema",
        "openapi",
        "graphql",
        "zod",
        "pydantic",
        "yaml",
        "xml",
        "kubernetes",
        "k8s",
        "crd",
    ),
    "query": ("search", "graphql", "param", "string", "url", "react", "elasticsearch", "opensearch"),
    "pipeline": ("data", "ml", "model", "inference", "training", "etl", "release"),  # a release pipeline deploys
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
    "reconcile": ("jira", "issue", "status", "account", "invoice", "payment", "ledger"),  # records, not a cluster
    "commit": ("pre",),  # pre-commit hooks lint
    "bundle": ("exec", "gem", "gemfile", "bundler", "install"),  # Ruby's Bundler runs gems, it bundles no assets
    "password": ("reset",),  # resetting a user's password is access: they sign in with it
    "log": ("release", "change", "changelog", "git", "commit", "decision", "work", "dev", "progress"),
}
