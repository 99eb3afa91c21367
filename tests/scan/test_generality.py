"""Layouts seen in real public repos (kubernetes-style headers, vite-style monorepos, ...)."""

from __future__ import annotations

import pytest

from skilldex import capabilities
from skilldex.scan import scan_repo

APACHE = "".join(
    f"# {line}\n"
    for line in [
        "Copyright 2018 The Kubernetes Authors.",
        "",
        'Licensed under the Apache License, Version 2.0 (the "License");',
        "you may not use this file except in compliance with the License.",
    ]
)


def test_description_after_a_license_header(repo):
    root = repo(
        {
            "hack/release/create.sh": "#!/usr/bin/env bash\n" + APACHE + "\n# creates a release commit\n"
            "# Use like: create.sh <version>\nset -o errexit\n",
            "hack/build/push.sh": "#!/usr/bin/env bash\n" + APACHE + "\nset -o errexit\n# cd to the repo root\ncd ..\n",
        }
    )
    tools = {i.path: i.description for i in scan_repo(root).items if i.kind == "tool"}
    assert tools == {
        "hack/release/create.sh": "creates a release commit Use like: create.sh <version>",
        "hack/build/push.sh": "",  # a step comment after code is not a description
    }


def test_task_files_of_fixtures_templates_and_playgrounds_are_not_tasks(repo):
    scripts = '{"scripts": {"dev": "vite"}}'
    root = repo(
        {
            "package.json": scripts,
            "packages/app/package.json": scripts,
            "playground/alias/package.json": scripts,
            "packages/create-vite/template-react/package.json": scripts,
            "tests/fixtures/Makefile": "all:\n\ttrue\n",
            "Makefile": "# ===== Building =====\nall:\n\tgo build\n",
        }
    )
    tasks = sorted((i.path, i.name, i.description) for i in scan_repo(root).items if i.kind == "task")
    assert tasks == [
        ("Makefile", "all", "Building"),
        ("package.json", "dev", "Runs: vite"),
        ("packages/app/package.json", "dev", "Runs: vite"),
    ]


def test_readme_in_commands_folder_is_not_a_command(repo):
    root = repo({".claude/commands/README.md": "# Commands\n", ".claude/commands/ship.md": "Ship it.\n"})
    assert [i.name for i in scan_repo(root).items if i.kind == "command"] == ["ship"]


def test_js_helper_modules_in_scripts_are_not_tools(repo):
    root = repo(
        {
            "scripts/releaseUtils.ts": "export function bump() {}\n",
            "scripts/release.ts": "// Release the packages.\nconst args = process.argv.slice(2)\nexport {}\n",
            "scripts/check-links.js": "// Check markdown links.\nconsole.log('ok')\n",
            "bin/cli.js": "export default function main() {}\n",
        }
    )
    tools = sorted(i.path for i in scan_repo(root).items if i.kind == "tool")
    assert tools == ["bin/cli.js", "scripts/check-links.js", "scripts/release.ts"]


def test_urls_do_not_produce_capabilities():
    assert capabilities.infer("modified from https://github.com/vuejs/core/blob/main/scripts/release.ts") == []
    assert capabilities.infer("Tail CloudWatch logs") == ["logs"]
    assert capabilities.infer("Deploys releases", "psql") == ["database", "deploy"]


def test_context_takes_an_ambiguous_word_its_capability():
    assert capabilities.infer("Regenerate the Playwright visual snapshots") == ["testing"]
    assert capabilities.infer("Snapshot the production RDS database") == ["database", "backup"]
    assert capabilities.infer("Count the prompt tokens") == []
    assert capabilities.infer("Rotate the API token") == ["secrets"]
    assert capabilities.infer("Validate the JSON schema of the config") == []
    assert capabilities.infer("Apply the Postgres schema") == ["database"]
    assert capabilities.infer("Publish the release") == ["deploy"]
    assert capabilities.infer("Publish an event to the Kafka topic") == []
    # only next to the word: a veto word further away leaves it its meaning
    assert capabilities.infer("Snapshot the EBS volumes nightly; the ui/ folder shows them") == ["backup"]
    assert capabilities.infer("Publish the docs site, then post a message to the team") == ["deploy"]


