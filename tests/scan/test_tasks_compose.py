"""Procfile processes and docker compose services: read as data, run with foreman and docker compose."""

from __future__ import annotations

import json
import random
import subprocess

import jsonschema
import pytest
from typer.testing import CliRunner

from skilldex.scan import scan_repo
from skilldex.scan.tasks.base import TaskDef
from skilldex.scan.tasks.compose import parse_compose, parse_compose_override
from skilldex.scan.tasks.parsing import TaskFileError
from skilldex.scan.tasks.procfile import parse_procfile

COMPOSE = """\
x-defaults: &defaults
  restart: unless-stopped
  environment:
    RAILS_ENV: development

services:
  # The primary database
  # (data in the pgdata volume)
  db:
    image: postgres:16
    ports:
      - "5432:5432"

  web:
    <<: *defaults
    build: .
    command: ["bin/rails", "server", "-b", "0.0.0.0"]
    ports: ["127.0.0.1:3000:3000", {target: 9229, published: "9229"}]
    depends_on: [db]
    labels:
      com.example.description: The Rails app

  mail:
    <<: *defaults
    image: mailhog/mailhog
    labels: ["org.opencontainers.image.description=Catches outgoing mail"]
    profiles: [debug]

  #  cache:
  #    image: redis
  worker:
    build:
      context: ./worker
    command: bundle exec sidekiq

volumes:
  pgdata:
"""


def tasks(root) -> dict:
    return {(i.runner, i.path, i.name): i for i in scan_repo(root).items if i.kind == "task"}


def summary(found: dict) -> dict:
    return {key: (t.line, t.description, t.run, t.command) for key, t in found.items()}


def test_compose_services_with_anchors_labels_profiles_and_comments(repo):
    found = tasks(repo({"compose.yaml": COMPOSE}))
    assert summary(found) == {
        ("compose", "compose.yaml", "db"): (
            9,
            "The primary database (data in the pgdata volume)",
            "docker compose up db",
            None,
        ),
        ("compose", "compose.yaml", "web"): (
            14,
            "The Rails app",
            "docker compose up web",
            "bin/rails server -b 0.0.0.0",
        ),
        ("compose", "compose.yaml", "mail"): (
            23,
            "Catches outgoing mail (profile: debug)",
            "docker compose up mail",
            None,
        ),
        # the commented-out `cache` service above it is not its description
        ("compose", "compose.yaml", "worker"): (
            31,
            "Built from ./worker",
            "docker compose up worker",
            "bundle exec sidekiq",
        ),
    }


def test_compose_description_from_image_ports_and_build():
    text = (
        "services:\n  db:\n    image: postgres:16\n    ports: ['5432:5432']\n"
        "  api:\n    build: ./api\n    ports: ['8000:8000', '127.0.0.1:9000:9000/tcp', '${PORT:-3000}:3000']\n"
        "  bare:\n    image: busybox\n"
    )
    assert [(t.name, t.description) for t in parse_compose(text)] == [
        ("db", "postgres:16 on port 5432"),
        ("api", "Built from ./api on ports 8000, 127.0.0.1:9000, ${PORT:-3000}:3000"),
        ("bare", "busybox"),
    ]


def test_compose_in_a_subfolder_variants_and_overrides(repo):
    found = tasks(
        repo(
            {
                "compose.yaml": "services:\n  db:\n    image: postgres:16\n  web:\n    build: .\n",
                # an override: `web` is the base file's (run merged by `docker compose up web`); `adminer` is new
                "compose.override.yaml": "services:\n  web:\n    volumes: ['.:/app']\n  adminer:\n    image: adminer\n",
                # a layer over the base file: it adjusts `web`, so all of it runs merged with compose.yaml
                "docker-compose.prod.yml": "services:\n  web:\n    environment: {RAILS_ENV: production}\n"
                "  proxy:\n    image: nginx\n    depends_on: [web]\n",
                # a file that stands alone
                "docker-compose.test.yml": "services:\n  tests:\n    build: .\n    command: pytest\n",
                "deploy/docker-compose.yml": "services:\n  app:\n    image: ghcr.io/acme/app\n",
                "docker-compose.example.yml": "services:\n  sample:\n    image: x\n",
                "tests/fixtures/compose.yaml": "services:\n  fixture:\n    image: x\n",
            }
        )
    )
    assert {key: t.run for key, t in found.items()} == {
        ("compose", "compose.override.yaml", "adminer"): "docker compose up adminer",
        ("compose", "compose.yaml", "db"): "docker compose up db",
        ("compose", "compose.yaml", "web"): "docker compose up web",
        ("compose", "deploy/docker-compose.yml", "app"): "cd deploy && docker compose up app",
        (
            "compose",
            "docker-compose.prod.yml",
            "web",
        ): "docker compose -f compose.yaml -f docker-compose.prod.yml up web",
        (
            "compose",
            "docker-compose.prod.yml",
            "proxy",
        ): "docker compose -f compose.yaml -f docker-compose.prod.yml up proxy",
        ("compose", "docker-compose.test.yml", "tests"): "docker compose -f docker-compose.test.yml up tests",
    }
    assert (
        found[("compose", "docker-compose.prod.yml", "web")].description
        == "Changes the base compose file's web service"
    )


def test_a_second_default_name_is_run_with_its_file(repo):
    found = tasks(
        repo(
            {"compose.yaml": "services:\n  a:\n    image: x\n", "docker-compose.yml": "services:\n  b:\n    image: y\n"}
        )
    )
    # compose picks compose.yaml by itself; the older name needs -f
    assert [t.run for t in found.values()] == ["docker compose up a", "docker compose -f docker-compose.yml up b"]


