"""Capabilities from what a recipe, a workflow or a script runs: the program and its subcommand, read, never run."""

from __future__ import annotations

import os
from pathlib import Path

from skilldex.capabilities import runs
from skilldex.capabilities.runs import of_ends
from skilldex.scan import scan_repo


def test_a_program_and_its_subcommand_say_what_a_command_does():
    of = runs.of_commands
    assert of("terraform apply -auto-approve") == {"infrastructure": 1}
    assert of("terraform fmt -recursive") == {"quality": 1}  # the longest key wins over the program's own
    assert of("kubectl logs -n app deploy/api") == {"logs": 1}
    assert of("kubectl port-forward -n monitoring svc/tempo 4317:4317") == {"access": 1}
    assert of("pg_dump -Fc app > app.dump") == {"backup": 1, "database": 1}
    assert of("helm lint charts/app && helm upgrade --install app charts/app") == {"quality": 1, "deploy": 1}
    assert of("docker compose -f docker-compose.infra.yml up -d") == {"infrastructure": 1}
    assert of("docker-compose logs -f web") == {"logs": 1}


def test_wrappers_variables_and_assignments_are_looked_through():
    of = runs.of_commands
    assert of("$(tf_vars) $(TF) apply $(TF_VAR_FILE_ARG) -target=module.init") == {"infrastructure": 1}
    assert of("$(goose) status") == {"migrations": 1}  # a Makefile's variable named for the program
    assert of("RUST_LOG=info sudo -E cargo test --lib") == {"testing": 1}
    assert of("uv run pytest -q") == {"testing": 1}
    assert of("python3 -m pytest tests") == {"testing": 1}
    assert of("python manage.py migrate --noinput") == {"migrations": 1}
    assert of("docker compose run --rm web python manage.py loaddata seed.json") == {"data": 1}
    assert of("kubectl exec -it deploy/api -- sh") == {}  # a shell in a container says nothing
    assert of("$(CLUSTER_SCRIPT) deploy-odf") == {}  # a variable the table does not know names no program


def test_a_called_task_says_what_its_name_says_but_not_its_settings():
    of = runs.of_commands
    assert of("pnpm run tsc:build && pnpm publish --access public") == {"build": 1, "deploy": 1}
    assert of("task goose-migrate") == {"migrations": 1}
    # its folder counts as what it is named for (infrastructure as code), not as where (a provider), nor ENV=prod
    assert of("$(MAKE) -C iac/provider-gcp plan ENV=prod") == {"infrastructure": 1}
    assert of("pnpm docker && pnpm db:migrate") == {"migrations": 1, "database": 1}  # docker: where, not what
    assert of("echo done && cd .. && true") == {}


def test_first_and_last_commands_past_chores_and_a_preview_cut_short():
    assert of_ends("yarn build && yarn test && node deploy") == {"build"}  # node deploy: no program of the table
    assert of_ends("helm template charts/app | kubeconform --strict") == {"infrastructure", "quality"}
    assert of_ends("mkdir -p out && docker build -t app . && echo built") == {"build"}
    assert of_ends("docker compose up -d --build && sleep 5 && … (+1 more)") == {"infrastructure"}
    assert of_ends("") == frozenset()


def _repo(tmp_path: Path, files: dict[str, str]) -> dict[tuple[str, str], list[str]]:
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        if rel.endswith(".sh"):
            os.chmod(path, 0o755)
    return {(item.path, item.name): item.capabilities for item in scan_repo(tmp_path).items}


def test_tasks_of_every_runner_are_tagged_from_what_their_recipes_run(tmp_path):
    tags = _repo(
        tmp_path,
        {
            "Makefile": (
                "apply-init:\n\t$(TF) apply -target=module.init\n"
                "status:\n\t$(goose) status\n"
                "setup-ssh:\n\tgcloud compute config-ssh --project $(PROJECT)\n"
                "build-debug:\n\tgo mod download && go vet ./...\n"
            ),
            "justfile": "install-crd:\n    kubectl apply -f yaml/crd.yaml\n",
            "package.json": '{"scripts": {"login": "aws ecr get-login-password | docker login --password-stdin x"}}',
        },
    )
    assert tags[("Makefile", "apply-init")] == ["infrastructure"]
    assert tags[("Makefile", "status")] == ["migrations"]
    assert tags[("Makefile", "setup-ssh")] == ["cloud", "access"]
    assert tags[("Makefile", "build-debug")] == ["build", "quality"]  # named for a build, and it vets the code
    assert tags[("justfile", "install-crd")] == ["infrastructure"]
    # the program says what it does; its flag's word (--password-stdin) is no secret
    assert tags[("package.json", "login")] == ["cloud", "access"]