def test_rst_release_doc_titles_headings_and_code(repo):
    rst = (
        "===============\nRelease process\n===============\n\n"
        "Release Cadence\n===============\n\nWe release every 3\nmonths.\n\n"
        "Creating a release\n------------------\n\nRun::\n\n    nox -s prepare-release -- 23.1\n\n"
        ".. code-block:: console\n\n    $ nox -s upload-release\n"
    )
    root = repo({"docs/development/release-process.rst": rst, "docs/setup.md": "# Setup\n\nInstall with pip.\n"})
    [doc] = [i for i in scan_repo(root).items if i.kind == "doc"]  # docs/setup.md is user docs, not ops
    assert (doc.path, doc.title, doc.description) == (
        "docs/development/release-process.rst",
        "Release process",
        "We release every 3 months.",
    )
    assert [(h.level, h.text, h.line) for h in doc.headings] == [
        (1, "Release process", 2),
        (1, "Release Cadence", 5),
        (2, "Creating a release", 11),
    ]
    assert [c.command for c in doc.commands] == ["nox -s prepare-release -- 23.1", "nox -s upload-release"]


def test_mutating_evidence_from_flags_dry_run_and_commands(repo):
    root = repo(
        {
            "scripts/push.sh": "#!/bin/sh\n# Push the node image.\necho 'will docker push'\ndocker push kindest/node\n",
            "scripts/plan.sh": (
                "#!/bin/sh\n# Plan only.\n# Usage: plan.sh [--dry-run]\n"
                "# terraform apply is for humans\nterraform plan\n"
            ),
            "scripts/read.sh": "#!/bin/sh\n# Read the logs.\naws logs tail x\n",
            "scripts/ship.sh": "#!/bin/sh\n# Ship it.\nflyctl deploy --remote-only\ngcloud run services update api\n",
            "scripts/unlock.sh": '#!/bin/sh\n# Unlock the state.\nterraform force-unlock "$1"\n',
            "scripts/grant.sh": '#!/bin/sh\n# Let the analyst read.\npsql -c "GRANT SELECT ON ALL TABLES TO analyst"\n',
            "scripts/select.sh": "#!/bin/sh\n# Who can read.\npsql -c 'SELECT grantee FROM role_table_grants'\n",
        }
    )
    tools = {i.path: (i.mutating, i.mutating_evidence) for i in scan_repo(root).items if i.kind == "tool"}
    assert tools == {
        "scripts/push.sh": (True, ["runs `docker push`"]),
        "scripts/plan.sh": (True, ["has a dry-run switch"]),
        "scripts/read.sh": (False, []),
        "scripts/ship.sh": (True, ["runs `flyctl deploy`", "runs `gcloud run services update`"]),
        "scripts/unlock.sh": (True, ["runs `terraform force-unlock`"]),
        "scripts/grant.sh": (True, ["runs `GRANT`"]),
        "scripts/select.sh": (False, []),
    }


def test_nox_sessions_are_tasks_read_without_importing(repo, tmp_path):
    marker = tmp_path / "imported"
    noxfile = (
        f"import nox\nopen({str(marker)!r}, 'w')\n\n"
        "@nox.session(python=['3.11'])\ndef test(session):\n    session.run('pytest', '-q')\n\n"
        "@nox.session(name='upload-release')\ndef upload_release(session):\n"
        '    """Upload distribution files to PyPI.\n\n    Needs a token."""\n    session.run("twine", "upload")\n\n'
        "def helper():\n    pass\n"
    )
    tasks = [(i.name, i.line, i.description, i.run) for i in scan_repo(repo({"noxfile.py": noxfile})).items]
    assert tasks == [
        ("test", 5, "Runs: pytest -q", "nox -s test"),
        ("upload-release", 9, "Upload distribution files to PyPI.", "nox -s upload-release"),
    ]
    assert not marker.exists()


