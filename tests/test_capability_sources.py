"""Where an item's tags come from when its name says little: a compose service's Dockerfile, the Terraform beside a
README, the actions a workflow uses, and the word senses of Ruby's tooling."""

from __future__ import annotations

import os
from pathlib import Path

from skilldex.capabilities import infer, runs
from skilldex.scan import scan_repo


def _repo(tmp_path: Path, files: dict[str, str]) -> dict[tuple[str, str], list[str]]:
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        if rel.startswith("bin/") or rel.endswith(".sh"):
            os.chmod(path, 0o755)
    return {(item.path, item.name): item.capabilities for item in scan_repo(tmp_path).items}


def test_a_service_built_here_is_the_image_its_one_stage_dockerfile_starts_from(tmp_path):
    compose = (
        "services:\n  grafana-server:\n    build: ./docker/grafana\n  prom:\n    build:\n      context: docker\n"
        "      dockerfile: prom.Dockerfile\n  web:\n    build: ./web\n  api:\n    build: .\n"
    )
    tags = _repo(
        tmp_path,
        {
            "docker-compose.yml": compose,
            "docker/grafana/Dockerfile": "FROM grafana/grafana:5.2.4\nADD ./dashboards /var/lib/grafana/dashboards\n",
            "docker/prom.Dockerfile": "FROM --platform=linux/amd64 prom/prometheus:v2.4.2\n",
            "web/Dockerfile": "FROM node:20 AS build\nRUN npm run build\nFROM nginx:alpine\n",  # the app, served
            "Dockerfile": "FROM python:3.12\n",
        },
    )
    assert tags[("docker-compose.yml", "grafana-server")] == ["monitoring"]
    assert tags[("docker-compose.yml", "prom")] == ["monitoring"]
    assert tags[("docker-compose.yml", "web")] == []  # two stages: the repo's own app, not nginx
    assert tags[("docker-compose.yml", "api")] == []  # a language's image says nothing


def test_a_terraform_modules_readme_is_infrastructure_not_access_or_cloud(tmp_path):
    readme = "# VPN HA\n\nThis module creates an HA VPN between the shared VPC and the on-premises network.\n"
    tags = _repo(
        tmp_path,
        {
            "modules/vpn-ha/README.md": readme,
            "modules/vpn-ha/main.tf": 'resource "google_compute_ha_vpn_gateway" "gw" {}\n',
            "docs/vpn-ha/README.md": readme,  # no Terraform beside it: what its words say
        },
    )
    assert tags[("modules/vpn-ha/README.md", "vpn-ha/README")] == ["infrastructure"]
    assert tags[("docs/vpn-ha/README.md", "vpn-ha/README")] == ["access"]  # its title: a VPN


def test_a_workflow_named_for_its_work_also_does_what_its_actions_do(tmp_path):
    steps = (
        "    steps:\n      - uses: actions/checkout@v4\n      - uses: docker/build-push-action@v6\n"
        "      - uses: peter-evans/create-pull-request@v7\n"
    )
    workflow = f"name: Publish image\non: workflow_dispatch\njobs:\n  go:\n{steps}"
    tags = _repo(tmp_path, {".github/workflows/publish.yml": workflow})
    # a release that builds its image builds too; the pull request it opens delivers the result
    assert tags[(".github/workflows/publish.yml", "publish")] == ["deploy", "build"]


def test_ruby_and_java_tooling_in_its_own_senses():
    of = runs.of_commands
    assert of("bundle exec sidekiq") == {}  # Bundler runs a gem: no asset bundle
    assert of("bundle exec foreman start -f Procfile.dev") == {"infrastructure": 1}  # the local stack
    assert of("bin/rails tailwindcss:watch") == {"build": 1}
    assert of("./mvnw -B package") == {"build": 1}
    assert of("./mvnw test") == {"testing": 1}
    assert of("bin/brakeman --no-pager") == {"quality": 1}
    assert infer("Runs bundle from the bundler gem") == []
    assert infer("bundle the assets with esbuild") == ["build"]
    assert infer("Apache Maven Wrapper startup script") == ["build"]


