"""What a package installed, and the parts of helpers, rank below the repo's own tooling: listed, never headlines."""

from __future__ import annotations

import json

from skilldex.importance import HEADLINE_FLOOR, is_record
from skilldex.index.refresh import repo_index
from skilldex.scan import scan_repo
from skilldex.startup import groups, headlines, render


def skill(name: str, description: str) -> str:
    return f"---\nname: {name}\ndescription: {description}\n---\n\n# {name}\n"


def _rows(root):
    index = repo_index(root, "app")
    try:
        return {(r.kind, r.path, r.name): r for r in index.rows}, render([index])
    finally:
        index.close()


def test_skills_a_package_installed_are_never_headlines(repo):
    root = repo(
        {
            "boost.json": json.dumps({"agents": ["claude_code"], "skills": ["pest-testing"]}),
            "skills-lock.json": json.dumps({"version": 1, "skills": {"shadcn": {"source": "shadcn/ui"}}}),
            ".claude/skills/pest-testing/SKILL.md": skill("pest-testing", "Write and run Pest tests."),
            ".agents/skills/pest-testing/SKILL.md": skill("pest-testing", "Write and run Pest tests."),
            ".claude/skills/shadcn/SKILL.md": skill("shadcn", "Test and style shadcn components."),
            ".claude/skills/run-tests/SKILL.md": skill("run-tests", "Run the test suite in the dev container."),
        }
    )
    installed = {i.path: i.installed_by for i in scan_repo(root).items if i.kind == "skill"}
    assert installed == {
        ".claude/skills/pest-testing/SKILL.md": "boost.json",
        ".agents/skills/pest-testing/SKILL.md": "boost.json",  # the copy for other agents: the same package's
        ".claude/skills/shadcn/SKILL.md": "skills-lock.json",
        ".claude/skills/run-tests/SKILL.md": None,
    }
    rows, brief = _rows(root)
    pest = rows[("skill", ".claude/skills/pest-testing/SKILL.md", "pest-testing")]
    assert pest.importance <= HEADLINE_FLOOR
    assert "installed by a package (boost.json): not written for this repo" in pest.why
    assert rows[("skill", ".claude/skills/run-tests/SKILL.md", "run-tests")].importance > HEADLINE_FLOOR
    testing = brief.split("### testing\n", 1)[1].split("###", 1)[0].splitlines()
    assert testing[0].startswith("- run-tests (skill):")  # the repo's own first, the packages' still listed
    assert any(line.startswith("- pest-testing (skill):") for line in testing)


def test_a_manifest_that_is_no_list_of_skills_installs_nothing(repo):
    root = repo(
        {
            "boost.json": "[1, 2",  # not JSON
            "skills-lock.json": json.dumps(["pest-testing"]),  # not an object
            ".claude/skills/pest-testing/SKILL.md": skill("pest-testing", "Write and run Pest tests."),
        }
    )
    assert [i.installed_by for i in scan_repo(root).items if i.kind == "skill"] == [None]


def test_subcommands_of_a_helper_script_are_helpers_too(repo):
    root = repo(
        {
            "Makefile": "deploy: ## Deploy the cluster\n\tscripts/cluster.sh deploy\n",
            "scripts/cluster.sh": '#!/bin/bash\ncase "$1" in\n  deploy)\n    kubectl apply -f k8s\n    ;;\n'
            "  password)\n    kubectl get secret admin -o yaml\n    ;;\nesac\n",
        }
    )
    rows, _ = _rows(root)
    helper = rows[("task", "scripts/cluster.sh", "password")]
    assert helper.importance <= HEADLINE_FLOOR and "an internal helper (run by task deploy)" in helper.why
    assert rows[("task", "Makefile", "deploy")].importance > 0


def test_an_example_compose_file_is_the_stack_when_none_sits_beside_it(repo):
    stack = "services:\n  web:\n    image: app\n  db:\n    image: postgres:16\n"
    root = repo({"compose.example.yml": stack, "deploy/compose.yml": stack, "deploy/compose.example.yml": stack})
    found = sorted((i.path, i.name) for i in scan_repo(root).items if i.kind == "task")
    assert found == [
        ("compose.example.yml", "db"),
        ("compose.example.yml", "web"),
        ("deploy/compose.yml", "db"),  # beside the real one, the example is a copy
        ("deploy/compose.yml", "web"),
    ]
    run = next(i.run for i in scan_repo(root).items if i.path == "compose.example.yml")
    assert run == "docker compose -f compose.example.yml up web"