def test_other_agents_instruction_files_are_docs(repo):
    root = repo(
        {
            "GEMINI.md": "# Project notes\n\nRun `make test` before pushing.\n",
            ".github/copilot-instructions.md": "# Copilot\n\nDeploys go through `scripts/deploy.sh`.\n",
        }
    )
    assert sorted(i.path for i in scan_repo(root).items if i.kind == "doc") == [
        ".github/copilot-instructions.md",
        "GEMINI.md",
    ]


DJANGO_COMMAND = '''"""Backfill missing order totals."""
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Recompute order totals for orders created before the tax fix"

    def add_arguments(self, parser):
        parser.add_argument("--since", help="only orders after this date")
        parser.add_argument("--dry-run", action="store_true", help="print instead of saving")
'''


def test_django_management_commands_are_tools_run_through_manage_py(repo):
    root = repo(
        {
            "backend/manage.py": "#!/usr/bin/env python\nimport sys\n",
            "backend/shop/__init__.py": "",
            "backend/shop/management/commands/__init__.py": "",
            "backend/shop/management/commands/backfill_orders.py": DJANGO_COMMAND,
            "backend/shop/management/commands/_helpers.py": "def x(): ...\n",
            "backend/shop/management/commands/utils.py": "def y(): ...\n",  # no Command: a helper module
        }
    )
    tools = [i for i in scan_repo(root).items if i.kind == "tool"]
    assert [(t.name, t.description, t.run) for t in tools] == [
        (
            "backfill_orders",
            "Recompute order totals for orders created before the tax fix",
            "cd backend && python manage.py backfill_orders",
        )
    ]
    assert [f.flags for f in tools[0].flags] == [["--since"], ["--dry-run"]] and tools[0].mutating


LARAVEL_COMMAND = """<?php

namespace App\\\\Console\\\\Commands;

use Illuminate\\\\Console\\\\Command;

class FixOrders extends Command
{
    protected $signature = 'orders:fix {date? : The day to fix} {--dry-run : Only print what would change} {--force}';

    protected $description = 'Recompute the order totals after the tax fix';
}
"""


def test_laravel_artisan_commands_are_tools_run_through_artisan(repo):
    root = repo(
        {
            "api/artisan": "#!/usr/bin/env php\n<?php\n",
            "api/app/Console/Commands/FixOrders.php": LARAVEL_COMMAND,
            "api/app/Console/Commands/BaseCommand.php": "<?php\nabstract class BaseCommand extends Command {}\n",
        }
    )
    tools = [i for i in scan_repo(root).items if i.kind == "tool"]
    assert [(t.name, t.description, t.run) for t in tools] == [
        ("orders:fix", "Recompute the order totals after the tax fix", "cd api && php artisan orders:fix")
    ]
    assert [(f.flags, f.help) for f in tools[0].flags] == [
        (["--dry-run"], "Only print what would change"),
        (["--force"], None),
    ]
    assert tools[0].mutating


def test_django_help_is_read_as_python_and_only_a_command_class_counts(repo):
    command = "from django.core.management.base import BaseCommand\n\n\nclass Command(BaseCommand):\n"
    root = repo(
        {
            "shop/management/commands/imp.py": command + '    help = """Import products from the ERP feed."""\n',
            "shop/management/commands/tr.py": "from django.utils.translation import gettext_lazy as _\n"
            + command
            + '    help = _("Don\'t \\"panic\\" mode")\n',
            "shop/management/commands/nohelp.py": '"""Refresh the cache."""\n'
            + command
            + '    def add_arguments(self, parser):\n        parser.add_argument(\n            "--dry",\n'
            '            help="Do not write anything",\n        )\n',
            "shop/management/commands/base.py": "class ImportBaseCommand(BaseCommand):\n    help = 'base'\n",
            "demo/x/management/commands/d.py": command + '    help = "a demo"\n',  # a sample folder
        }
    )
    tools = {i.name: i.description for i in scan_repo(root).items if i.kind == "tool"}
    assert tools == {
        "imp": "Import products from the ERP feed.",
        "tr": 'Don\'t "panic" mode',
        "nohelp": "Refresh the cache.",
    }