def test_words_whose_capability_the_labels_settled():
    assert infer("redis") == ["database"]  # a data store
    assert infer("Create invite code(s)") == ["access"]
    assert infer("Benchmark specific code") == ["testing"]
    assert infer("call chaos monkey assaults") == ["testing"]
    assert infer("Reset the root password") == []  # a user's password to sign in with: no secret
    assert infer("rotate the database password") == ["database", "secrets"]


def test_a_check_on_pull_requests_is_ci_not_git(tmp_path):
    steps = "    steps:\n      - run: make test\n"
    workflow = f"name: Pull Request\non:\n  pull_request:\njobs:\n  go:\n{steps}"
    tags = _repo(tmp_path, {".github/workflows/pr.yml": workflow})
    assert tags[(".github/workflows/pr.yml", "pr")] == ["testing", "ci"]  # its name says when it runs


def test_a_repo_named_for_what_it_holds_still_says_so(tmp_path):
    files = {"docs/runbooks/plan.md": "# Terraform plan\n\nHow to plan a change.\n"}
    for name in ("terraform-example-foundation", "terraform"):
        root = tmp_path / name
        for rel, text in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text)
    several = {i.path: i.capabilities for i in scan_repo(tmp_path / "terraform-example-foundation").items}
    one = {i.path: i.capabilities for i in scan_repo(tmp_path / "terraform").items}
    assert several["docs/runbooks/plan.md"] == ["infrastructure"]
    assert one["docs/runbooks/plan.md"] == []  # the product's own name is everywhere in it: it says nothing
    assert infer("Deploy all jobs in Nomad") == ["deploy", "infrastructure"]


def test_a_script_named_only_install_or_upgrade_deploys_the_product(tmp_path):
    body = "#!/bin/sh\nset -e\ndocker compose pull\n"
    tags = _repo(
        tmp_path,
        {
            "install.sh": body,
            "scripts/upgrade.sh": body,
            "scripts/install-crd.sh": "#!/bin/sh\nkubectl apply -f crd.yaml\n",
            ".devcontainer/features/tools/install.sh": "#!/bin/sh\napt-get install -y jq\n",
        },
    )
    assert tags[("install.sh", "install.sh")] == ["deploy"]
    assert tags[("scripts/upgrade.sh", "upgrade.sh")] == ["deploy"]
    assert tags[("scripts/install-crd.sh", "install-crd.sh")] == ["infrastructure"]  # says what it installs
    assert tags[(".devcontainer/features/tools/install.sh", "install.sh")] == []  # sets up the dev container


def test_a_release_pipeline_deploys_and_a_record_reconciliation_is_no_gitops():
    assert infer("Create and push a tag, triggering the release pipeline.") == ["deploy"]
    assert infer("Reconcile finding status with JIRA issue status") == []
    assert infer("Reconcile the Flux kustomization") == ["deploy"]


def test_a_taskfile_style_script_is_about_the_tasks_it_offers(tmp_path):
    runner = (
        "#!/usr/bin/env bash\nset -e\n\nfunction logs {\n  docker compose exec app tail -f storage/logs/app.log\n}\n"
        "function test {\n  docker compose exec -T app php artisan test\n}\nfunction db:reset {\n"
        "  docker compose exec app php artisan migrate:fresh --seed\n}\n"
        "function shell {\n  docker compose exec app sh\n}\n"
        '\nTIMEFORMAT="Task completed in %3lR"\ntime "${@:-default}"\n'
    )
    library = runner.replace('time "${@:-default}"', 'retry() {\n  "$@"\n}\necho loaded')  # sourced, runs no task
    tags = _repo(tmp_path, {"scripts/run": runner, "scripts/lib": library})
    assert tags[("scripts/run", "run")] == ["database", "migrations", "logs", "testing"]
    assert tags[("scripts/lib", "lib")] == ["migrations", "testing"]  # only what its commands run: no logs
    assert runs.dispatched(runner) == ["logs", "test", "db:reset", "shell"]
    assert runs.dispatched(library) == []


def test_php_scripts_and_namespaced_commands_are_looked_through():
    of = runs.of_commands
    assert of("php artisan migrate --force") == {"migrations": 1}
    assert of("php artisan migrate:fresh --seed") == {"migrations": 1}  # a command of the migrate namespace
    assert of("bin/rails db:migrate:status") == {"migrations": 1}


