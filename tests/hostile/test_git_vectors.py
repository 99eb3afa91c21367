"""Nothing a scanned repo configures runs through skilldex's git: one real repo per vector, each shown to fire with
plain git first (so each test can fail), then run through `skilldex.gitsafe.run_git` (and doctor) without firing."""

from __future__ import annotations

import contextlib
import http.server
import os
import subprocess
import threading
from pathlib import Path

import pytest

from skilldex import gitsafe
from skilldex.doctor import doctor_repos
from skilldex.workspace import RepoRef


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        {
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.com",
        }
    )
    return env


def git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Plain git, as a user would run it."""
    return subprocess.run(
        ["git", "-C", str(root), *args],
        capture_output=True,
        text=True,
        env=_env(),
        check=check,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


@pytest.fixture(autouse=True)
def clean_env(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)


@pytest.fixture
def evil(tmp_path: Path) -> Path:
    """A program that leaves a marker file when anything runs it."""
    script = tmp_path / "evil.sh"
    script.write_text(f'#!/bin/sh\necho "$0 $*" >> {tmp_path / "marker"}\nexit 1\n')
    script.chmod(0o755)
    return script


def marker(tmp_path: Path) -> Path:
    return tmp_path / "marker"


def repo(tmp_path: Path) -> Path:
    """A repo with two commits: f.txt, then f.txt changed."""
    root = tmp_path / "repo"
    git(tmp_path, "init", "-q", "-b", "main", str(root))
    (root / "f.txt").write_text("one\n")
    git(root, "add", ".")
    git(root, "commit", "-qm", "one", "--no-verify")
    (root / "f.txt").write_text("one\ntwo\n")
    git(root, "commit", "-qam", "two", "--no-verify")
    return root


def partial_clone(tmp_path: Path) -> Path:
    """A blob-less clone whose older blobs are missing: rename detection in `git log -M` would fetch them."""
    source = tmp_path / "source"
    git(tmp_path, "init", "-q", "-b", "main", str(source))
    git(source, "config", "uploadpack.allowFilter", "true")
    (source / "a.txt").write_text("".join(f"{n}\n" for n in range(200)))
    git(source, "add", ".")
    git(source, "commit", "-qm", "one")
    (source / "a.txt").write_text("".join(f"{n}\n" for n in range(1, 200)))
    git(source, "mv", "a.txt", "b.txt")
    git(source, "commit", "-qam", "rename and change")
    root = tmp_path / "repo"
    git(tmp_path, "clone", "-q", "--filter=blob:none", f"file://{source}", str(root))
    return root


class _Unauthorized(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the name http.server calls
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="x"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def http_401():
    """The URL of a real local HTTP server that asks for credentials."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Unauthorized)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/repo.git"
    server.shutdown()
    server.server_close()


def _configured(make, config):
    """A builder: the repo `make` creates, with the (key, value) settings `config(evil, url, root)` gives."""

    def build(tmp_path, evil, url):
        root = make(tmp_path)
        for key, value in config(evil, url, root):
            git(root, "config", key, value)
        return root

    return build


def _partial(config):
    return _configured(partial_clone, config)


def _plain(config):
    return _configured(repo, config)


def _included(tmp_path, evil, url):
    root = partial_clone(tmp_path)
    extra = tmp_path / "extra.cfg"
    extra.write_text(f'[core]\n\tsshCommand = "{evil}"\n')
    git(root, "config", "remote.origin.url", "ssh://example.invalid/x")
    git(root, "config", "include.path", str(extra))
    return root


def _included_if(tmp_path, evil, url):
    root = partial_clone(tmp_path)
    extra = tmp_path / "extra.cfg"
    extra.write_text(f'[core]\n\tsshCommand = "{evil}"\n')
    git(root, "config", "remote.origin.url", "ssh://example.invalid/x")
    git(root, "config", f"includeIf.gitdir:{root}/.git.path", str(extra))
    return root


def _hook(tmp_path, evil, url):
    root = repo(tmp_path)
    (root / ".git/hooks/pre-commit").write_text(f"#!/bin/sh\nexec {evil}\n")
    (root / ".git/hooks/pre-commit").chmod(0o755)
    return root


def _hooks_path(tmp_path, evil, url):
    root = repo(tmp_path)
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "pre-commit").write_text(f"#!/bin/sh\nexec {evil}\n")
    (hooks / "pre-commit").chmod(0o755)
    git(root, "config", "core.hooksPath", str(hooks))
    return root


def _attributes(line: str, config):
    def build(tmp_path, evil, url):
        root = repo(tmp_path)
        (root / ".gitattributes").write_text(line)
        git(root, "add", ".gitattributes")
        (root / "f.txt").write_text("one\ntwo\nthree\n")
        git(root, "commit", "-qam", "three", "--no-verify")
        (root / "f.txt").write_text("changed in the work tree\n")
        for key, value in config(evil):
            git(root, "config", key, value)
        return root

    return build


def _signed(tmp_path, evil, url):
    """A commit carrying a (fake) signature, and a config that verifies signatures with `evil`."""
    root = repo(tmp_path)
    head = git(root, "rev-parse", "HEAD").stdout.strip()
    tree = git(root, "rev-parse", "HEAD^{tree}").stdout.strip()
    body = (
        f"tree {tree}\nparent {head}\nauthor t <t@example.com> 1 +0000\ncommitter t <t@example.com> 1 +0000\n"
        "gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQ==\n -----END PGP SIGNATURE-----\n\nsigned\n"
    )
    sha = subprocess.run(
        ["git", "-C", str(root), "hash-object", "-t", "commit", "-w", "--stdin"],
        input=body,
        capture_output=True,
        text=True,
        env=_env(),
        check=True,
    ).stdout.strip()
    git(root, "update-ref", "refs/heads/main", sha)
    git(root, "config", "gpg.program", str(evil))
    git(root, "config", "gpg.ssh.program", str(evil))
    return root


