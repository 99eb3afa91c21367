"""compose: docker compose services (compose.yaml, docker-compose.yml and their variants), read as data, never run.

Each service under `services:` is something `docker compose up NAME` starts: the repo's database, queue or
dev server, which an agent should start this way rather than by hand.
"""

from __future__ import annotations

import posixpath
import re
import shlex
from dataclasses import dataclass
from typing import Any

from skilldex import capabilities
from skilldex.frontmatter.full import load_full
from skilldex.frontmatter.types import FrontmatterError
from skilldex.scan.fs import RepoFile, RepoFS
from skilldex.scan.tasks import base
from skilldex.scan.tasks.base import TaskDef
from skilldex.scan.tasks.parsing import TaskFileError, clean_description, join_commands, split_lines

# The files `docker compose` reads by itself, in its order of preference, and the overrides it merges in
COMPOSE_FILES = ("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")
COMPOSE_OVERRIDES = tuple(name.replace("compose.", "compose.override.") for name in COMPOSE_FILES)
# Variants run with `-f`: docker-compose.prod.yml, docker-compose-dev.yml, compose.test.yaml; not the copies
# kept as examples (docker-compose.example.yml)
_COMPOSE_VARIANT = re.compile(r"(?:docker-compose[.-]|compose\.)(?![\w.-]*(?:example|sample|template))[\w.-]+\.ya?ml")
_EXAMPLE = re.compile(r"(?:docker-compose|compose)[.-](?:example|sample)\.ya?ml")
MAX_SERVICES = 500
MAX_COMPOSE_CHARS = 256 * 1024  # real compose files are a few KB; a parse of more is slow for nothing
MAX_COMPOSE_ALIASES = 200  # `<<: *defaults` in every service of a large stack; the expansion cap still holds
MAX_PORTS_SHOWN = 3
# Compose's own rule for service names; anything else never reaches a command line
_SERVICE_NAME = re.compile(r"[a-zA-Z0-9._-]+")
_LABEL_DESCRIPTION = re.compile(r"(?:^|\.)description$")
# A comment that is commented-out YAML (a disabled service or setting), not a description
_COMMENTED_YAML = re.compile(r"-\s|[\w.-]+:\s*$|(?:image|build|command|ports|environment|volumes|depends_on)\s*:")


@dataclass
class Service(TaskDef):
    """A service; `overlay`: its file is a layer over the folder's base compose file, so the two run together."""

    overlay: bool = False
    # an undescribed service running the repo's own code (built here, or an image named by a variable): its
    # name is a part of the product ("ingest-monitors" in Sentry), not a capability of the repo
    own: bool = False
    dockerfile: str | None = None  # the Dockerfile it is built from, relative to the compose file's folder


def parse_compose(text: str) -> list[Service]:
    """The services under `services:`, in file order. `x-` top-level keys (anchors for shared settings)
    are not services; merge keys (`<<: *defaults`) are applied as compose applies them."""
    return _services(text, override=False)


def parse_compose_override(text: str) -> list[Service]:
    """An override file (docker-compose.override.yml), which compose merges into its base file: only the
    services it adds; a service it only adjusts is the base file's, run merged with this one."""
    return _services(text, override=True)


def _services(text: str, override: bool) -> list[Service]:
    """Through the shared safe loader (alias and expansion caps): compose files come from the repo too."""
    if len(text) > MAX_COMPOSE_CHARS:
        raise TaskFileError(
            f"{len(text):,} characters is over the {MAX_COMPOSE_CHARS:,}-character limit for a compose file; not read"
        )
    text = text.lstrip("\ufeff")
    child_lines: dict[str, dict[str, int]] = {}
    try:
        data, key_lines, _ = load_full(text, max_aliases=MAX_COMPOSE_ALIASES, child_lines=child_lines)
    except FrontmatterError as exc:
        raise TaskFileError(exc.message, exc.line) from None
    services = data.get("services") if isinstance(data, dict) else None
    if services is None:
        return []  # an include-only file, or compose's old version-1 layout that compose v2 no longer reads
    if not isinstance(services, dict):
        kind = "a list" if isinstance(services, list) else "text" if isinstance(services, str) else "a single value"
        raise TaskFileError(f"`services` is {kind}, not a mapping of service names", key_lines.get("services"))
    lines = split_lines(text)
    valid = {
        name: service
        for name, service in list(services.items())[:MAX_SERVICES]
        # compose refuses such a name; a service that is not a mapping is not one
        if _SERVICE_NAME.fullmatch(name) and isinstance(service, dict)
    }
    # One service that cannot start from this file alone makes the file a layer over its base file
    # (docker-compose.prod.yml adjusting `web`, adding `proxy` in front of it): all of it runs merged.
    overlay = any(not _defines_container(svc) or _needs_elsewhere(svc, services) for svc in valid.values())
    found = []
    for name, service in valid.items():
        if override and not _defines_container(service):
            continue
        line = child_lines.get("services", {}).get(name)
        said = _comment_above(lines, line) or _label_description(service.get("labels"))
        description = said or _summary(name, service)
        found.append(
            Service(
                name,
                clean_description(description + _profiles(service.get("profiles"))),
                line,
                _command(service.get("command")),
                overlay,
                own=not said and _own(service),
                dockerfile=_dockerfile(service.get("build")),
            )
        )
    return found