def test_copilot_instructions_count_only_where_copilot_reads_them(repo):
    root = repo(
        {
            ".github/copilot-instructions.md": "# Copilot\n\nUse `make test`.\n",
            "src/templates/project/copilot-instructions.md": "# Template\n",
        }
    )
    assert [i.path for i in scan_repo(root).items if i.kind == "doc"] == [".github/copilot-instructions.md"]


def test_plugin_commands_answer_to_their_plugins_namespace(repo):
    root = repo(
        {
            "plugins/release-tools/.claude-plugin/plugin.json": '{"name": "release-tools"}',
            "plugins/release-tools/commands/bump.md": "---\ndescription: Bump the version\n"
            "argument-hint: patch|minor\n---\n",
            # a skill makes the namespace known to the doctor: then every name in it must exist
            "plugins/release-tools/skills/changelog/SKILL.md": "---\nname: changelog\ndescription: Write it.\n---\nb\n",
            ".claude/commands/local.md": "---\ndescription: A project command\n---\n",
            "CLAUDE.md": "# Notes\n\nRun `/release-tools:bump patch` before tagging, or `/local`.\n",
        }
    )
    runs = {i.name: i.run for i in scan_repo(root).items if i.kind == "command"}
    assert runs == {"bump": "/release-tools:bump patch|minor", "local": "/local"}
    from skilldex.doctor import doctor_repos
    from skilldex.workspace import RepoRef

    report = doctor_repos([RepoRef("r", root)], use_git=False, cwd=str(root))
    assert [f.code for f in report.findings if f.code.startswith("SKD60")] == []  # not "no command answers"


def test_an_argument_hint_in_brackets_is_shown_as_written(repo):
    root = repo(
        {
            ".claude/commands/pr-review.md": "---\ndescription: Review a PR\nargument-hint: [pr-number] # PR\n---\n",
            ".claude/commands/fix.md": "---\ndescription: Fix it\nargument-hint: [file, line]\n---\n",
            ".claude/commands/plain.md": "---\ndescription: Plain\nargument-hint: <name>\n---\n",
        }
    )
    runs = {i.name: (i.run, i.argument_hint) for i in scan_repo(root).items if i.kind == "command"}
    assert runs == {
        "pr-review": ("/pr-review [pr-number]", "[pr-number]"),
        "fix": ("/fix [file, line]", "[file, line]"),
        "plain": ("/plain <name>", "<name>"),
    }


def test_a_doc_that_opens_with_a_list_is_described_by_its_title(repo):
    root = repo(
        {
            "docs/ops/oncall.md": "# On-call handbook\n\n- Page the lead\n- Check the dashboards\n\nIf all else fails, "
            "restart the workers.\n",
            "docs/ops/access.md": "# Access\n\nOwner: platform\n\nUse the bastion through SSM; never SSH directly.\n",
        }
    )
    docs = {i.path: i.description for i in scan_repo(root).items if i.kind == "doc"}
    assert docs == {
        "docs/ops/oncall.md": "On-call handbook",
        "docs/ops/access.md": "Use the bastion through SSM; never SSH directly.",
    }


def test_shell_libraries_that_scripts_source_are_not_tools(repo):
    root = repo(
        {
            "hack/lib/init.sh": "# Common init for hack/ scripts. Sourced, not executed.\nKUBE_ROOT=x\n",
            "hack/lib/run.sh": "#!/usr/bin/env bash\n# Run a thing (executable, so a command).\n",
            "hack/verify.sh": "# Verify the generated code.\nsource hack/lib/init.sh\n",
        }
    )
    assert sorted(i.path for i in scan_repo(root).items if i.kind == "tool") == ["hack/lib/run.sh", "hack/verify.sh"]


