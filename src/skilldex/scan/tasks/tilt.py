"""tilt: a `Tiltfile` (Starlark, read as text, never run) is one task, `tilt up`: it builds the images and deploys
them to the dev cluster, watching for changes, as docker compose up starts a local stack."""

from __future__ import annotations

import posixpath

from skilldex.scan.fs import RepoFile, RepoFS
from skilldex.scan.tasks import base
from skilldex.scan.tasks.base import TaskDef
from skilldex.scan.tasks.parsing import clean_description, opening_comment

# What a Tiltfile does, by the functions it calls: where it deploys first (its purpose), then how it builds
_DOES = (
    ("k8s_yaml", "deploys to Kubernetes"),
    ("docker_compose", "runs docker compose"),
    ("helm(", "renders Helm charts"),
    ("docker_build", "builds images"),
    ("local_resource", "runs local resources"),
)


def parse_tiltfile(text: str) -> list[TaskDef]:
    """`up`, described by what it calls (the Starlark functions say what tilt does with it), then by the comment
    the file opens with."""
    does = [said for call, said in _DOES if call in text]
    said = "Tilt dev environment" + (": " + ", ".join(does) if does else "") + "."
    description = clean_description(" ".join(c for c in (said, opening_comment(text)) if c))
    return [TaskDef("up", description, 1, "tilt up")]


class Runner(base.Runner):
    files = {"Tiltfile": parse_tiltfile}

    def run(self, fs: RepoFS, file: RepoFile, task: TaskDef) -> str:
        return f"{base.cd(posixpath.dirname(file.rel))}tilt up"