LOG_M = ["log", "--raw", "-M", "--format=%H"]
VECTORS = {
    "lazy fetch: core.sshCommand": (
        _partial(lambda e, u, r: [("remote.origin.url", "ssh://example.invalid/x"), ("core.sshCommand", str(e))]),
        LOG_M,
    ),
    "lazy fetch: ssh via url.insteadOf": (
        _partial(lambda e, u, r: [("url.ssh://example.invalid/.insteadOf", "file://"), ("core.sshCommand", str(e))]),
        LOG_M,
    ),
    "lazy fetch: remote uploadpack": (
        _partial(
            lambda e, u, r: [("remote.origin.url", str(r.parent / "source")), ("remote.origin.uploadpack", str(e))]
        ),
        LOG_M,
    ),
    "lazy fetch: ext:: remote": (
        _partial(lambda e, u, r: [("remote.origin.url", f"ext::{e} %S"), ("protocol.ext.allow", "always")]),
        LOG_M,
    ),
    "lazy fetch: core.askPass over http": (
        _partial(lambda e, u, r: [("remote.origin.url", u), ("core.askPass", str(e))]),
        LOG_M,
    ),
    "lazy fetch: config from include.path": (_included, LOG_M),
    "lazy fetch: config from includeIf": (_included_if, LOG_M),
    "fetch: credential.helper over http": (
        _plain(lambda e, u, r: [("remote.origin.url", u), ("credential.helper", str(e))]),
        ["fetch", "origin"],
    ),
    "fsmonitor": (_plain(lambda e, u, r: [("core.fsmonitor", str(e))]), ["status"]),
    "hook in .git/hooks": (_hook, ["commit", "--allow-empty", "-m", "x"]),
    "hook in core.hooksPath": (_hooks_path, ["commit", "--allow-empty", "-m", "x"]),
    "core.editor": (_plain(lambda e, u, r: [("core.editor", str(e))]), ["commit", "--allow-empty"]),
    "textconv": (_attributes("*.txt diff=evil\n", lambda e: [("diff.evil.textconv", str(e))]), ["log", "-p"]),
    "diff driver command": (
        _attributes("*.txt diff=evil\n", lambda e: [("diff.evil.command", str(e))]),
        ["diff", "HEAD~1", "HEAD"],
    ),
    "diff.external": (_plain(lambda e, u, r: [("diff.external", str(e))]), ["diff", "HEAD~1", "HEAD"]),
    "clean filter": (_attributes("*.txt filter=evil\n", lambda e: [("filter.evil.clean", str(e))]), ["diff"]),
    "filter process": (
        _attributes(
            "*.txt filter=evil\n", lambda e: [("filter.evil.process", str(e)), ("filter.evil.required", "true")]
        ),
        ["diff"],
    ),
    "gpg.program (log.showSignature)": (_signed, ["-c", "log.showSignature=true", "log", "--format=%H"]),
    "gpg.program (%G? format)": (_signed, ["log", "--format=%G?"]),
}


@pytest.mark.parametrize("vector", list(VECTORS))
def test_vector_fires_with_plain_git_and_never_through_skilldex(vector, tmp_path, evil, http_401):
    build, args = VECTORS[vector]
    root = build(tmp_path, evil, http_401)
    git(root, *args, check=False)
    assert marker(tmp_path).exists(), f"{vector}: plain git did not run the program, so the test proves nothing"
    marker(tmp_path).unlink()
    with contextlib.suppress(gitsafe.GitSkipped):  # refusing (no transport allowed) is fine; running is not
        gitsafe.run_git(root, args, timeout=30)
    assert not marker(tmp_path).exists(), marker(tmp_path).read_text()


def test_doctor_on_a_partial_clone_runs_nothing_and_still_reads_history(tmp_path, evil):
    """The issue's case: doctor's history check (`git log -M`) on a partial clone whose remote runs a command."""
    root = partial_clone(tmp_path)
    git(root, "config", "remote.origin.url", "ssh://example.invalid/x")
    git(root, "config", "core.sshCommand", str(evil))
    git(root, *LOG_M, check=False)
    assert marker(tmp_path).exists()
    marker(tmp_path).unlink()
    report = doctor_repos([RepoRef("repo", root)], cwd=str(root))
    assert not marker(tmp_path).exists()
    assert [f.message for f in report.findings if "git history checks skipped" in f.message] == []


def test_caller_git_environment_does_not_leak(tmp_path, evil, monkeypatch):
    """GIT_SSH_COMMAND or GIT_DIR in the caller's environment do not steer skilldex's git."""
    root = partial_clone(tmp_path)
    git(root, "config", "remote.origin.url", "ssh://example.invalid/x")
    monkeypatch.setenv("GIT_SSH_COMMAND", str(evil))
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "elsewhere"))
    with pytest.raises(gitsafe.GitSkipped):
        gitsafe.run_git(root, LOG_M, timeout=30)  # the lazy fetch is refused
    assert not marker(tmp_path).exists()
    assert gitsafe.run_git(root, ["rev-parse", "--is-inside-work-tree"]).strip() == "true"
