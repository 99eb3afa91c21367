"""Capability tags come from strong places: names, leads, what a workflow runs on; not from variables and paths."""

from __future__ import annotations

from skilldex import capabilities
from skilldex.scan import scan_repo


def _items(root):
    return {item.name: item for item in scan_repo(root).items}


def test_the_body_speaks_only_when_the_name_and_lead_say_nothing(repo):
    root = repo(
        {
            ".claude/skills/secrets/SKILL.md": (
                "---\nname: secrets\ndescription: |\n  Secret management patterns for the homelab platform.\n"
                "  Covers the app-secrets Terragrunt module and Terragrunt stacks.\n---\n# Secrets\n"
            ),
            ".claude/skills/helper/SKILL.md": (
                "---\nname: helper\ndescription: |\n  Helps with the homelab.\n"
                "  Covers the app-secrets Terragrunt module and Terragrunt stacks.\n---\n# Helper\n"
            ),
        }
    )
    items = _items(root)
    assert items["secrets"].capabilities == ["secrets"]  # "Terragrunt" twice in the body is not what it is for
    assert items["helper"].capabilities == ["infrastructure"]  # with nothing stronger, the body says it


def test_variable_names_and_folders_of_paths_signal_nothing():
    assert capabilities.infer_fields(("Enhance the base $SENTRY_IMAGE with plugins",)) == []
    assert capabilities.infer_fields(("Then set `LINEAR_API_KEY` in .env.local",)) == []
    assert capabilities.infer_fields(("Reads ./deploy/docker/settings.yml",)) == []
    assert capabilities.infer_fields(("Show compose service logs",), ("docker compose -f deploy/x/y.yml logs -f",)) == [
        "logs"
    ]
    assert capabilities.infer_fields(("Run the CI/CD pipeline",)) == ["ci"]  # CI/CD is no path
    assert capabilities.infer_fields(("Store the API key in the vault",)) == ["secrets"]


def test_a_schema_migration_is_database_work():
    assert capabilities.infer_fields(("Runs: pnpm docker && pnpm db:migrate",), names=("migrate",)) == [
        "database",
        "migrations",
    ]
    assert capabilities.infer_fields(("Migrate LoadBalancer IPs from L2 to BGP",)) == ["infrastructure"]


def test_a_repo_named_for_a_capability_still_says_it(tmp_path):
    for name, expected in (("infrastructure", ["infrastructure"]), ("terraform", [])):
        root = tmp_path / name
        (root / "docs").mkdir(parents=True)
        (root / "docs" / "runbook.md").write_text(f"# {name.title()} runbook\n\nApply the stacks.\n")
        assert [i.capabilities for i in scan_repo(root).items if i.path == "docs/runbook.md"] == [expected]


def test_a_workflow_that_runs_on_pull_requests_is_ci(repo):
    steps = "jobs:\n  main:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n"
    root = repo(
        {
            ".github/workflows/integration-tests.yml": (
                "name: Integration Tests\non:\n  pull_request:\n  workflow_dispatch:\n" + steps
            ),
            ".github/workflows/deploy.yml": "name: Deploy API\non:\n  push:\n  workflow_dispatch:\n" + steps,
            ".github/workflows/labeler.yml": (
                "name: Labeler\non:\n  pull_request_target:\n  workflow_dispatch:\n"
                "jobs:\n  labeler:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/labeler@v5\n"
            ),
        }
    )
    items = _items(root)
    assert items["integration-tests"].capabilities == ["testing", "ci"]
    assert items["deploy"].capabilities == ["deploy"]
    assert items["labeler"].capabilities == []  # it labels pull requests and checks nothing


def test_compose_services_running_the_repos_own_code_are_not_capabilities(repo):
    root = repo(
        {
            "docker-compose.yml": (
                "services:\n"
                "  ingest-monitors:\n    build: ./sentry\n    command: run consumer ingest-monitors\n"
                '  snuba-metrics-consumer:\n    image: "$SNUBA_IMAGE"\n'
                "  # Prometheus scraping the metrics of every service\n"
                "  metrics:\n    build: ./metrics\n"
                "  postgres:\n    image: postgres:17.5\n"
            ),
        }
    )
    items = _items(root)
    assert items["ingest-monitors"].capabilities == []
    assert items["snuba-metrics-consumer"].capabilities == []
    assert items["metrics"].capabilities == ["monitoring"]  # described by its comment
    assert items["postgres"].capabilities == ["database"]


def test_steps_that_set_a_workflow_up_say_nothing(repo):
    root = repo(
        {
            ".github/workflows/renovate.yaml": (
                "name: Renovate\non:\n  workflow_dispatch:\njobs:\n  main:\n    runs-on: ubuntu-latest\n    steps:\n"
                "      - name: Get Token\n        run: x\n      - name: Checkout\n        run: x\n"
                "      - name: Run Renovate\n        run: x\n"
            ),
            ".github/workflows/rotate.yaml": (
                "name: Nightly\non:\n  workflow_dispatch:\njobs:\n  main:\n    runs-on: ubuntu-latest\n    steps:\n"
                "      - name: Rotate the database password\n        run: x\n"
            ),
        }
    )
    items = _items(root)
    assert items["renovate"].capabilities == []  # "Get Token" is how it logs in, not secrets work
    assert items["rotate"].capabilities == ["database", "secrets"]