def test_shell_scripts_outside_tool_folders_are_tools_but_not_hooks_completions_or_samples(repo):
    root = repo(
        {
            "infra/gcp/bash/ensure-staging-storage.sh": "#!/usr/bin/env bash\n# Create the staging GCS buckets.\n",
            "backup_tools/backup_prod.sh": "# Back up the prod database to GCS.\npg_dump x\n",
            ".husky/pre-commit.sh": "#!/bin/sh\nnpx lint-staged\n",
            ".ci/phpstan.sh": "#!/usr/bin/env bash\n# Run phpstan static analysis.\n",
            ".githooks/pre-push.sh": "#!/bin/sh\nmake test\n",
            "contrib/completion/app.bash": "# bash completion for app\ncomplete -F _app app\n",
            "examples/demo/run.sh": "#!/bin/sh\n# Run the demo.\n",
            "lib/util.sh": '# helpers other scripts source\nlog() { echo "$@"; }\n',
            "a/b/c/d/e/f/deep.sh": "#!/bin/sh\n# Too deep to be a command anyone runs by path.\n",
            "infra/gcp/bash/lib_gcs.sh": "# GCS helpers, sourced by ensure-*.sh (not executable).\n",
            "infra/backup_lib.sh": "# Shared by the backup scripts (not executable).\n",
            "src/app.py": "print('not a tool')\n",
        }
    )
    tools = {i.path: i for i in scan_repo(root).items if i.kind == "tool"}
    assert sorted(tools) == [
        ".ci/phpstan.sh",
        "backup_tools/backup_prod.sh",
        "infra/gcp/bash/ensure-staging-storage.sh",
    ]
    assert tools["infra/gcp/bash/ensure-staging-storage.sh"].description == "Create the staging GCS buckets."
    assert tools["backup_tools/backup_prod.sh"].run == "bash backup_tools/backup_prod.sh"


def test_cli_and_utils_packages_inside_the_code_are_modules_not_tools(repo):
    root = repo(
        {
            "lib/mastodon/cli/media.rb": "# frozen_string_literal: true\nmodule Mastodon::CLI\n  class Media < Base\n",
            "src/app/utils/format.py": '"""Format helpers."""\nimport sys\n',
            "src/tools/release.py": '#!/usr/bin/env python3\n"""Cut a release."""\nimport argparse\n',
            "lib/cli/install.sh": "#!/bin/sh\n# Install the CLI.\n",
            "tools/sync.rb": "# Sync the mirrors.\n",
        }
    )
    assert sorted(i.path for i in scan_repo(root).items if i.kind == "tool") == [
        "lib/cli/install.sh",
        "src/tools/release.py",
        "tools/sync.rb",
    ]


def test_development_docs_are_docs_and_empty_docs_are_not(repo):
    root = repo(
        {
            "docs/DEVELOPMENT.md": "# Development\n\nRun `bin/dev` to start the app locally.\n",
            "docs/html/development/getting-started.rst": (
                "Getting Started\n===============\n\nRun the tests with nox.\n"
            ),
            "README.md": "# kind\n\nkind runs Kubernetes in Docker.\n\n## Contributing\n\nRun `make test`.\n",
            "CONTRIBUTING.md": "# How to help\n\nOpen an issue first.\n",
            "docs/CI-WORKFLOW.md": "",
            "docs/runbooks/empty.md": "---\ntitle: x\n---\n",
            "docs/user/quickstart.md": "# Quickstart\n\nInstall with brew.\n",
        }
    )
    assert sorted(i.path for i in scan_repo(root).items if i.kind == "doc") == [
        "CONTRIBUTING.md",
        "README.md",
        "docs/DEVELOPMENT.md",
        "docs/html/development/getting-started.rst",
    ]