def _own(service: dict) -> bool:
    """Built from the repo, or an image the repo names by a variable (`$SNUBA_IMAGE`): the product's own code."""
    image = service.get("image")
    return "build" in service or (isinstance(image, str) and image.lstrip().startswith("$"))


def _dockerfile(build: Any) -> str | None:
    """Where the service's Dockerfile is: `build: ./docker/grafana` or its `context` and `dockerfile`."""
    if isinstance(build, dict):
        context, name = build.get("context", "."), build.get("dockerfile", "Dockerfile")
    else:
        context, name = build, "Dockerfile"
    if not isinstance(context, str) or not isinstance(name, str) or "$" in context + name or "://" in context:
        return None
    return posixpath.normpath(posixpath.join(context, name))


# the image a single-stage Dockerfile starts from (`FROM grafana/grafana:5.2.4`)
_FROM = re.compile(r"^\s*FROM\s+(?:--\S+\s+)*(\S+)", re.IGNORECASE | re.MULTILINE)


def _base_image(fs: RepoFS, path: str) -> str:
    """The image the Dockerfile at `path` builds on, when it has one stage: a repo's grafana folder that adds
    dashboards to `grafana/grafana` is Grafana; a multi-stage build (node, then nginx) is the repo's own app."""
    found = fs.file(path) if not path.startswith("../") else None
    text = fs.read_text(found, limit=64 * 1024) if found else None
    images = _FROM.findall(text or "")
    return images[0] if len(images) == 1 else ""


def _defines_container(service: dict) -> bool:
    """Whether the service says what to run (image, build or extends), not only how to adjust another file's."""
    return any(key in service for key in ("image", "build", "extends"))


def _needs_elsewhere(service: dict, services: dict) -> bool:
    """Whether it depends on a service this file does not define (its base file does)."""
    needs = service.get("depends_on")
    return isinstance(needs, (list, dict)) and any(isinstance(o, str) and o not in services for o in needs)


def _comment_above(lines: list[str], line: int | None) -> str:
    """The `#` lines right above the service key, at its indentation (deeper ones belong to the service
    before it); none when they are commented-out YAML."""
    if not line or line > len(lines):
        return ""
    indent = len(lines[line - 1]) - len(lines[line - 1].lstrip())
    picked: list[str] = []
    for above in reversed(lines[: line - 1]):
        stripped = above.strip()
        if not stripped.startswith("#") or len(above) - len(above.lstrip()) != indent:
            break
        text = stripped.lstrip("#").strip()
        if _COMMENTED_YAML.match(text):
            return ""
        picked.append(text)
    return " ".join(text for text in reversed(picked) if text.strip("-=*~ "))


def _label_description(labels: Any) -> str:
    """A `*.description` label (org.opencontainers.image.description, com.example.description), as a
    mapping or a list of `key=value` strings."""
    if isinstance(labels, list):
        labels = dict(item.partition("=")[::2] for item in labels if isinstance(item, str))
    if not isinstance(labels, dict):
        return ""
    for key, value in labels.items():
        if _LABEL_DESCRIPTION.search(str(key)) and isinstance(value, str) and value.strip():
            return value
    return ""