def test_an_override_lists_only_the_services_it_adds():
    assert [t.name for t in parse_compose_override("services:\n  web:\n    ports: ['80:80']\n")] == []


@pytest.mark.parametrize(
    "text, message, line",
    [
        ("services:\n  web: [\n", "invalid YAML", 3),
        ("version: '3'\nservices:\n  - web\n", "`services` is a list, not a mapping of service names", 2),
        ("services: postgres\n", "`services` is text, not a mapping of service names", 1),
        ("services:\n  web:\n    image: \x07\n", "control character U+0007", 3),
    ],
)
def test_a_broken_compose_file_is_a_finding(repo, text, message, line):
    catalogue = scan_repo(repo({"docker-compose.yml": text}))
    assert [i for i in catalogue.items if i.kind == "task"] == []
    (finding,) = [f for f in catalogue.findings if f.code == "SKD031"]
    assert (finding.path, finding.line) == ("docker-compose.yml", line)
    assert message in finding.message


def test_large_and_binary_files_are_findings_not_crashes(repo):
    catalogue = scan_repo(
        repo(
            {
                "compose.yaml": "services:\n" + "  # padding\n" * 500_000,  # over the 1 MB read limit
                "deploy/compose.yaml": "services:\n  a:\n    image: x\n" + "# c\n" * 80_000,  # over the compose limit
                "Procfile": b"web: \x00\xff\xfe junk",
            }
        )
    )
    assert [i for i in catalogue.items if i.kind == "task"] == []
    assert sorted((f.code, f.path) for f in catalogue.findings) == [
        ("SKD003", "Procfile"),
        ("SKD004", "compose.yaml"),
        ("SKD031", "deploy/compose.yaml"),
    ]


def test_hostile_names_never_reach_a_command_line(repo):
    found = tasks(
        repo(
            {
                "compose.yaml": 'services:\n  "--rm":\n    image: x\n  "a\\nb":\n    image: y\n'
                '  "$(id)":\n    image: z\n'
                "  ok.1:\n    image: w\n  x-ray:\n    image: v\n",
                "Procfile": "--rm: x\n$(id): y\nweb;id: z\n",
                "x;id/Procfile": "web: echo hi\n",
                "x;id/compose.yml": "services:\n  web:\n    image: x\n",
            }
        )
    )
    assert {key: t.run for key, t in found.items()} == {
        ("compose", "compose.yaml", "ok.1"): "docker compose up ok.1",
        ("compose", "compose.yaml", "x-ray"): "docker compose up x-ray",
        ("procfile", "x;id/Procfile", "web"): "cd 'x;id' && foreman start web",
        ("compose", "x;id/compose.yml", "web"): "cd 'x;id' && docker compose up web",
    }


def test_alias_bombs_and_many_anchors():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(8)
    )
    with pytest.raises(TaskFileError, match="alias bomb"):
        parse_compose(bomb + "services: {}\n")
    # a large stack merges its defaults into every service: more aliases than frontmatter ever has
    many = "x-d: &d {restart: always}\nservices:\n" + "".join(f"  s{i}:\n    <<: *d\n    image: x\n" for i in range(80))
    assert len(parse_compose(many)) == 80 and parse_compose(many)[79].line == 3 + 79 * 3


def test_old_layout_without_services_and_empty_files_have_no_tasks():
    assert parse_compose("web:\n  image: x\n") == []
    assert parse_compose("") == parse_compose("services:\n") == parse_compose("include: [other.yaml]\n") == []


@pytest.mark.parametrize(
    "parse, fixture",
    [(parse_procfile, "web: x\n# c\nworker: y\n"), (parse_compose, COMPOSE)],
    ids=["procfile", "compose"],
)
def test_parsers_never_crash_on_junk(parse, fixture):
    rng = random.Random(4321)
    inputs = ["", "\n", "\x00", "\ufeff", ":", "[", "{", "\t", "services:", "services:\n  :", "services: {a: 1}"]
    for _ in range(100):
        inputs.append(bytes(rng.randrange(256) for _ in range(rng.randrange(400))).decode("latin-1"))
    inputs += [fixture[:cut] for cut in range(0, len(fixture), 7)]
    inputs += ["".join(rng.sample(fixture, len(fixture))) for _ in range(20)]
    inputs += ["[" * 5000, "{" * 5000, "a: " * 2000, "x:\n" * 5000]
    for text in inputs:
        try:
            result = parse(text)
        except TaskFileError:
            continue
        assert all(isinstance(task, TaskDef) for task in result)


def test_cli_lists_them_and_the_json_matches_the_schema(repo):
    from skilldex.cli.app import app, register

    root = repo({"Procfile.dev": "web: bin/rails server\n", "compose.yaml": COMPOSE})
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    register()
    runner = CliRunner()
    schema = json.loads(runner.invoke(app, ["schema"]).stdout)
    result = runner.invoke(app, ["list", str(root), "--kind", "task", "--json"], env={"SKILLDEX_WORKSPACE": ""})
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    jsonschema.validate(data, schema)
    assert [(i["runner"], i["name"], i["run"]) for i in data["items"]] == [
        ("procfile", "web", "foreman start -f Procfile.dev web"),
        ("compose", "db", "docker compose up db"),
        ("compose", "web", "docker compose up web"),
        ("compose", "mail", "docker compose up mail"),
        ("compose", "worker", "docker compose up worker"),
    ]