def test_the_repos_own_name_signals_no_capability(tmp_path):
    root = tmp_path / "sentry"
    root.mkdir()
    (root / ".claude" / "commands").mkdir(parents=True)
    (root / ".claude" / "commands" / "commit.md").write_text("Commit following Sentry's conventions.\n")
    (root / "tools").mkdir()
    (root / "tools" / "errors.sh").write_text("#!/bin/sh\n# Send a test error to Sentry and check the alert.\n")
    (root / "Makefile").write_text("# Review the snapshot tests\nreview-python-snapshots:\n\tcargo insta review\n")
    items = {i.name: i for i in scan_repo(root).items}
    assert items["commit"].capabilities == ["git"]  # not monitoring
    assert "monitoring" in items["errors.sh"].capabilities  # "alert" still says monitoring
    assert "backup" not in items["review-python-snapshots"].capabilities
    assert "monitoring" in capabilities.infer("Send errors to Sentry")  # in other repos Sentry still counts


def test_nested_readmes_are_named_by_their_folder(repo):
    root = repo(
        {
            "README.md": "# Tool\n\n## Development\n\nRun make.\n",
            "infra/gcp/terraform/README.md": "# Terraform\n\nApply with terraform.\n",
            "docs/runbooks/index.md": "# Runbooks\n\nStart here.\n",
        }
    )
    assert sorted(i.name for i in scan_repo(root).items if i.kind == "doc") == [
        "README",
        "runbooks/index",
        "terraform/README",
    ]


def test_bundler_binstubs_and_bin_rails_say_what_they_run(repo):
    binstub = (
        "#!/usr/bin/env ruby\n# frozen_string_literal: true\n\n#\n# This file was generated by Bundler.\n#\n"
        "# The application 'rspec' is installed as part of a gem, and\n"
        '# this file is here to facilitate running it.\n#\n\nrequire "rubygems"\nrequire "bundler/setup"\n\n'
        'load Gem.bin_path("rspec-core", "rspec")\n'
    )
    root = repo(
        {
            "bin/rspec": binstub,
            "bin/rails": '#!/usr/bin/env ruby\nAPP_PATH = File.expand_path("../config/application", __dir__)\n'
            'require_relative "../config/boot"\nrequire "rails/commands"\n',
            "bin/cleanup": "#!/usr/bin/env ruby\n# Delete stale uploads.\nputs 'x'\n",
        }
    )
    tools = {i.name: i for i in scan_repo(root).items if i.kind == "tool"}
    assert tools["rspec"].description == (
        "Runs rspec from the rspec-core gem, with the versions in the Gemfile (a Bundler binstub)."
    )
    assert tools["rails"].description.startswith("The Rails command line: bin/rails server")
    assert tools["cleanup"].description == "Delete stale uploads."


@pytest.mark.parametrize("words", ["bin/rspec", "Run the minitest suite", "vendor/bin/phpunit", "mocha --watch"])
def test_other_ecosystems_test_runners_are_testing(words):
    assert "testing" in capabilities.infer(words)


@pytest.mark.parametrize(
    "files, expected",
    [
        ({"package.json": '{"devDependencies": {"ts-node": "10"}}', "yarn.lock": ""}, "yarn ts-node scripts/seed.ts"),
        (
            {"package.json": '{"packageManager": "pnpm@9", "devDependencies": {"ts-node": "1", "tsx": "4"}}'},
            "pnpm exec tsx scripts/seed.ts",
        ),
        ({"package.json": '{"dependencies": {}}', "bun.lockb": ""}, "bun scripts/seed.ts"),
        ({"package.json": "not json"}, "npx tsx scripts/seed.ts"),
        ({}, "npx tsx scripts/seed.ts"),
    ],
)
def test_typescript_tools_run_with_the_runner_the_repo_installed(repo, files, expected):
    root = repo({**files, "scripts/seed.ts": "// Seed the local database.\nimport { db } from '../db'\n"})
    [tool] = [i for i in scan_repo(root).items if i.kind == "tool"]
    assert tool.run == expected


