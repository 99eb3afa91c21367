"""Which of an item's fields tag it: a doc's lead sentence, a task's namespace; not the headings of a record or an
overview doc."""

from __future__ import annotations

from skilldex.scan import scan_repo


def _tags(root) -> dict[str, list[str]]:
    return {item.path if item.kind == "doc" else item.name: item.capabilities for item in scan_repo(root).items}


def test_a_docs_lead_sentence_says_what_it_is_about(repo):
    root = repo(
        {
            "ops/README.md": "# Scripts\n\nThis folder holds the Bicep scripts that deploy resources to Azure.\n",
            "ops/NOTES.md": "# Scripts\n\nThis folder holds the scripts.\n",
        }
    )
    tags = _tags(root)
    assert tags["ops/README.md"] == ["deploy", "cloud", "infrastructure"]
    assert tags["ops/NOTES.md"] == []


def test_a_docs_first_sentence_counts_only_where_its_path_and_title_say_nothing(repo):
    warning = "Rollbacks do not undo database migrations. Run helm rollback.\n"
    root = repo(
        {
            "docs/runbooks/rollback.md": "# Rollback\n\n" + warning,
            "docs/runbooks/undo.md": "---\ndescription: Undo a release and its database migrations\n---\n" + warning,
        }
    )
    tags = _tags(root)
    assert tags["docs/runbooks/rollback.md"] == ["deploy"]  # its first paragraph is a warning, not its topic
    assert tags["docs/runbooks/undo.md"] == ["database", "migrations", "deploy"]  # a summary says what it is for


def test_a_go_task_namespace_says_what_its_tasks_work_on(repo):
    root = repo(
        {
            "Taskfile.yaml": 'version: "3"\nincludes:\n  ansible: .taskfiles/Ansible\n  misc: .taskfiles/Misc\n',
            ".taskfiles/Ansible/Taskfile.yaml": 'version: "3"\ntasks:\n  uptime:\n    desc: Uptime of all hosts\n',
            ".taskfiles/Misc/Taskfile.yaml": 'version: "3"\ntasks:\n  uptime:\n    desc: Uptime of all hosts\n',
        }
    )
    tagged = {i.run: i.capabilities for i in scan_repo(root).items if i.kind == "task"}
    assert tagged == {"task ansible:uptime": ["monitoring", "infrastructure"], "task misc:uptime": ["monitoring"]}


def test_the_headings_of_records_and_overviews_do_not_tag_them(repo):
    sections = "\n\nHow the service fits together.\n\n## Testing\n\nUnit tests.\n\n## Testing in CI\n\nMore tests.\n"
    root = repo(
        {
            "docs/DEVELOPMENT.md": "# Working on it" + sections,
            "docs/ARCHITECTURE.md": "# Order service" + sections,
            "docs/MIGRATION_CHECKLIST.md": "# Move to v2" + sections,
        }
    )
    tags = _tags(root)
    assert tags["docs/DEVELOPMENT.md"] == ["testing"]  # a how-to's sections say what it helps with
    assert tags["docs/ARCHITECTURE.md"] == []  # an overview's sections are the parts of the system
    assert tags["docs/MIGRATION_CHECKLIST.md"] == ["migrations"]  # its name, not its checklist's steps


def test_the_headings_of_a_rule_file_are_topics_of_the_code(repo):
    body = "# Backend\n\nRules.\n\n## Logging\n\nLog with structure.\n\n## Logging levels\n\nUse Warning.\n"
    root = repo({".claude/rules/backend.md": body, "docs/runbooks/backend.md": body})
    tags = _tags(root)
    assert tags[".claude/rules/backend.md"] == []  # how the code logs, not how to read logs
    assert tags["docs/runbooks/backend.md"] == ["logs"]
