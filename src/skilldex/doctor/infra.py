"""Infrastructure drift (SKD612, SKD613): resources a doc says are gone, hosts nothing else mentions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from skilldex.doctor.repo import Document, RepoContext
from skilldex.models import Finding, Severity
from skilldex.oneline import clip
from skilldex.rules import doctor as rules

RETIRED = re.compile(
    r"(?<![\w-])(?:terminated|decommissioned|retired|deleted|removed|destroyed|torn down|shut down|turned off|"
    r"switched off|sunset|no longer (?:exists?|used|in use|running|available|active)|"
    r"does(?:n't| not) exist any ?more|(?:is|are) gone|went away)\b",
    re.IGNORECASE,
)
# Words that say outright a resource was retired; "removed", "deleted" or "gone" also speak of files and rows.
EXPLICIT = re.compile(
    r"(?<![\w-])(?:terminated|decommissioned|retired|destroyed|torn down|shut down|sunset(?:ted)?|"
    r"deprovisioned)\b",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
_STATUS_MARKS = re.compile("[\u2705\u274c\u2714\u2716\u2713\u2717\u26a0\U0001f534\U0001f7e2\U0001f7e1]")
_FILE_NAME = re.compile(
    r"\.(?:md|mdx|txt|json|ya?ml|toml|py|sh|js|ts|tsx|go|rb|lock|cfg|ini|html|csv|env|sql)$", re.IGNORECASE
)
_NOT_YET = re.compile(
    r"\b(?:not|never|will|to be|should|would|plan(?:ned)? to|going to|soon|if|unless)\b", re.IGNORECASE
)
RESOURCE_NOUNS = re.compile(
    r"\b(?:instances?|hosts?|servers?|clusters?|databases?|db|buckets?|queues?|vms?|machines?|nodes?|boxe?s?|"
    r"services?|stacks?|lambdas?|functions?|environments?|endpoints?|domains?|droplets?|containers?|ec2|rds|"
    r"bastions?|load balancers?|elb|alb|vpcs?|subnets?|dns)\b",
    re.IGNORECASE,
)
# Lines that speak of the past describe history, not a current use.
PAST = re.compile(r"\b(?:was|were|had|previously|formerly|used to|until|old|legacy|no longer|before)\b", re.IGNORECASE)
_SPAN = re.compile(r"`([^`\s]+)`|\*\*([^*\s]+)\*\*")
_SHAPE = re.compile(r"^[A-Za-z0-9][\w.-]*[A-Za-z0-9]$")
TLDS = "com|net|org|io|dev|app|ai|co|cloud|internal|local|lan|corp|intra|info|biz|tech|site|us|uk|eu|ca|au"
# Three labels at least (`api.example.com`): two-label names are more often files (`requirements.in`).
HOSTNAME = re.compile(rf"(?<![\w@.-])((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.){{2,}}(?:{TLDS}))(?![\w-])")
_SSH_TARGET = re.compile(r"\b(?:ssh|scp|rsync|mosh|sftp)\b.*?\b[\w.-]+@([a-z0-9][\w.-]*[a-z0-9])")
PUBLIC_DOMAINS = frozenset(
    {
        "github.com",
        "githubusercontent.com",
        "github.io",
        "gitlab.com",
        "bitbucket.org",
        "docker.io",
        "docker.com",
        "ghcr.io",
        "gcr.io",
        "quay.io",
        "pypi.org",
        "pythonhosted.org",
        "python.org",
        "npmjs.org",
        "npmjs.com",
        "yarnpkg.com",
        "nodejs.org",
        "google.com",
        "googleapis.com",
        "gstatic.com",
        "microsoft.com",
        "azure.com",
        "windows.net",
        "amazon.com",
        "cloudflare.com",
        "anthropic.com",
        "claude.ai",
        "claude.com",
        "slack.com",
        "sentry.io",
        "sentry.dev",
        "codecov.io",
        "shields.io",
        "readthedocs.io",
        "example.com",
        "example.org",
        "example.net",
        "letsencrypt.org",
        "ubuntu.com",
        "debian.org",
        "alpinelinux.org",
        "rust-lang.org",
        "crates.io",
        "rubygems.org",
        "golang.org",
        "go.dev",
        "hashicorp.com",
        "terraform.io",
        "kubernetes.io",
        "k8s.io",
        "helm.sh",
        "apple.com",
        "mozilla.org",
        "w3.org",
        "schemastore.org",
        "atlassian.net",
        "linear.app",
        "vercel.app",
        "netlify.app",
        "herokuapp.com",
        "astral.sh",
        "nodesource.com",
        "digicert.com",
        "sectigo.com",
        "symantec.com",
        "globalsign.com",
        "entrust.net",
        "godaddy.com",
        "usertrust.com",
        "comodoca.com",
        "postgresql.org",
        "mysql.com",
        "launchpad.net",
        "fedoraproject.org",
        "centos.org",
        "elastic.co",
        "grafana.com",
        "opentofu.org",
        "nixos.org",
        "cachix.org",
        "brew.sh",
    }
)
MAX_HOSTS_PER_LINE = 3  # a line naming more hosts is an allow-list or a mirror list, not a deploy target
CORPUS_FILE_BYTES = 512 * 1024
CORPUS_BUDGET_BYTES = 64 * 1024 * 1024
_BINARY_EXTENSIONS = (
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".ico",
    ".pdf",
    ".zip",
    ".gz",
    ".tgz",
    ".jar",
    ".woff",
    ".woff2",
    ".ttf",
    ".otf",
    ".mp4",
    ".mp3",
    ".webp",
    ".so",
    ".dylib",
    ".exe",
    ".pyc",
    ".lock",
)


@dataclass(frozen=True)
class Statement:
    """A sentence saying a resource is gone."""

    token: str
    path: str
    line: int
    sentence: str
    explicit: bool = False  # "terminated", "decommissioned": an error; "removed", "gone": a warning


def retired_resources(ctx: RepoContext) -> list[Statement]:
    """Resources some doc (current or historical) says were terminated, decommissioned, removed..."""
    found: dict[str, Statement] = {}
    for doc in [*ctx.documents, *ctx.historical]:
        if doc.kind == "workflow":
            continue
        for sentence, lines in _sentences(doc.text):
            verb = RETIRED.search(sentence)
            if not verb or _NOT_YET.search(sentence[max(0, verb.start() - 30) : verb.start()]):
                continue
            if sentence.lstrip().startswith("|") or _STATUS_MARKS.search(sentence):
                continue  # a table of checks and status marks ("`postgresql-0` pod restart | ✅") states no retirement
            explicit = bool(EXPLICIT.search(sentence))
            said = " ".join(sentence.split())
            for match in _SPAN.finditer(sentence):
                token = match.group(1) or match.group(2)
                if _resource(token, sentence, match) and not _FILE_NAME.search(token):
                    line = lines[min(len(lines) - 1, sentence.count("\n", 0, match.start()))]
                    found.setdefault(token.lower(), Statement(token, doc.rel, line, said, explicit))
            for match in HOSTNAME.finditer(sentence) if RESOURCE_NOUNS.search(sentence) else ():
                if _public(match.group(1)):
                    continue
                line = lines[min(len(lines) - 1, sentence.count("\n", 0, match.start()))]
                found.setdefault(match.group(1), Statement(match.group(1), doc.rel, line, said, explicit))
    return list(found.values())


def _resource(token: str, sentence: str, match: re.Match) -> bool:
    """A name shaped like a resource (digits or several separators), or one next to a word like 'host'."""
    if "/" in token or not _SHAPE.match(token) or not re.search(r"[-.]", token):
        return False
    if any(c.isdigit() for c in token) or len(re.findall(r"[-.]", token)) >= 2:
        near = sentence[max(0, match.start() - 40) : match.end() + 40]  # "instance `prod-app-ec2`", not a far noun
        return bool(RESOURCE_NOUNS.search(near.replace(match.group(0), " ")))
    near = sentence[max(0, match.start() - 20) : match.end() + 20]
    return bool(RESOURCE_NOUNS.search(near.replace(match.group(0), " ")))


def _sentences(text: str):
    """Prose sentences outside code blocks, each with the file lines it spans."""
    paragraph: list[tuple[int, str]] = []
    fenced = False
    for number, raw in enumerate([*text.splitlines(), ""], 1):
        if raw.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            raw = ""
        if raw.lstrip().startswith("|"):
            raw = ""  # a table row states properties ("TLS-terminated traffic"), never that something is gone
        if fenced or not raw.strip() or _BULLET.match(raw):
            yield from _split(paragraph)  # a list item is a statement of its own: "Created `A` record: x"
            paragraph = []  # is not "removed" because a later item of the same list removed something else
        if fenced or not raw.strip():
            continue
        paragraph.append((number, raw.strip()))


def _split(paragraph: list[tuple[int, str]]):
    if not paragraph:
        return
    text = "\n".join(line for _, line in paragraph)
    numbers = [number for number, _ in paragraph]
    start = 0
    for end in [m.end() for m in re.finditer(r"[.!?;](?=\s|$)", text)] + [len(text)]:
        if end > start:
            first = text.count("\n", 0, start)
            yield text[start:end], numbers[first:]
        start = end


def retired_uses(ctx: RepoContext, statements: list[Statement]) -> list[Finding]:
    """SKD612: a current doc or workflow using a resource another sentence says is gone."""
    findings = []
    for doc in ctx.documents:
        for statement in statements:
            if statement.path == doc.rel:
                continue  # the doc that says it is gone speaks of it knowingly (a note on how it went)
            pattern = re.compile(rf"(?<![\w.-]){re.escape(statement.token)}(?![\w-])", re.IGNORECASE)
            uses = []
            for number, line in enumerate(doc.text.splitlines(), 1):
                match = pattern.search(line)
                if match is None or (doc.rel, number) == (statement.path, statement.line):
                    continue
                rest = HOSTNAME.sub(" ", pattern.sub(" ", line))  # `legacy-web-01` is not the word "legacy"
                if not PAST.search(rest) and not RETIRED.search(rest):
                    uses.append((number, match.start() + 1, _host_around(line, match)))
            if uses:
                findings.append(_retired_finding(doc, statement, uses))
    return findings


def _host_around(line: str, match: re.Match) -> str:
    host = HOSTNAME.search(line, match.start())
    return host.group(1) if host and host.start() == match.start() and host.group(1) != match.group(0) else ""


def _retired_finding(doc: Document, statement: Statement, uses: list[tuple[int, int, str]]) -> Finding:
    line, column, host = uses[0]
    more = sorted({u[0] for u in uses[1:]})
    what = "targets" if doc.kind == "workflow" else "uses"
    message = f"{what} '{statement.token}'" + (f" (in '{host}')" if host else "")
    message += f', but {statement.path}:{statement.line} says it is gone: "{_short(statement.sentence)}"'
    if more:
        message += f"; also on line{'s' if len(more) > 1 else ''} {', '.join(map(str, more))}"
    fix = (
        f"Delete or rewrite {doc.rel} for the current infrastructure ({statement.path} describes it), "
        f"and remove other uses of '{statement.token}'."
    )
    found = rules.RETIRED_RESOURCE.finding(doc.rel, message, line, column, fix=fix)
    if doc.kind != "workflow":  # a doc's use may be a note on the past or another repo's host: none judged real yet
        return found.model_copy(update={"severity": Severity.info})
    return found if statement.explicit else found.model_copy(update={"severity": Severity.warning})


def _short(text: str, limit: int = 160) -> str:
    text = text.strip().rstrip(";,:")
    return clip(text, limit)


def orphaned_hosts(ctx: RepoContext, statements: list[Statement]) -> tuple[list[Finding], str | None]:
    """SKD613 for hosts only their own workflow or doc names; and why the check stopped, if it did."""
    retired = {s.token.lower() for s in statements}
    candidates: dict[str, tuple[Document, int, int]] = {}
    for doc in ctx.documents:
        allow_list: int | None = None  # the indent of an `allowed-endpoints:` key while under it
        for number, line in enumerate(doc.text.splitlines(), 1):
            indent = len(line) - len(line.lstrip())
            if allow_list is not None and line.strip() and indent <= allow_list:
                allow_list = None
            if doc.kind == "workflow" and _ALLOW_LIST.match(line):
                allow_list = indent  # harden-runner's egress allow-list: services the job may reach, not ours
            if allow_list is not None:
                continue
            line = re.sub(r"\$\{\{.*?\}\}", lambda m: " " * len(m.group(0)), line)  # `${{ steps.x.outputs }}`
            hosts = [m for m in HOSTNAME.finditer(line)] if doc.kind == "workflow" else []
            hosts = hosts if len(hosts) <= MAX_HOSTS_PER_LINE else []
            hosts += [m for m in _SSH_TARGET.finditer(line)]
            for match in hosts:
                host = match.group(1)
                if _public(host) or host in retired or host.split(".")[0] in retired or "." not in host:
                    continue
                candidates.setdefault(host, (doc, number, match.start(1) + 1))
    if not candidates:
        return [], None
    seen, stopped = _mentioned_elsewhere(ctx, candidates)
    if stopped:
        return [], stopped
    findings = []
    for host, (doc, at_line, column) in sorted(candidates.items(), key=lambda kv: (kv[1][0].rel, kv[1][1])):
        if host not in seen:
            what = "targets" if doc.kind == "workflow" else "connects to"
            message = f"{what} host '{host}', which no other file in the repo mentions"
            findings.append(rules.ORPHANED_RESOURCE.finding(doc.rel, message, at_line, column))
    return findings, None


_ALLOW_LIST = re.compile(r"^\s*[\w-]*allowed[-_]endpoints\s*:", re.IGNORECASE)


def _public(host: str) -> bool:
    labels = host.split(".")
    return ".".join(labels[-2:]) in PUBLIC_DOMAINS or host in ("localhost", "localhost.localdomain")


def _mentioned_elsewhere(ctx: RepoContext, candidates: dict[str, tuple[Document, int, int]]):
    """Which candidate hosts some other file names; one pass over the repo's text files, within a budget."""
    terms = {host: host for host in candidates}
    for host in candidates:
        label = host.split(".")[0]
        if "-" in label and len(label) >= 6:
            terms.setdefault(label, host)  # `prod-web-1` in config names `prod-web-1.internal.example.com`
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) + r")(?![\w-])"
    )
    seen: set[str] = set()
    budget = CORPUS_BUDGET_BYTES
    for file in ctx.fs.files:
        if file.size > CORPUS_FILE_BYTES or file.name.lower().endswith(_BINARY_EXTENSIONS):
            continue
        budget -= file.size
        if budget < 0:
            return seen, f"orphaned-host check stopped after reading {CORPUS_BUDGET_BYTES // 2**20} MB of text"
        text = ctx.fs.read_text(file)
        if not text:
            continue
        for match in pattern.finditer(text):
            host = terms[match.group(1)]
            if candidates[host][0].rel != file.rel:
                seen.add(host)
        if len(seen) == len(candidates):
            break
    return seen, None
