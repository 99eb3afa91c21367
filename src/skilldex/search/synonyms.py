"""How people ask versus how tooling is written: stopwords, abbreviations and groups of related infrastructure words.

A group is a set of words that name the same thing in an intent ("db", "postgres", "rds"). Matching a
group-mate counts less than matching the word itself. An abbreviation ("prod", "k8s") is the word itself,
spelled short: its long form counts in full. Keep both about meaning, never about one repo.
"""

from __future__ import annotations

import re

from skilldex.capabilities import stem

GROUPS: tuple[tuple[str, ...], ...] = (
    ("database", "db", "sql", "postgres", "postgresql", "pg", "psql", "rds", "mysql", "aurora", "mariadb"),
    ("column", "schema", "ddl", "alter", "table", "field"),
    ("migration", "migrate", "schema", "alembic", "flyway", "prisma"),
    ("query", "sql", "select", "statement"),
    ("log", "logs", "logging", "cloudwatch", "tail", "journalctl", "loki", "stdout"),
    ("deploy", "deployment", "release", "ship", "rollout", "publish", "promote", "push"),
    ("rollback", "revert", "undo", "downgrade", "down"),
    ("kubernetes", "k8s", "kubectl", "cluster", "pod", "helm", "namespace"),
    ("production", "prod", "live"),
    ("staging", "stage", "preprod", "uat"),
    ("environment", "env", "stage"),
    ("secret", "credential", "password", "token", "vault", "apikey", "key", "ssm"),
    ("backup", "snapshot", "dump", "export"),
    ("restore", "recover", "import", "load"),
    ("test", "spec", "pytest", "jest", "vitest", "e2e", "suite", "rspec", "minitest", "phpunit", "junit", "mocha"),
    ("lint", "linter", "format", "formatter", "style", "prettier", "eslint", "ruff"),
    ("connect", "ssh", "bastion", "tunnel", "forward", "shell", "console", "access"),
    ("build", "compile", "bundle", "package"),
    ("config", "configuration", "setting", "settings"),
    ("user", "account", "member"),
    ("permission", "access", "role", "iam", "rbac", "grant", "policy"),
    ("error", "exception", "crash", "failure", "fail", "bug", "incident"),
    ("monitor", "metric", "alert", "alarm", "dashboard", "grafana", "prometheus", "datadog", "health"),
    ("cache", "redis", "memcached"),
    ("queue", "sqs", "kafka", "rabbitmq", "worker", "job"),
    ("bucket", "s3", "storage", "blob", "gcs", "upload"),
    ("dns", "domain", "route53", "hostname"),
    ("certificate", "cert", "tls", "ssl", "https"),
    ("seed", "fixture", "sample", "demo"),
    ("docs", "documentation", "runbook", "guide", "readme", "playbook", "manpage"),
    ("delete", "remove", "drop", "purge", "clean", "cleanup", "prune", "wipe", "nuke", "destroy"),
    ("add", "create", "new", "insert", "generate", "scaffold"),
    ("list", "show", "view", "inspect", "status", "describe", "get"),
    ("check", "verify", "validate", "audit", "lint"),
    ("upgrade", "update", "bump", "patch"),
    ("lambda", "function", "serverless", "faas"),
    ("ci", "pipeline", "workflow", "actions", "jenkins"),
    ("container", "docker", "image", "compose"),
    ("server", "host", "instance", "ec2", "vm", "machine", "node"),
    ("infrastructure", "infra", "terraform", "pulumi", "cdk", "cloudformation", "provision"),
    ("start", "run", "launch", "boot", "up", "serve"),
    ("stop", "kill", "halt", "down", "shutdown"),
    ("restart", "reboot", "reload", "bounce"),
    ("email", "mail", "smtp", "ses", "notification"),
    ("payment", "billing", "invoice", "stripe", "charge"),
    ("auth", "authentication", "login", "sso", "oauth", "signin"),
    ("mfa", "2fa", "totp", "otp", "authenticator"),
    ("url", "urls", "link", "links", "href", "uri"),
    ("schedule", "cron", "timer", "periodic", "nightly"),
    ("report", "summary", "stats", "statistics", "analytics"),
    ("translate", "translation", "i18n", "locale", "localization"),
    ("image", "screenshot", "snapshot", "visual"),
    ("retry", "rerun", "requeue", "replay", "resubmit", "again", "reprocess"),
    ("flag", "toggle", "feature", "switch"),
    ("enable", "activate", "on", "unpause", "resume"),
    ("disable", "deactivate", "off", "pause", "suspend"),
    ("spam", "junk", "abuse"),
    ("changelog", "notes", "release"),
    ("gui", "ui", "studio", "browser", "web"),
    ("count", "rows", "size", "volume", "total"),
    ("terminal", "shell", "console", "session", "exec", "ssm", "repl"),
    ("admin", "privilege", "rights", "superuser", "root", "permission", "allowed"),
    ("credential", "sso", "login", "auth", "profile"),
    ("impersonate", "masquerade", "become", "sudo"),
    ("export", "download", "extract", "copy", "dump"),
    ("personal", "pii", "gdpr", "privacy", "sar"),
    ("rollback", "restore", "pitr", "recover"),
    ("typescript", "ts", "tsc", "types", "typecheck", "type"),
    ("subscription", "plan", "membership", "renewal", "recurring"),
    ("cancel", "terminate", "end", "unsubscribe", "close"),
    ("sign", "signature", "hmac", "digest", "hash"),
    ("render", "template", "manifest", "yaml", "kustomize", "helm"),
    ("diff", "compare", "drift", "changes"),
    ("cost", "bill", "spend", "spending", "budget", "expense"),
    ("local", "laptop", "localhost"),
    ("copy", "replicate", "clone", "duplicate"),
    ("minimum", "oldest", "lowest", "min"),
)