def test_release_build_and_package_development_docs_are_found(repo):
    root = repo(
        {
            "docs/releases.md": "# Checklist\n\n- bump the version\n- tag it\n",
            "book/src/building-from-source.md": "# Building from source\n\nRun cargo install.\n",
            ".github/CONTRIBUTING.md": "# Contributing\n\nRun ./gradlew check before a PR.\n",
            ".github/SECURITY.md": "# Security\n\nMail us.\n",
            "tracker/README.md": "# Tracker\n\nThe JS snippet.\n\n## Development\n\nnpm test\n",
            "packages/ui/README.md": "# UI\n\nButtons.\n",
            "docs/RELEASE_NOTES.md": "# Notes\n\n1.0: first.\n",
            "tests/fixtures/app/README.md": "# App\n\n## Development\n\nx\n",
        }
    )
    assert sorted(i.path for i in scan_repo(root).items if i.kind == "doc") == [
        ".github/CONTRIBUTING.md",
        "book/src/building-from-source.md",
        "docs/releases.md",
        "tracker/README.md",
    ]


def test_plugin_skill_with_a_prose_name_runs_by_its_folder_and_github_skills_are_not_claudes(repo):
    root = repo(
        {
            "plugins/hookify/.claude-plugin/plugin.json": '{"name": "hookify"}',
            "plugins/hookify/skills/writing-rules/SKILL.md": "---\nname: Writing Hookify Rules\n"
            "description: How to write "
            "rules. Use when writing hookify rules.\n---\nBody.\n",
            ".github/skills/flake-detector/SKILL.md": "---\nname: flake-detector\n"
            "description: Find flaky tests. Use when "
            "CI flakes.\n---\nBody.\n",
        }
    )
    skills = {i.dir_name: i for i in scan_repo(root).items if i.kind == "skill"}
    assert skills["writing-rules"].run == "/hookify:writing-rules"
    assert not skills["flake-detector"].loaded_by_claude_code


def test_name_folder_mismatch_suggests_renaming_the_folder_only_to_a_valid_name(repo):
    from skilldex.validate.run import validate_paths

    root = repo(
        {
            ".claude/skills/writing-rules/SKILL.md": "---\nname: Writing Hookify Rules\ndescription: x. Use "
            "when y.\n---\nB\n",
            ".claude/skills/deploy/SKILL.md": "---\nname: ship-it\ndescription: x. Use when y.\n---\nB\n",
        }
    )
    fixes = {f.path.split("/")[-2]: f.fix for f in validate_paths([str(root)]).findings if f.code == "SKD208"}
    assert fixes["writing-rules"] == "Set `name: writing-rules` (the folder's name)."
    assert fixes["deploy"] == "Rename the folder to 'ship-it' or set `name: deploy`."


def test_plugin_subagents_are_asked_for_by_their_namespaced_name(repo):
    root = repo(
        {
            "plugins/pr-review-toolkit/.claude-plugin/plugin.json": '{"name": "pr-review-toolkit"}',
            "plugins/pr-review-toolkit/agents/silent-failure-hunter.md": "---\nname: silent-failure-hunter\n"
            "description: Finds swallowed errors.\n---\nB\n",
            ".claude/agents/reviewer.md": "---\nname: reviewer\ndescription: Reviews.\n---\nB\n",
        }
    )
    runs = {i.name: i.run for i in scan_repo(root).items if i.kind == "agent"}
    assert runs == {
        "silent-failure-hunter": 'ask Claude to "use the pr-review-toolkit:silent-failure-hunter subagent"',
        "reviewer": 'ask Claude to "use the reviewer subagent"',
    }


def test_a_self_documenting_help_target_says_it_lists_the_targets(repo):
    root = repo(
        {
            "Makefile": "help:\n\t@perl -nle'print $& if m{^[a-zA-Z_-]+:.*?## .*$$}' $(MAKEFILE_LIST)\n"
            "install: ## Install deps\n\tmix deps.get\n"
        }
    )
    tasks = {i.name: i.description for i in scan_repo(root).items if i.kind == "task"}
    assert tasks == {"help": "Lists the targets and what they do.", "install": "Install deps"}


