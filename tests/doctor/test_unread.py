"""Warnings that matter (issue 21, round 5): a broken path in a doc nobody is led to is info; a dotfiles repo's
`.claude/` speaks of the project it runs in; a folder git ignores was untracked on purpose; a host named once or a
doc's use of a retired resource is info. Real files, real git histories, exact severities."""

from __future__ import annotations

SKILL = "---\nname: {0}\ndescription: Use when you need {0}.\n---\n\n"
BROKEN = "# {0}\n\nSee `docs/gone.md` for the details.\n"


def shown(report, *codes: str) -> list[tuple[str, str, int | None, str]]:
    return sorted((f.code, f.path, f.line, f.severity.value) for f in report.findings if f.code in codes)


def test_a_missing_file_named_in_a_doc_nobody_is_led_to_is_info(make_repo, doctor):
    root = make_repo(
        {
            "README.md": "# Repo\n\nStart with [the guide](docs/guide.md).\n",
            "docs/guide.md": "# Guide\n\nThen read `docs/ops/runbook.md`.\n\n" + BROKEN.format("More"),
            "docs/ops/runbook.md": BROKEN.format("Runbook"),  # two hops from the README
            ".claude/skills/ship/SKILL.md": SKILL.format("ship") + "Follow [these](../../../runbooks/ship.md).\n",
            "runbooks/ship.md": BROKEN.format("Ship"),  # a skill leads to it
            "runbooks/old-idea.md": BROKEN.format("Idea") + "\n```bash\n./scripts/gone.sh\n```\n",  # nothing leads here
            "scripts/ok.sh": "#!/bin/sh\n",
            "docs/index.md": "# Docs\n\n" + "See `docs/missing-index.md`.\n",  # a docs index is read
        }
    )
    assert shown(doctor(root, use_git=False), "SKD602", "SKD603") == [
        ("SKD602", "runbooks/old-idea.md", 6, "info"),
        ("SKD603", "docs/guide.md", 7, "warning"),
        ("SKD603", "docs/index.md", 3, "warning"),
        ("SKD603", "docs/ops/runbook.md", 3, "warning"),
        ("SKD603", "runbooks/old-idea.md", 3, "info"),
        ("SKD603", "runbooks/ship.md", 3, "warning"),
    ]


def test_the_pages_of_a_docs_site_or_wiki_are_reached_from_its_menu(make_repo, doctor):
    root = make_repo(
        {
            "mkdocs.yml": "site_name: Ops\nnav:\n  - index.md\n",
            "docs/runbooks/db.md": BROKEN.format("DB"),
            "wiki/config/sidebar.yaml": "- projects/web\n",
            "wiki/projects/web.md": BROKEN.format("Web"),
            "runbooks/web.md": BROKEN.format("Notes"),
        }
    )
    assert shown(doctor(root, use_git=False), "SKD603") == [
        ("SKD603", "docs/runbooks/db.md", 3, "warning"),
        ("SKD603", "runbooks/web.md", 3, "info"),
        ("SKD603", "wiki/projects/web.md", 3, "warning"),
    ]


def test_a_dotfiles_claude_folder_speaks_of_the_project_it_runs_in(make_repo, doctor):
    files = {
        ".claude/skills/makefile-first/SKILL.md": SKILL.format("makefile-first")
        + "Run `make test` before you commit; read `docs/style/guide.md`.\n\nUse the `/lint-all` skill.\n",
        "Makefile": "install:\n\tstow .\n",
        "docs/setup.md": "# Setup\n\nRun `make test` first.\n",
        "README.md": "# Dotfiles\n\n[Setup](docs/setup.md)\n",
    }
    project = make_repo(files, name="project")
    home = make_repo({**files, ".zshrc": "export EDITOR=vim\n"}, name="home")
    expected = [
        ("SKD601", ".claude/skills/makefile-first/SKILL.md", 8, "error"),
        ("SKD603", ".claude/skills/makefile-first/SKILL.md", 6, "warning"),
        ("SKD615", ".claude/skills/makefile-first/SKILL.md", 6, "warning"),
        ("SKD615", "docs/setup.md", 3, "warning"),
    ]
    assert shown(doctor(project, use_git=False), "SKD601", "SKD603", "SKD615") == expected
    # in a home folder the skill is ~/.claude's: its tasks and paths are another project's, its skills still loaded
    assert shown(doctor(home, use_git=False), "SKD601", "SKD603", "SKD615") == [expected[0], expected[3]]


def test_a_folder_git_ignores_since_it_was_deleted_is_not_stale(history, doctor):
    agent = "# Planner\n\nRead the plans in `docs/plans/` and `docs/notes/`.\n"
    root, _ = history(
        [
            ("2024-01-01", {"CLAUDE.md": agent, "docs/plans/a.md": "# A\n", "docs/notes/b.md": "# B\n"}),
            ("2024-03-01", {"docs/plans/a.md": None, "docs/notes/b.md": None, ".gitignore": "docs/plans/\n"}),
        ]
    )
    # `docs/plans/` is ignored as a folder (asked with its slash); `docs/notes/` was deleted with nothing to say why
    assert shown(doctor(root), "SKD603", "SKD609") == [("SKD609", "CLAUDE.md", 3, "error")]


def test_a_host_named_once_and_a_docs_use_of_a_retired_host_are_info(make_repo, doctor):
    workflow = (
        "on: workflow_dispatch\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: curl -fsSL https://dl.example-mirror.net/install.sh | sh\n"
        "      - run: ssh deploy@old-box restart\n"
    )
    root = make_repo(
        {
            ".github/workflows/deploy.yml": workflow,
            "README.md": "# Ops\n\nThe host `old-box` has been decommissioned. See [deploy](docs/deploy.md).\n",
            "docs/deploy.md": "# Deploy\n\nThe API runs on `old-box` (ssh deploy@old-box).\n",
        }
    )
    assert shown(doctor(root, use_git=False), "SKD612", "SKD613") == [
        ("SKD612", ".github/workflows/deploy.yml", 7, "error"),
        ("SKD612", "docs/deploy.md", 3, "info"),
        ("SKD613", ".github/workflows/deploy.yml", 6, "info"),
    ]


def test_a_script_read_at_a_glance_needs_no_header(make_repo, doctor):
    longer = '#!/bin/sh\nset -eu\ncd "$(dirname "$0")/.."\ndocker compose pull\ndocker compose up -d\n'
    root = make_repo({"scripts/lint.sh": "#!/bin/sh\n\nruff check --fix .\n", "scripts/up.sh": longer})
    assert shown(doctor(root, use_git=False), "SKD608") == [
        ("SKD608", "scripts/lint.sh", 1, "info"),
        ("SKD608", "scripts/up.sh", 1, "warning"),
    ]


def test_a_plans_files_to_create_are_not_missing(make_repo, doctor):
    plan = (
        "# API work\n\n| File | Action |\n|---|---|\n"
        "| `src/api/routes.ts` | UPDATE |\n| `src/api/models.ts` | CREATE |\n\n"
        "## Unit Tests to Write\n\n- `src/api/models.test.ts`\n\n## Done\n\n- `src/api/old.ts`\n"
    )
    root = make_repo({"src/app.ts": "export {}\n", "README.md": "[API](docs/api.md)\n", "docs/api.md": plan})
    # the row to CREATE and the tests under "Unit Tests to Write" are to be made; the others are said to exist
    assert shown(doctor(root, use_git=False), "SKD603") == [
        ("SKD603", "docs/api.md", 5, "warning"),
        ("SKD603", "docs/api.md", 14, "warning"),
    ]