# Short forms people type and the words tooling spells out; a match on either counts as the word itself.
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "prod": ("production",),
    "db": ("database",),
    "dbs": ("databases",),
    "k8s": ("kubernetes",),
    "env": ("environment",),
    "envs": ("environments",),
    "creds": ("credentials", "credential"),
    "cred": ("credential",),
    "pr": ("pull request",),
    "prs": ("pull requests",),
    "ci": ("continuous integration",),
    "cd": ("continuous deployment", "continuous delivery"),
    "repo": ("repository",),
    "repos": ("repositories",),
    "cfg": ("config", "configuration"),
    "conf": ("config", "configuration"),
    "config": ("configuration",),
    "perms": ("permissions",),
    "deps": ("dependencies",),
    "dep": ("dependency",),
    "infra": ("infrastructure",),
    "tf": ("terraform",),
    "pg": ("postgres", "postgresql"),
    "gh": ("github",),
    "dev": ("development",),
    "docs": ("documentation",),
    "doc": ("documentation",),
    "admin": ("administrator", "administration"),
    "auth": ("authentication",),
    "msg": ("message",),
    "msgs": ("messages",),
    "stg": ("staging",),
    "img": ("image",),
    "certs": ("certificates",),
    "cert": ("certificate",),
    "vm": ("virtual machine",),
    "ts": ("typescript",),
    "js": ("javascript",),
    "py": ("python",),
    "ns": ("namespace",),
    "svc": ("service",),
    "pw": ("password",),
    "pwd": ("password",),
    "dns": ("domain name",),
    "iac": ("infrastructure as code",),
    "tls": ("ssl",),
    "es": ("elasticsearch",),
    "ch": ("clickhouse",),
    "mongo": ("mongodb",),
    "gcp": ("google cloud",),
    "gen": ("generate",),
    "vars": ("variables",),
    "brew": ("homebrew",),
    "var": ("variable",),
}
_LONG: dict[str, set[str]] = {}
for _short, _longs in ABBREVIATIONS.items():
    for _long in _longs:
        _LONG.setdefault(_long, set()).add(_short)


def expansions(word: str) -> set[str]:
    """The other spellings of a word that count as the word itself: prod -> production, production -> prod."""
    word = word.lower()
    return set(ABBREVIATIONS.get(word, ())) | _LONG.get(word, set())


