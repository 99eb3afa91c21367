"""A folder's README that walks through deploying or running it is a doc; one that is only a generated table of a
module's inputs and outputs is none; npm init's placeholder test script is no task."""

from __future__ import annotations

from pathlib import Path

from support import write_tree

from skilldex.scan import scan_repo

TABLE = "| Name | Description |\n|------|-------------|\n| project_id | The project. |\n"


def test_stage_readmes_that_say_how_to_deploy_are_docs_and_generated_tables_are_not(tmp_path: Path):
    root = write_tree(
        tmp_path / "infra",
        {
            "0-bootstrap/README.md": "# 0-bootstrap\n\nThe seed project.\n\n## Prerequisites\n\nA billing account.\n\n"
            "## Deploying with Cloud Build\n\n1. Run `terraform init`.\n",
            "1-org/README.md": "# 1-org\n\nThe org policies.\n\n## Usage\n\nCall it from a stage.\n",
            "2-envs/production/README.md": "<!-- BEGINNING OF PRE-COMMIT-TERRAFORM DOCS HOOK -->\n## Inputs\n\n"
            + TABLE
            + "\n## Outputs\n\n"
            + TABLE,
            "modules/vpn/README.md": "# VPN module\n\nA VPN.\n\n## Inputs\n\n" + TABLE + "\n## Outputs\n\n" + TABLE,
            "3-networks/production/README.md": "# Production\n\n## Prerequisites\n\nRun 2-envs first.\n\n## Inputs\n\n"
            + TABLE,
            "fn/package.json": '{"scripts": {"test": "echo \\"Error: no test specified\\" && exit 1", '
            '"start": "node ."}}',
        },
    )
    items = scan_repo(root, name="infra").items
    docs = sorted(i.path for i in items if i.kind == "doc")
    # production/README is kept by its Prerequisites (the OPS word in its path admits it); the tables alone are not
    assert docs == ["0-bootstrap/README.md", "3-networks/production/README.md"]
    assert [i.name for i in items if i.kind == "task"] == ["start"]
