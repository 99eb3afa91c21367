"""Dependency folders (`vendor/`, `third_party/`, `deps/`) hold other projects' code: their scripts and docs are
not this repo's tooling, while the same files in the repo's own folders are."""

from __future__ import annotations

import pytest
from support import write_tree

from skilldex.scan import scan_repo

SCRIPT = "#!/bin/sh\n# Run the regression suite against a running server.\nset -e\n./runtest --host 127.0.0.1\n"
DOC = "# Operations\n\nHow to deploy the server and roll it back.\n"


@pytest.mark.parametrize("folder", ["deps", "vendor", "third_party"])
def test_a_dependency_folders_scripts_and_docs_are_not_catalogued(tmp_path, folder):
    root = write_tree(
        tmp_path / "repo",
        {
            "utils/regression.sh": SCRIPT,
            "docs/operations.md": DOC,
            f"{folder}/hiredis/test.sh": SCRIPT,
            f"{folder}/jemalloc/scripts/gen.sh": SCRIPT,
            f"{folder}/hiredis/docs/operations.md": DOC,
        },
    )
    paths = {item.path for item in scan_repo(root).items}
    assert "utils/regression.sh" in paths
    assert "docs/operations.md" in paths
    assert not [p for p in paths if p.startswith(f"{folder}/")]
