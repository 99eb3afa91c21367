"""A doc is a how-to by its form as well as its topic: an install or configuration guide, a FAQ, questions or
numbered steps as its sections, a page in a how-to folder; a README's sections are its project's usage."""

from __future__ import annotations

from pathlib import Path

from support import write_tree

from skilldex.scan import scan_repo

DOCS = {
    "doc/MANUAL_INSTALL.md": "# Manual Installation Guide\n\nInstall them yourself.\n\n## Step 1\n",
    "doc/CONFIGURE.md": "# Configuration\n\nAfter installing, set up your account.\n",
    "FAQ.md": "# Frequently Asked Questions\n\n## How do I create a banner for my event?\n\nOpen a pull request.\n",
    "docs/guide.md": "# Guide\n\nThe basics.\n\n## Step 2: Load the sample data\n\nThen the rest.\n",
    "docs/how-tos/slow-queries.rst": "Debugging slow queries\n======================\n\nRead pg_stat_statements.\n",
    "docs/how-to-guides/server-tls.md": "# Starting the server in TLS mode\n\nMake a self-signed certificate.\n",
    # not how-tos: a product's explanation pages, and a package README whose sections are its usage
    "docs/explanations/architecture.md": "# Architecture\n\nThe request goes through three layers.\n",
    "docs/README.md": "# The docs\n\nHow this site is built.\n\n## Installation\n\npip install it.\n",
    "docs/plans/2026-04-06-cache-rework.md": "# Cache rework plan\n\nWhat we will change.\n\n## Step 1: Measure\n",
    "docs/features.md": "# Features\n\nWhat it does.\n\n## How it stores data\n\nIn tables.\n",
    "docs/guides/colors.md": "# Colors\n\nThe palette.\n",  # a guide to a style, not to doing something
}


def test_install_guides_faqs_steps_and_how_to_folders_are_catalogued(tmp_path: Path):
    root = write_tree(tmp_path / "app", DOCS)
    docs = {i.path: i for i in scan_repo(root, name="app").items if i.kind == "doc"}
    assert sorted(docs) == [
        "FAQ.md",
        "doc/CONFIGURE.md",
        "doc/MANUAL_INSTALL.md",
        "docs/guide.md",
        "docs/how-to-guides/server-tls.md",
        "docs/how-tos/slow-queries.rst",
    ]
    assert [h.text for h in docs["FAQ.md"].headings] == [
        "Frequently Asked Questions",
        "How do I create a banner for my event?",
    ]


def test_the_readme_of_the_test_suite_is_a_testing_guide_and_no_fixture(tmp_path: Path):
    root = write_tree(
        tmp_path / "app",
        {
            "tests/README.md": "Valkey Test Suite\n=================\n\nRun `./runtest --single unit/x`.\n",
            "tests/fixtures/README.md": "# Fixtures\n\nTest suite data.\n",  # deeper: the fixtures' own notes
        },
    )
    docs = {i.path: i for i in scan_repo(root, name="app").items if i.kind == "doc"}
    assert sorted(docs) == ["tests/README.md"]
    assert docs["tests/README.md"].capabilities == ["testing"]
