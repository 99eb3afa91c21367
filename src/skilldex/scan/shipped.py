"""Scripts that run somewhere other than a person's machine: copied into a container image, mounted into a compose
service, or shipped by Terraform to the machines it makes. They are the container's or the VM's, not tools."""

from __future__ import annotations

import posixpath
import re

from skilldex.scan.fs import RepoFile, RepoFS


def elsewhere(fs: RepoFS, file: RepoFile) -> bool:
    """Whether the script runs in a container or on a machine rather than where people run tools."""
    return _copied_into_image(fs, file) or _mounted_by_compose(fs, file) or _shipped_by_terraform(fs, file)


COMPOSE_FILES = ("docker-compose.yml", "docker-compose.yaml", "compose.yml", "compose.yaml")


def _mounted_by_compose(fs: RepoFS, file: RepoFile) -> bool:
    """A script a compose file in a folder above it mounts into a service (`./snuba/api_healthcheck.py:/usr/src/
    ...:ro`): the container runs it (a healthcheck, an entrypoint), not a person."""
    folder = posixpath.dirname(file.rel)
    while folder:
        folder = posixpath.dirname(folder)
        for name in COMPOSE_FILES:
            compose = fs.file(posixpath.join(folder, name))
            text = fs.read_text(compose) if compose is not None else None
            wanted = posixpath.relpath(file.rel, folder or ".")
            if text and re.search(rf"""(?:^|[\s"'-])\./{re.escape(wanted)}:/""", text, re.MULTILINE):
                return True
    return False


# `COPY --chown=app entrypoint.sh setup.sh /opt/` or `ADD ["run.sh", "/"]`: the sources, then the destination
_COPY = re.compile(r"^[ \t]*(?:COPY|ADD)[ \t]+((?:--\S+[ \t]+)*)(.+)$", re.IGNORECASE | re.MULTILINE)


def _copied_into_image(fs: RepoFS, file: RepoFile) -> bool:
    """A script the Dockerfile beside it copies into its image by name (an entrypoint, a Lambda extension): it runs
    inside the container, not on a person's machine, so it is the image's, not a tool."""
    if len(file.parts) == 1 or ".devcontainer" in file.parts:
        return False  # a devcontainer is the developer's own machine: its scripts set up where people work
    dockerfile = fs.file(posixpath.join(posixpath.dirname(file.rel), "Dockerfile"))
    text = fs.read_text(dockerfile) if dockerfile is not None else None
    for match in _COPY.finditer(text or ""):
        if "--from" in match.group(1):
            continue  # from another build stage, not from this folder
        sources = match.group(2).replace("[", " ").replace("]", " ").replace(",", " ").split()[:-1]
        if any(posixpath.basename(source.strip("\"'")) == file.name for source in sources):
            return True
    return False


# Terraform functions that read a file into a resource (a VM's startup script, user data, an uploaded object)
_TF_FILE = re.compile(r"\b(?:file|templatefile|filebase64|filesha256|filemd5)\(\s*\"\$\{path\.module\}/([^\"]+)\"")


def _shipped_by_terraform(fs: RepoFS, file: RepoFile) -> bool:
    """A script the Terraform beside it or one folder up reads as a file (`templatefile("${path.module}/scripts/
    run-nomad.sh", ...)`): a VM's startup script or user data, run on the machine Terraform makes, not a tool."""
    if len(file.parts) < 2:
        return False
    folder = posixpath.dirname(file.rel)
    for home in (folder, posixpath.dirname(folder)) if "/" in folder else (folder,):
        wanted = posixpath.relpath(file.rel, home) if home else file.rel
        for tf in fs.files_in(home, ".tf"):  # only these are consulted: editing a note beside it rescans nothing
            text = fs.read_text(tf) or ""
            if wanted in text and any(m.group(1) == wanted for m in _TF_FILE.finditer(text)):
                return True
    return False
