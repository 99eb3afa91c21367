"""Every MCP reply and hook reply stays within its documented budget, on real repos built in tmp_path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import write_tree

from skilldex import hooks, mcp_server
from skilldex.errors import UsageError

LONG = "Rotates the shared signing keys of the payment gateway and re-encrypts the stored tokens. " * 30


def _size(reply: object) -> int:
    return len(json.dumps(reply, ensure_ascii=False))


@pytest.fixture
def big(tmp_path: Path, monkeypatch) -> tuple[str, Path]:
    """A workspace with one repo of 260 tools (the first 40 about the database), each described at length."""
    monkeypatch.setenv("SKILLDEX_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SKILLDEX_WORKERS", "1")
    files = {}
    for i in range(260):
        topic = "Query the postgres database" if i < 40 else "Rotate the payment gateway keys"
        files[f"tools/task-{i:03d}.sh"] = f"#!/bin/sh\n# {topic}, variant {i}. {LONG}\necho {i}\n"
    root = write_tree(tmp_path / "big", files)
    workspace = tmp_path / "skilldex.yaml"
    workspace.write_text(f"repos:\n  big: {root}\n", encoding="utf-8")
    return str(workspace), root


def test_list_tooling_pages_through_everything_in_catalogue_order(big):
    workspace, _ = big
    first = mcp_server.list_tooling(workspace, "big")
    assert (first["total"], first["offset"], first["count"]) == (260, 0, mcp_server.LIST_LIMIT)
    assert first["more"] == 260 - mcp_server.LIST_LIMIT and first["next_offset"] == mcp_server.LIST_LIMIT
    seen, offset = [], 0
    while offset is not None:
        page = mcp_server.list_tooling(workspace, "big", limit=30, offset=offset)
        assert page["count"] == len(page["items"]) <= 30
        seen += [item["path"] for item in page["items"]]
        offset = page["next_offset"]
    assert seen == [f"tools/task-{i:03d}.sh" for i in range(260)]
    assert page["more"] == 0


def test_list_tooling_filters_by_kind_and_capability(big):
    workspace, _ = big
    database = mcp_server.list_tooling(workspace, "big", capability="database", limit=200)
    assert database["total"] == 40 and all("database" in item["capabilities"] for item in database["items"])
    assert mcp_server.list_tooling(workspace, "big", kind="skill")["total"] == 0
    with pytest.raises(UsageError, match="capability 'widgets' is not one of"):
        mcp_server.list_tooling(workspace, "big", capability="widgets")
    with pytest.raises(UsageError, match="limit must be between 1 and 200"):
        mcp_server.list_tooling(workspace, "big", limit=0)
    with pytest.raises(UsageError, match="offset 0 or more"):
        mcp_server.list_tooling(workspace, "big", offset=-1)


def test_a_page_too_big_for_the_budget_holds_fewer_items_and_says_so(big):
    workspace, _ = big
    page = mcp_server.list_tooling(workspace, "big", limit=mcp_server.MAX_LIST_LIMIT)
    assert _size(page) <= mcp_server.BUDGETS["list_tooling"]
    assert 0 < page["count"] < mcp_server.MAX_LIST_LIMIT
    assert page["next_offset"] == page["count"] and page["more"] == 260 - page["count"]
    assert page["note"].startswith(f"page cut to {page['count']} items")
    assert all(len(item["description"]) <= mcp_server.SUMMARY_CHARS for item in page["items"])
    assert page["items"][0]["description"].endswith("…")


def test_find_and_show_stay_within_their_budgets(big, tmp_path: Path):
    workspace, root = big
    found = mcp_server.find_tooling(workspace, "big", "rotate the payment gateway keys", limit=100)
    assert _size(found) <= mcp_server.BUDGETS["find_tooling"]
    assert 1 <= len(found["results"]) < 100 and found["results"][0]["path"].startswith("tools/task-")
    write_tree(root, {".claude/skills/huge/SKILL.md": f"---\nname: huge\ndescription: {LONG * 10}\n---\nBody.\n"})
    shown = mcp_server.show_item(workspace, "big", "huge")
    assert _size(shown) <= mcp_server.BUDGETS["show_item"]
    assert shown["name"] == "huge" and shown["description"].endswith("…") and "truncated" in shown
    small = mcp_server.show_item(workspace, "big", "tools/task-100.sh")
    assert "truncated" not in small and small["description"].startswith("Rotate the payment gateway keys")


def test_an_ambiguous_name_lists_twenty_candidates_not_all(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SKILLDEX_CACHE_DIR", str(tmp_path / "cache"))
    services = "".join(f"  svc{i}:\n    image: redis:7\n" for i in range(45))
    root = write_tree(tmp_path / "compose", {"docker-compose.yml": f"services:\n{services}"})
    with pytest.raises(UsageError) as error:
        mcp_server.show_item(None, str(root), "docker-compose.yml")
    text = str(error.value)
    assert text.startswith("'docker-compose.yml' matches 45 items")
    assert text.count("\n  task ") == 20 and text.endswith("... and 25 more; give one by its name")


def test_hook_replies_stay_within_their_budgets(big):
    workspace, root = big
    write_tree(
        root,
        {
            f"tools/rotate-webhook-secret-{i}.sh": f"#!/bin/sh\n# Rotate the webhook signing secret. {LONG}\n"
            for i in range(3)
        },
    )
    hint = hooks.prompt({"prompt": "rotate the webhook signing secret " * 100, "cwd": str(root)}, workspace)
    assert hint is not None and len(hint["hookSpecificOutput"]["additionalContext"]) <= hooks.HINT_LIMIT
    assert len(json.dumps(hint, ensure_ascii=False)) <= hooks.HINT_LIMIT  # the reply as printed, wrapping and all
    payload = {
        "tool_name": "Write",
        "session_id": "budget",
        "cwd": str(root),
        "tool_input": {
            "file_path": str(root / "tools" / "rotate-webhook-secret.sh"),
            "content": "#!/bin/sh\n# Rotate the webhook signing secret.\n",
        },
    }
    denied = hooks.pre_write(payload, workspace)
    reason = denied["hookSpecificOutput"]["permissionDecisionReason"]
    assert len(reason) <= hooks.GUARD_LIMIT and reason.startswith("big already has tools/rotate-webhook-secret-")
    assert reason.endswith("retry the same write and it will go through.")