def test_a_workflow_named_for_nothing_is_what_its_steps_run(tmp_path):
    steps = "    steps:\n      - uses: actions/checkout@v4\n      - run: terraform init && terraform apply\n"
    tags = _repo(
        tmp_path,
        {
            ".github/workflows/nightly.yml": f"name: Nightly\non: workflow_dispatch\njobs:\n  go:\n{steps}",
            ".github/workflows/backup.yml": f"name: Backup\non: workflow_dispatch\njobs:\n  go:\n{steps}",
        },
    )
    assert tags[(".github/workflows/nightly.yml", "nightly")] == ["infrastructure"]
    assert tags[(".github/workflows/backup.yml", "backup")] == ["backup"]  # named for it: its steps add nothing


def test_a_script_that_says_nothing_is_what_most_of_its_commands_serve(tmp_path):
    body = "#!/bin/sh\nset -eu\nterraform init\nterraform plan -out plan\naws sts get-caller-identity\n"
    tags = _repo(
        tmp_path,
        {
            "scripts/plan.sh": body,
            "scripts/rotate-token.sh": body,  # its name says what it does: its body adds nothing
            "scripts/teardown.sh": "#!/bin/sh\n" + "aws ec2 terminate-instances --ids x\n" * 4 + "vault kv get x\n",
            "bin/export-models.sh": "#!/bin/sh\ngit checkout a\n./manage.py dumpdata core\ngit checkout b\n",
            "bin/sync.sh": "#!/bin/sh\ngit fetch origin\ngit reset --hard origin/main\n",
        },
    )
    assert tags[("scripts/plan.sh", "plan.sh")] == ["cloud", "infrastructure"]
    assert tags[("scripts/rotate-token.sh", "rotate-token.sh")] == ["secrets"]
    assert tags[("scripts/teardown.sh", "teardown.sh")] == ["cloud", "infrastructure"]  # a passing secret read
    assert tags[("bin/export-models.sh", "export-models.sh")] == ["data"]  # git only gets it at its work
    assert tags[("bin/sync.sh", "sync.sh")] == ["git"]


def test_the_services_of_a_compose_file_for_tests_are_a_test_setup(tmp_path):
    services = "services:\n  db:\n    image: postgres:16\n  api:\n    build: .\n  api-tests:\n    build: .\n"
    tags = _repo(tmp_path, {"compose.yml": services, "compose.tests.integration.yml": services})
    assert tags[("compose.yml", "db")] == ["database"]
    assert tags[("compose.yml", "api")] == []  # a part of the product, named for its part in it
    assert tags[("compose.yml", "api-tests")] == ["testing"]  # the product's own code, running its tests
    assert tags[("compose.tests.integration.yml", "db")] == ["database", "testing"]
    assert tags[("compose.tests.integration.yml", "api")] == ["testing"]


def test_a_guide_is_about_the_systems_its_commands_run_not_how_it_builds_and_tests(tmp_path):
    guide = (
        "# Acme\n\nThe Acme service.\n\n## Use\n\n```sh\nmake test\nnpm run build\noc get nodes\noc apply -f x.yaml\n"
        "kubectl get pods\n```\n"
    )
    tags = _repo(tmp_path, {"AGENTS.md": guide, "docs/runbooks/acme.md": guide})
    assert tags[("AGENTS.md", "AGENTS.md")] == ["infrastructure"]  # three cluster commands; building and testing
    assert tags[("docs/runbooks/acme.md", "acme")] == []  # no guide: its path, title and headings say nothing


def test_a_python_script_that_says_nothing_is_what_the_sdks_it_imports_drive(tmp_path):
    script = "#!/usr/bin/env python3\nimport sys\nimport boto3\nfrom google.cloud import storage\n\nprint(sys.argv)\n"
    tags = _repo(tmp_path, {"scripts/set_keywords.py": script, "scripts/rotate_secret.py": script})
    assert tags[("scripts/set_keywords.py", "set_keywords.py")] == ["cloud"]
    assert tags[("scripts/rotate_secret.py", "rotate_secret.py")] == ["secrets"]  # its name says what it does


def test_settings_before_a_command_and_git_steps_that_deliver_a_result_say_nothing(tmp_path):
    steps = "    steps:\n      - run: |\n          ./bump.sh\n          git commit -am bump && git push\n"
    stale = "    steps:\n      - uses: actions/stale@v9\n"
    tags = _repo(
        tmp_path,
        {
            "Makefile": 'run:\n\tclickhouse_password="$(PW)" PASSWORD=x otelcol --config local.yaml\n',
            ".github/workflows/pin-bump.yml": f"name: Pin bump\non: workflow_dispatch\njobs:\n  go:\n{steps}",
            ".github/workflows/tidy.yml": f"name: Tidy\non: workflow_dispatch\njobs:\n  go:\n{stale}",
        },
    )
    assert tags[("Makefile", "run")] == []  # no database, no secret: settings of what it runs
    assert tags[(".github/workflows/pin-bump.yml", "pin-bump")] == []  # its commit and push deliver the bump
    assert tags[(".github/workflows/tidy.yml", "tidy")] == ["git"]  # an action that closes stale issues and PRs
