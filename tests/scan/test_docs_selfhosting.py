"""The how-to pages of a self-hosted product's docs site are operational docs: upgrading the install, putting it
behind a TLS proxy, importing data from another system, fixing data by hand; a dev/docs folder is the developers'."""

from __future__ import annotations

from pathlib import Path

from support import write_tree

from skilldex.scan import scan_repo

PAGES = {
    "website/docs/upgrading.mdx": "---\ntitle: Upgrading to a new version\n---\n\n:::warning\nBack up first.\n:::\n\n"
    "Pull the new image and restart.\n",
    "website/docs/maintenance/manually_fixing_data.mdx": "---\ntitle: Manually fixing data\n---\n\n"
    ":::note\nThese commands use Docker Compose v2.\n:::\n\n## Terminate a drive\n\nRun the SQL below.\n",
    "website/docs/advanced_guides/traefik.md": "---\ntitle: Advanced installation with Traefik, Let's Encrypt\n---\n\n"
    "Put the web interface behind a reverse proxy.\n",
    "website/docs/import/teslafi.md": "---\ntitle: Import from TeslaFi\n---\n\nExport your data as CSV first.\n",
    "dev/docs/logical-theme-system.md": "# Logical Theme System\n\nAdd functionality without altering core files.\n",
    # still not operational: what the product does for its users
    "website/docs/screenshots.md": "---\ntitle: Screenshots\n---\n\nWhat the dashboards look like.\n",
    "website/docs/integrations/home_assistant.md": "---\ntitle: Home Assistant\n---\n\nShow the car's state.\n",
}


def test_how_to_pages_of_a_docs_site_are_catalogued(tmp_path: Path):
    root = write_tree(tmp_path / "app", PAGES)
    docs = {i.path: i for i in scan_repo(root, name="app").items if i.kind == "doc"}
    assert sorted(docs) == [
        "dev/docs/logical-theme-system.md",
        "website/docs/advanced_guides/traefik.md",
        "website/docs/import/teslafi.md",
        "website/docs/maintenance/manually_fixing_data.mdx",
        "website/docs/upgrading.mdx",
    ]
    # an admonition is an aside: the title says what the page is about
    assert docs["website/docs/upgrading.mdx"].description == "Upgrading to a new version"
    assert docs["website/docs/maintenance/manually_fixing_data.mdx"].description == "Manually fixing data"
    assert docs["website/docs/import/teslafi.md"].description == "Export your data as CSV first."