def test_laravel_commands_in_subfolders_of_console_commands_are_tools(repo):
    """firefly-iii keeps its commands in Correction/, Integrity/, Export/ below app/Console/Commands."""

    def command(signature: str) -> str:
        return f"<?php\nclass C extends Command\n{{\n    protected $signature = '{signature}';\n}}\n"

    root = repo(
        {
            "artisan": "<?php\n",  # not executable here: only the commands are tools
            "app/Console/Commands/Correction/CorrectsDatabase.php": command("correction:all"),
            "app/Console/Commands/Integrity/ReportsIntegrity.php": command("integrity:report"),
            "app/Console/Commands/A/B/C/Deep.php": command("deep:three"),
            "app/Console/Commands/A/B/C/D/Deeper.php": command("deep:four"),  # past the bound
            "app/Console/Commands/Tests/Fake.php": command("fake:test"),  # a test folder below the commands
            "app/Console/Commands/samples/Sample.php": command("sample:one"),
            "app/Console/Commands/Traits/VerifiesAccessToken.php": "<?php\ntrait VerifiesAccessToken {}\n",
            "app/Console/Kernel.php": command("not:a-command"),
            "shop/management/commands/sub/nested.py": "from x import BaseCommand\n\n\nclass Command(BaseCommand):\n"
            '    help = "Django does not load subfolders"\n',
        }
    )
    tools = sorted((i.name, i.path, i.run) for i in scan_repo(root).items if i.kind == "tool")
    assert tools == [
        ("correction:all", "app/Console/Commands/Correction/CorrectsDatabase.php", "php artisan correction:all"),
        ("deep:three", "app/Console/Commands/A/B/C/Deep.php", "php artisan deep:three"),
        ("integrity:report", "app/Console/Commands/Integrity/ReportsIntegrity.php", "php artisan integrity:report"),
    ]


def test_laravel_signatures_read_escaped_quotes_as_php_does(repo):
    """firefly-iii's `{--token= : The user\\'s access token.}` must not end the signature there."""
    root = repo(
        {
            "app/Console/Commands/Export/ExportsData.php": (
                "<?php\nclass ExportsData extends Command\n{\n"
                "    protected $description = 'Export the user\\'s data as CSV \\\\ JSON';\n"
                "    protected $signature = 'firefly-iii:export-data\n"
                "        {--user=1 : The user ID.}\n        {--token= : The user\\'s access\n    token.}\n"
                "        {--Q|queue=default : Which queue.}\n        {--start= : First date.}';\n}\n"
            ),
            "app/Console/Commands/Quoted.php": (
                '<?php\nclass Quoted extends Command\n{\n    protected $signature = "quoted:run '
                '{--say= : Say \\"hi\\" for \\$5}   {--force   }";\n}\n'
            ),
        }
    )
    tools = {i.name: i for i in scan_repo(root).items if i.kind == "tool"}
    export = tools["firefly-iii:export-data"]
    assert export.description == "Export the user's data as CSV \\ JSON"
    assert [(f.flags, f.help) for f in export.flags] == [
        (["--user"], "The user ID."),
        (["--token"], "The user's access token."),
        (["-Q", "--queue"], "Which queue."),
        (["--start"], "First date."),
    ]
    assert [(f.flags, f.help) for f in tools["quoted:run"].flags] == [
        (["--say"], 'Say "hi" for $5'),
        (["--force"], None),
    ]


def test_hostile_laravel_signatures_are_read_in_linear_time(repo):
    import time

    # An option that never closes after 15,000 spaces, then escapes: quadratic for a pattern whose default
    # and the spaces after it could share the spaces; then 200 KB of fields that never close.
    signature = "h:run {--a=" + " " * 15_000 + "\\'" * 2_000
    padding = "    protected $description = \"\\'" * 8_000
    root = repo(
        {
            "app/Console/Commands/Hostile.php": f"<?php\nclass H extends Command {{\n"
            f"    protected $signature = '{signature}';\n{padding}\n}}\n",
        }
    )
    assert (root / "app/Console/Commands/Hostile.php").stat().st_size > 200_000
    started = time.perf_counter()
    tools = [i for i in scan_repo(root).items if i.kind == "tool"]
    assert time.perf_counter() - started < 2
    assert [(t.name, t.flags) for t in tools] == [("h:run", [])]
