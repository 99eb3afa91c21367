"""Procfile process types: read as data, run with foreman."""

from __future__ import annotations

from skilldex.scan import scan_repo
from skilldex.scan.tasks.procfile import parse_procfile

PROCFILE = """\
# Puma, behind the router
web: bundle exec puma -C config/puma.rb
worker: bundle exec sidekiq -q default

#####
release: bin/rails db:migrate
not a process
 indented: no
web: a second web is ignored
"""


def tasks(root) -> dict:
    return {
        (i.runner, i.path, i.name): (i.line, i.description, i.run, i.command)
        for i in scan_repo(root).items
        if i.kind == "task"
    }


def test_procfile_processes_with_comments_and_procfile_dev(repo):
    found = tasks(
        repo(
            {
                "Procfile": PROCFILE,
                "Procfile.dev": "web: bin/rails server -p 3000\n",
                "Procfile.example": "web: x\n",
                "apps/api/Procfile": "api: node server.js\n",
            }
        )
    )
    assert found == {
        ("procfile", "Procfile", "web"): (
            2,
            "Puma, behind the router",
            "foreman start web",
            "bundle exec puma -C config/puma.rb",
        ),
        ("procfile", "Procfile", "worker"): (
            3,
            "Runs: bundle exec sidekiq -q default",
            "foreman start worker",
            "bundle exec sidekiq -q default",
        ),
        ("procfile", "Procfile", "release"): (
            6,
            "Runs: bin/rails db:migrate",
            "foreman start release",
            "bin/rails db:migrate",
        ),
        ("procfile", "Procfile.dev", "web"): (
            1,
            "Runs: bin/rails server -p 3000",
            "foreman start -f Procfile.dev web",
            "bin/rails server -p 3000",
        ),
        ("procfile", "apps/api/Procfile", "api"): (
            1,
            "Runs: node server.js",
            "cd apps/api && foreman start api",
            "node server.js",
        ),
    }


def test_a_repeated_name_keeps_its_first_line_and_a_blank_line_ends_a_comment():
    text = "\ufeff# Old comment\n\nweb: a\r\n# Second\nweb: b\nclock:bin/clock\n"
    assert [(t.name, t.line, t.description, t.command) for t in parse_procfile(text)] == [
        ("web", 3, "", "a"),
        ("clock", 6, "", "bin/clock"),
    ]
