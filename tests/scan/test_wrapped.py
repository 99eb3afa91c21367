"""A wrapper script that says nothing itself is described by the README of the repo folder it builds and runs."""

from __future__ import annotations

from pathlib import Path

from support import write_tree

from skilldex.scan import scan_repo

WRAPPER = (
    '#!/bin/sh\n\n./gradlew --quiet ":cli:translation-cli:installDist" < /dev/null && '
    './cli/translation-cli/build/install/translation-cli/bin/translation-cli "$@"\n'
)
TREE = {
    "scripts/translation": WRAPPER,
    "scripts/README.md": "# Scripts\n\nVarious scripts for CI and releases.\n",
    "cli/translation-cli/README.md": "# Translation CLI\n\nThis command line interface checks the weblate translation "
    "state of every language.\n\n## Usage\n\n```bash\n./scripts/translation --token T\n```\n",
    # a Cargo wrapper naming the manifest's folder, and one whose program has no README
    "bin/fmt-all": '#!/bin/sh\ncargo run --manifest-path tools/formatter/Cargo.toml -- "$@"\n',
    "tools/formatter/README.md": "---\ntitle: formatter\n---\n# formatter\n\nFormats every crate of the workspace.\n",
    "scripts/autodiscovery": '#!/bin/sh\n./gradlew :cli:autodiscovery-cli:run --args="$*"\n',
    # a script that says what it does keeps its own words
    "scripts/stats.sh": "#!/bin/sh\n# Print the stats of the translations.\n./cli/translation-cli/run.sh\n",
}


def test_a_wrapper_is_described_by_the_readme_of_what_it_runs(tmp_path: Path):
    root = write_tree(tmp_path / "app", TREE)
    tools = {i.path: (i.description, i.description_source) for i in scan_repo(root).items if i.kind == "tool"}
    assert tools["scripts/translation"] == (
        "This command line interface checks the weblate translation state of every language.",
        "wrapped-readme",
    )
    assert tools["bin/fmt-all"] == ("Formats every crate of the workspace.", "wrapped-readme")
    assert tools["scripts/autodiscovery"] == ("", None)  # its own folder's README is about every script
    assert tools["scripts/stats.sh"] == ("Print the stats of the translations.", "header-comment")