# Words about editing code rather than about what a repo's tooling does: "add a unit test for the parser"
# matches a repo's test scripts on these alone. They rank as usual but weigh little in a hint's confidence.
CODE_WORDS = frozenset(
    """
    test tests testing unit spec case cases function functions method methods class classes variable variables
    file files code line lines comment comments docstring type types typing hint hints name names rename value
    values string strings list lists array item items empty loop error errors message messages bug bugs fix
    fixes button buttons page pages component components css style styles text field fields form forms
    input output return returns argument arguments parameter parameters flag option options default helper
    helpers module modules import imports refactor cleanup clean simplify readable small big new old add adds
    remove change changes update write read make explain why what better wrong right show title number
    numbers counter date time timezone format icon modal dialog menu link links color colour dark light mode
    mobile screen view views render state click sort order filter parse parser
    """.split()  # noqa: SIM905  (a word list reads better as text)
)


# Multi-word expressions people type, rewritten to one word before matching.
PHRASES: tuple[tuple[str, str], ...] = (
    ("roll back", "rollback"),
    ("roll out", "rollout"),
    ("turn on", "enable"),
    ("turn off", "disable"),
    ("switch on", "enable"),
    ("switch off", "disable"),
    ("log in", "login"),
    ("sign in", "login"),
    ("set up", "setup"),
    ("spin up", "start"),
    ("tear down", "destroy"),
    ("blew up", "failed"),
    ("blow up", "failed"),
    ("release notes", "changelog"),
    # a verb and its particle: "back up the database" is a backup, not "back" and "up" (= start)
    ("back up", "backup"),
    ("stand up", "create"),
    ("bring up", "start"),
    ("bring down", "stop"),
    ("shut down", "shutdown"),
    ("clean up", "cleanup"),
    ("blow away", "destroy"),
    ("mess up", "break"),
    ("go up", "increase"),
    ("man pages", "manpages"),
    ("man page", "manpage"),
    ("by hand", "manually"),
    ("side by side", "compare"),
    # a second factor is one thing, however it is written ("two-factor authentication" is no "two" and "factor")
    ("two-factor authentication", "mfa"),
    ("two factor authentication", "mfa"),
    ("multi-factor authentication", "mfa"),
    ("two-factor", "mfa"),
    ("two factor", "mfa"),
    ("multi-factor", "mfa"),
)
# (Only phrases whose words mean little alone: "dead letter" or "dry run" stay as written, as files write them.)


_ADDRESS = re.compile(r"\bhttps?://\S+")


def rewrite(text: str) -> str:
    """Lowercased text with PHRASES replaced by their one-word form, and a web address by the word `url`
    (what tooling that changes addresses says: "we moved from http://old.example.com to ...")."""
    text = " " + " ".join(_ADDRESS.sub("url", text.lower()).split()) + " "
    for phrase, word in PHRASES:
        text = text.replace(f" {phrase} ", f" {word} ")
    return text.strip()


STOPWORDS = frozenset(
    """
    a an the and or but if then so of to in on at by for with from into onto over under about as is are was
    were be been being am do does did doing done have has had having i me my we us our you your he she it its
    they them their this that these those there here what which who whom whose when where why how can could
    should would will shall may might must need needs needed want wants wanted like please help let lets get
    got make some any all each every no not only just also too very really still again now way thing things
    something anything somebody someone one ones there's i'm i've it's don't can't won't how's what's thats
    hey hi ok tool tools script scripts command commands skill skills use using used existing already is there
    """.split()  # noqa: SIM905  (a word list reads better as text)
)


def _index() -> dict[str, set[str]]:
    """stemmed word -> stemmed group-mates (a word may sit in several groups)."""
    index: dict[str, set[str]] = {}
    for group in GROUPS:
        stems = {stem(w) for w in group}
        for word in stems:
            index.setdefault(word, set()).update(stems - {word})
    return index


_MATES = _index()


def again(word: str) -> str | None:
    """The verb a re- word repeats, when only that verb is known: regenerate -> generate, rebuild -> build
    (never restart, restore or release, which are words of their own)."""
    word = word.lower()
    if len(word) < 6 or not word.startswith("re") or stem(word) in _MATES or word in ABBREVIATIONS:
        return None
    return word[2:] if stem(word[2:]) in _MATES or word[2:] in ABBREVIATIONS or word[2:] in _LONG else None


def mates(word: str) -> set[str]:
    """The group-mates of a (stemmed) word; empty when it belongs to no group."""
    return _MATES.get(stem(word), set())