def _summary(name: str, service: dict) -> str:
    """What the service is, from its settings: "postgres:16 on port 5432", "Built from ./api on port 8000"."""
    image, build = service.get("image"), service.get("build")
    if isinstance(build, dict):
        build = build.get("context", ".")
    what = f"Built from {build}" if isinstance(build, str) else image if isinstance(image, str) else ""
    if not _defines_container(service):
        what = f"Changes the base compose file's {name} service"
    ports = _ports(service.get("ports"))
    if ports:
        what = f"{what or 'Service'} on port{'s' if len(ports) > 1 else ''} {', '.join(ports)}"
    return what


def _profiles(profiles: Any) -> str:
    """A note that the service starts only when asked for (`up NAME` enables its profile; a bare `up` does not)."""
    named = [p for p in profiles[:5] if isinstance(p, str)] if isinstance(profiles, list) else []
    return f" (profile{'s' if len(named) > 1 else ''}: {', '.join(named)})" if named else ""


def _ports(ports: Any) -> list[str]:
    """The host side of each published port: "5432:5432" -> 5432, "127.0.0.1:8080:80" -> 127.0.0.1:8080."""
    shown: list[str] = []
    for port in ports[:MAX_PORTS_SHOWN] if isinstance(ports, list) else []:
        if isinstance(port, dict):
            port = port.get("published") or port.get("target")
        if isinstance(port, int) and not isinstance(port, bool):
            port = str(port)
        if not isinstance(port, str) or not port.strip():
            continue
        port = port.strip().removesuffix("/tcp")
        if "${" not in port and port.count(":") >= 1:
            port = port.rsplit(":", 1)[0]  # the container side is not where to connect
        shown.append(port)
    return shown


def _command(command: Any) -> str | None:
    """The service's `command:` as one line (a list is its exec form)."""
    if isinstance(command, list) and all(isinstance(word, (str, int, float)) for word in command):
        command = shlex.join(str(word) for word in command)
    return join_commands([command]) if isinstance(command, str) else None


def _compose_files(fs: RepoFS, folder: str, name: str, overlay: bool) -> str:
    """The `-f` options: none for the file compose picks by itself (or its override), else the file, after
    the base file when it is a layer over it (a docker-compose.prod.yml that adjusts the base's services)."""
    base_file = next((default for default in COMPOSE_FILES if fs.file(posixpath.join(folder, default))), None)
    if base_file is not None and (name == base_file or name in COMPOSE_OVERRIDES):
        return ""
    if overlay and base_file is not None:
        return f"-f {shlex.quote(base_file)} -f {shlex.quote(name)} "
    return f"-f {shlex.quote(name)} "


class Runner(base.Runner):
    files = {**dict.fromkeys(COMPOSE_FILES, parse_compose), **dict.fromkeys(COMPOSE_OVERRIDES, parse_compose_override)}
    marks = ("compose",)

    def place(self, file: RepoFile) -> base.Parse | None:
        return parse_compose if _COMPOSE_VARIANT.fullmatch(file.name) or _EXAMPLE.fullmatch(file.name) else None

    def scan(self, fs: RepoFS, file: RepoFile, parse: base.Parse) -> list:
        """An example compose file is a copy of the stack, unless no compose file sits beside it: then it is the
        stack itself, shipped as an example for people to copy and run (a self-hosting `compose.example.yml`)."""
        folder = posixpath.dirname(file.rel)
        if _EXAMPLE.fullmatch(file.name) and any(fs.exists(posixpath.join(folder, n)) for n in COMPOSE_FILES):
            return []
        return super().scan(fs, file, parse)

    def run(self, fs: RepoFS, file: RepoFile, task: TaskDef) -> str:
        folder = posixpath.dirname(file.rel)
        files = _compose_files(fs, folder, file.name, isinstance(task, Service) and task.overlay)
        return f"{base.cd(folder)}docker compose {files}up {shlex.quote(task.name)}"

    def tags(self, fs: RepoFS, file: RepoFile, task: TaskDef, run: str) -> list[str]:
        """A service built here is what its Dockerfile's image is, when its name and description say nothing."""
        found = base.task_capabilities(task, run, file.name)
        if found or not isinstance(task, Service) or not task.dockerfile:
            return found
        image = _base_image(fs, posixpath.normpath(posixpath.join(posixpath.dirname(file.rel), task.dockerfile)))
        return capabilities.infer(capabilities.said_of(image)) if image else []