def test_a_guide_shows_the_systems_among_its_many_test_commands():
    from skilldex.capabilities import systems_run

    tests = "php artisan test\n" * 6
    assert systems_run(tests + "docker compose up -d\ndocker compose up -d\n") == ["infrastructure"]
    assert systems_run(tests + "docker compose up -d\n") == []  # a passing step among twenty tests
    assert systems_run("docker compose up -d\n") == ["infrastructure"]  # all it shows
    # the provider it works in, not the login that sets its reader up
    assert systems_run(tests + "gcloud auth login\ngcloud auth application-default login\n") == ["cloud"]


def test_a_workflow_of_the_product_is_no_ci_and_a_waf_is_infrastructure():
    assert infer("Leveraging Risk Acceptances", "findings workflows") == []  # the product's own workflows
    assert infer("Run the github workflow again") == ["ci"]
    assert infer("Add an exception to the WAF rule") == ["infrastructure"]


def test_a_contributing_guide_is_about_the_systems_its_commands_run(tmp_path):
    guide = (
        "# Contributing to Acme\n\nWelcome.\n\n## 1. Start\n\n```sh\ndocker compose up -d\ndocker compose up -d web\n"
        "php artisan migrate\nphp artisan migrate:fresh --seed\n```\n"
    )
    tags = _repo(tmp_path, {"DEVELOPMENT.md": guide, "docs/notes.md": guide})
    assert tags[("DEVELOPMENT.md", "DEVELOPMENT")] == ["migrations", "infrastructure"]
    assert tags[("docs/notes.md", "notes")] == []  # no guide: its title and headings say nothing


def test_building_a_feature_or_view_is_writing_code_and_test_emails_are_no_tests():
    assert infer("Build, refactor, and troubleshoot Laravel Actions") == []
    assert infer("Provides instructions for building TUI views in the CLI") == []
    assert infer("Build the frontend bundle") == ["build"]
    assert infer("Send out test / prod emails") == []
    assert infer("Run the unit tests") == ["testing"]
    assert infer("Sample application built with Spring Cloud") == []  # a framework, no cloud provider


def test_a_task_named_for_nothing_is_what_the_repo_script_it_runs_is_named_for(tmp_path):
    makefile = (
        "clean-all:\n\tscripts/cluster.sh clean-all\n\nkubeconfig:\n\tscripts/cluster.sh get-kubeconfig\n\n"
        "tidy:\n\tscripts/tidy.sh\n"
    )
    tags = _repo(tmp_path, {"Makefile": makefile, "scripts/cluster.sh": "#!/bin/sh\necho $1\n", "scripts/tidy.sh": ""})
    assert tags[("Makefile", "clean-all")] == ["infrastructure"]
    assert tags[("Makefile", "kubeconfig")] == ["access"]  # its own name says what it does
    assert tags[("Makefile", "tidy")] == []
    assert runs.script_of("./scripts/cluster.sh deploy-odf") == "cluster"
    assert runs.script_of("terraform apply") == ""


def test_a_make_task_in_a_folder_is_what_the_folder_and_its_name_say():
    of = runs.of_commands
    assert of("$(MAKE) -C iac/provider-$(PROVIDER) plan") == {"infrastructure": 1}  # infrastructure as code
    assert of("$(MAKE) -C iac/provider-$(PROVIDER) provider-login") == {"access": 1}  # its name says what it does
    assert of("make -C packages/db migrate") == {"migrations": 1, "database": 1}
    assert of("make -C packages/api build") == {"build": 1}
    assert of("$(MAKE) deploy") == {"deploy": 1}  # $(MAKE) is make


def test_certificates_are_secrets_and_a_script_run_by_bash_is_named_for_its_subject():
    assert infer("Upload the certificates to Unifi") == ["secrets", "storage"]
    assert infer("generate-certs") == ["secrets"]
    assert runs.script_of("bash ./hack/dev/generate-x509-certs.sh ./hack/dev/certs") == "generate-x509-certs"