def test_records_module_references_and_one_off_migrations_are_never_headlines(repo):
    root = repo(
        {
            "1-org/modules/centralized-logging/README.md": "# Centralized logging\n\nLog sinks for the org.\n",
            "lib/tasks/data_migration.rake": "namespace :data_migration do\n  desc 'Migrate the EU webhooks'\n"
            "  task eu_webhooks: :environment do\n  end\nend\n",
            "lib/tasks/db.rake": "namespace :db do\n  desc 'Migrate the schema'\n  task migrate_all: :environment do\n"
            "  end\nend\n",
        }
    )
    rows, _ = _rows(root)
    by_path = {(path, name): row for (_, path, name), row in rows.items()}
    module = by_path[("1-org/modules/centralized-logging/README.md", "centralized-logging/README")]
    assert module.importance <= HEADLINE_FLOOR and "a module's reference" in module.why
    assert is_record("doc", "ERRATA.md")  # where the code differs from a guide: a record
    one_off = by_path[("lib/tasks/data_migration.rake", "data_migration:eu_webhooks")]
    assert "a one-off data migration" in one_off.why and one_off.importance <= HEADLINE_FLOOR
    assert by_path[("lib/tasks/db.rake", "db:migrate_all")].importance > 0


def test_a_data_store_service_is_not_cited_by_texts_naming_its_software(repo):
    stack = "services:\n  postgres:\n    image: postgres:16\n  api-worker:\n    build: .\n"
    root = repo(
        {
            "docker-compose.yml": stack,
            ".claude/skills/psql/SKILL.md": skill("psql", "Connect to postgres with psql."),
            ".claude/skills/restart/SKILL.md": skill("restart", "Restart the api-worker service."),
        }
    )
    rows, _ = _rows(root)
    assert "cited" not in rows[("task", "docker-compose.yml", "postgres")].why  # "postgres" is the database
    assert "cited by 1 other item" in rows[("task", "docker-compose.yml", "api-worker")].why


def test_an_everyday_word_in_a_command_is_no_script(repo):
    """`bun run build` does not run `scripts/run`: only a path or a specific name (`deploy.sh`) names a script."""
    root = repo(
        {
            "package.json": '{"scripts": {"build": "vite build && bun run check", "ship": "deploy.sh prod"}}',
            "scripts/run": "#!/bin/bash\nfunction logs {\n  tail -f app.log\n}\n"
            'function up {\n  docker compose up\n}\n"$@"\n',
            "scripts/deploy.sh": "#!/bin/bash\nkubectl apply -f k8s\n",
        }
    )
    rows, _ = _rows(root)
    assert "internal helper" not in rows[("tool", "scripts/run", "run")].why
    assert "internal helper" not in rows[("task", "scripts/run", "logs")].why
    assert "an internal helper (run by task ship)" in rows[("tool", "scripts/deploy.sh", "deploy.sh")].why


def test_a_container_entrypoint_is_the_images_not_a_headline(repo):
    entry = '#!/bin/bash -e\n# Prepare the database before the server starts\nbin/rails db:prepare\nexec "$@"\n'
    root = repo(
        {
            "bin/docker-entrypoint": entry,
            "docker/entrypoint.d/10-migrate.sh": entry,
            "docker/entrypoint-worker.sh": entry,
            "scripts/migrate.sh": entry,
        }
    )
    rows, _ = _rows(root)
    for path in ("bin/docker-entrypoint", "docker/entrypoint.d/10-migrate.sh", "docker/entrypoint-worker.sh"):
        row = next(r for (kind, p, _), r in rows.items() if p == path)
        assert row.importance <= HEADLINE_FLOOR and "the entrypoint of a container image" in row.why
    assert "entrypoint" not in rows[("tool", "scripts/migrate.sh", "migrate.sh")].why


def test_a_root_contributing_guide_can_lead_what_it_explains_while_the_agent_files_cannot(repo):
    """CLAUDE.md, AGENTS.md and the README are read first anyway; CONTRIBUTING.md is read for what it explains."""
    guide = "# {0}\n\n## Running the tests\n\nRun `pytest -q` in the dev container.\n"
    root = repo({"CONTRIBUTING.md": guide.format("Contributing"), "CLAUDE.md": guide.format("Notes for agents")})
    rows, _ = _rows(root)
    contributing = rows[("doc", "CONTRIBUTING.md", "CONTRIBUTING")]
    assert contributing.importance > HEADLINE_FLOOR and "read first" not in contributing.why
    assert "the repo's own guide: read first" in rows[("doc", "CLAUDE.md", "CLAUDE.md")].why


def test_the_same_task_name_heads_a_capability_once(repo):
    """`postgres` in five compose files is one name five times: the best ranked stands for them."""
    stack = "services:\n  postgres:\n    image: postgres:16\n  web:\n    build: .\n"
    root = repo({f"{name}/docker-compose.yml": stack for name in ("dev", "prod", "ci", "nightly")})
    index = repo_index(root, "app")
    try:
        database = groups(list(index.rows))["database"]
    finally:
        index.close()
    assert [r.name for r in database] == ["postgres"] * 4
    assert [r.path for r in headlines(database, 3)] == ["ci/docker-compose.yml"]  # then by path: one stands
