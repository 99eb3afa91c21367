"""Importance on what a new repo's guidance says: markdown links name docs, a docs website's pages and a
package's copies of a root task are never headlines."""

from __future__ import annotations

import json

from skilldex.importance import is_site_page, links
from skilldex.index.refresh import repo_index
from skilldex.startup import render

README = """# Product

## Development

A product. Run it with [docker compose](docs/DOCKER.md#development) and see the
[self-hosting guide](./self-host.md).
"""


def _rows(root):
    index = repo_index(root, "svc")
    try:
        return {(r.kind, r.path, r.name): r for r in index.rows}, render([index])
    finally:
        index.close()


def test_links_resolve_from_the_linking_doc():
    body = "[a](./self-host.md) [b](../ops/RUNBOOK.md#restore) [c](https://x.io/y.md) [d](/abs.md) [e](../../out.md)"
    assert links(body, "docs/README.md") == {"docs/self-host.md", "ops/runbook.md"}


def test_what_a_guide_links_to_counts(repo):
    rows, _ = _rows(
        repo(
            {
                "README.md": README,
                "docs/DOCKER.md": "# Running with Docker\n\nStart the stack for development: `docker compose up`.\n",
                "docs/OTHER-ops.md": "# Operations\n\nRotate the logs weekly.\n",
            }
        )
    )
    docker = rows[("doc", "docs/DOCKER.md", "DOCKER")]
    assert (docker.importance, docker.why) == (4, "named in README.md")
    assert rows[("doc", "docs/OTHER-ops.md", "OTHER-ops")].importance == 0


def test_a_docs_website_is_product_documentation():
    assert is_site_page("doc", "docs/content/admin/sso/azure_ad.md")
    assert is_site_page("doc", "frontend/docs/pages/v1/docker.md")
    assert is_site_page("doc", "docs/v1/docker.mdx")
    assert is_site_page("doc", "website/docs/deploy.md")
    assert is_site_page("doc", "sdks/python/docs/metrics.md")
    assert not is_site_page("doc", "docs/runbooks/restore-database.md")
    assert not is_site_page("doc", "content/deploy.md")  # a content folder outside any docs tree
    assert not is_site_page("tool", "website/deploy.sh")


def test_site_pages_stay_findable_but_never_headline(repo):
    rows, brief = _rows(
        repo(
            {
                "docs/content/admin/backup.md": "# Backup and restore\n\nBack up the database with the admin page.\n",
                "scripts/backup-db.sh": "#!/bin/sh\n# Back up the production database to S3.\npg_dump\n",
            }
        )
    )
    page = rows[("doc", "docs/content/admin/backup.md", "backup")]
    assert page.importance < -4 and "documentation site" in page.why
    backup = brief.split("### backup", 1)[1].split("###", 1)[0]
    # the site page is listed, but not first
    assert backup.index("scripts/backup-db.sh (tool)") < backup.index("docs/content/admin/backup.md (doc)")


def test_a_package_copy_of_a_root_task_is_not_a_headline(repo):
    rows, _ = _rows(
        repo(
            {
                "package.json": json.dumps({"scripts": {"lint": "turbo run lint"}}),
                "apps/api/package.json": json.dumps({"scripts": {"lint": "biome check ."}}),
                "CLAUDE.md": "# Agents\n\nRun `pnpm lint` and `cd apps/api && pnpm lint` before pushing.\n",
            }
        )
    )
    root = rows[("task", "package.json", "lint")]
    copy = rows[("task", "apps/api/package.json", "lint")]
    assert root.importance > 0
    assert copy.importance <= -4 and copy.why.endswith("a package's own copy of a root task: use the root one")


def test_a_guide_named_for_its_process_and_a_self_hosting_guide_count(repo):
    rows, _ = _rows(
        repo(
            {
                "docs/RELEASING.md": "# Releasing\n\nTag the commit and push the tag.\n",
                "docs/releasing-notes.md": "# Notes\n\nTag the commit.\n",
                "self-host.md": "# Self-hosting the product\n\nSet up the cluster with Terraform.\n",
            }
        )
    )
    releasing = rows[("doc", "docs/RELEASING.md", "RELEASING")]
    assert (releasing.importance, releasing.why) == (2, "a how-to named for what it explains")
    assert ("doc", "self-host.md", "self-host") in rows  # a self-hosting guide is about operating it


def test_what_the_guidance_names_is_never_cut_by_the_quota(repo):
    from skilldex.startup import _headlines, groups  # lazy: the private level renderer, under test

    targets = "".join(f"test-{n}: ## Run the {n} tests\n\tpytest {n}\n" for n in ("a", "b", "c", "d", "e"))
    root = repo({"Makefile": targets, "CLAUDE.md": "# Agents\n\nBefore pushing run `make test-d` and `make test-e`.\n"})
    index = repo_index(root, "svc")
    try:
        text = _headlines(index, groups(index.rows), 1)
    finally:
        index.close()
    testing = [t for t in text.split("### testing\n", 1)[1].split("###", 1)[0].splitlines() if t.startswith("- ")]
    # one headline per capability at this level, and the other item the guidance names on top of it
    assert [t.split(" ", 2)[1] for t in testing] == ["test-d", "test-e", "and"]
    assert testing[-1].startswith("- and 4 more:")  # test-a..c, and CLAUDE.md whose lead names the tests


def test_scripts_kept_for_ci_are_its_helpers(repo):
    rows, _ = _rows(
        repo(
            {
                "hack/ci/start-api.sh": "#!/bin/sh\n# Start the API server for the CI end-to-end tests.\n./api &\n",
                "Taskfile.yaml": "version: '3'\ntasks:\n  start-api-ci:\n    cmds:\n      - sh hack/ci/start-api.sh\n",
                "scripts/start-api.sh": "#!/bin/sh\n# Start the API server locally.\n./api\n",
            }
        )
    )
    helper = rows[("tool", "hack/ci/start-api.sh", "start-api.sh")]
    assert helper.importance <= -4 and "an internal helper (kept in ci/ for CI)" in helper.why
    assert rows[("tool", "scripts/start-api.sh", "start-api.sh")].importance > -4
