"""`skilldex mcp` as a subprocess, driven by the MCP SDK's own stdio client: its answers equal the CLI's JSON
(list_tooling: a page of the CLI's items, summarised)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import anyio
import pytest
from support import FIXTURES, PROJECT

try:
    from mcp import ClientSession
    from mcp.client.stdio import StdioServerParameters, stdio_client
except ImportError as exc:  # a declared test dependency: a missing install must fail the run, not skip it
    raise ImportError("the MCP SDK is a declared test dependency: pip install -e '.[test]'") from exc

TOOLS = {"list_repos", "list_tooling", "find_tooling", "show_item"}


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A workspace naming the bundled example and a fixture repo, by absolute path."""
    folder = tmp_path / "ws"
    folder.mkdir()
    (folder / "skilldex.yaml").write_text(
        f"repos:\n  credentialmate: {PROJECT / 'examples/credentialmate'}\n  allkinds: {FIXTURES / 'allkinds'}\n",
        encoding="utf-8",
    )
    return folder


def _env() -> dict[str, str]:
    env = {**os.environ}  # the SDK passes only HOME, PATH, ... by default; keep the test's private cache
    env.pop("SKILLDEX_WORKSPACE", None)
    return env


def cli_json(cwd: Path, *args: str) -> tuple[int, object, str]:
    done = subprocess.run(
        [sys.executable, "-m", "skilldex", *args], cwd=cwd, env=_env(), capture_output=True, text=True, timeout=120
    )
    return done.returncode, json.loads(done.stdout) if done.stdout else None, done.stderr


def session(cwd: Path, calls: list[tuple[str, dict]]) -> tuple[set[str], list]:
    """Start `python -m skilldex mcp` in cwd, list its tools, make the calls in order; (tool names, results)."""

    async def run():
        params = StdioServerParameters(command=sys.executable, args=["-m", "skilldex", "mcp"], cwd=str(cwd), env=_env())
        with anyio.fail_after(120):
            async with stdio_client(params) as (read, write), ClientSession(read, write) as client:
                await client.initialize()
                tools = {tool.name for tool in (await client.list_tools()).tools}
                return tools, [await client.call_tool(name, arguments) for name, arguments in calls]

    return anyio.run(run)


def _is_error(result) -> bool:
    return bool(getattr(result, "is_error", None) or getattr(result, "isError", None))  # mcp 2 / mcp 1 names


def _payload(result) -> object:
    """The tool's JSON: its text content (what a model reads) must equal the structured content."""
    assert not _is_error(result), result.content
    data = json.loads(result.content[0].text)
    structured = getattr(result, "structured_content", None) or getattr(result, "structuredContent", None)
    assert structured is None or structured == data
    return data


def test_every_tool_answers_what_the_cli_prints(workspace: Path):
    calls = [
        ("list_repos", {}),
        ("list_tooling", {"repo": "credentialmate"}),
        ("list_tooling", {"repo": "allkinds", "kind": "skill"}),
        ("find_tooling", {"repo": "credentialmate", "intent": "add missing columns to the prod database"}),
        ("find_tooling", {"repo": str(FIXTURES / "allkinds"), "intent": "tail the logs", "limit": 2}),
        ("show_item", {"repo": "credentialmate", "name": "rds-query"}),
        ("show_item", {"repo": "credentialmate", "name": "/execute-production-sql"}),
    ]
    tools, results = session(workspace, calls)
    assert tools == TOOLS
    expected = [
        ("repos", "--json"),
        ("list", "credentialmate", "--json"),
        ("list", "allkinds", "--kind", "skill", "--json"),
        ("find", "credentialmate", "add missing columns to the prod database", "--json"),
        ("find", str(FIXTURES / "allkinds"), "tail the logs", "--limit", "2", "--json"),
        ("show", "credentialmate", "rds-query", "--json"),
        ("show", "credentialmate", "/execute-production-sql", "--json"),
    ]
    for (name, arguments), result, args in zip(calls, results, expected, strict=True):
        code, printed, _ = cli_json(workspace, *args)
        assert code == 0
        if name == "list_tooling":  # a page of summaries, in the CLI's order, with the CLI's paths and runs
            page = _payload(result)
            assert page["total"] == len(printed["items"]) == page["count"] and page["more"] == 0
            assert [(i["kind"], i["path"], i["run"]) for i in page["items"]] == [
                (i["kind"], i["path"], i["run"]) for i in printed["items"]
            ]
            continue
        assert _payload(result) == printed, (name, arguments)
    listing = _payload(results[2])
    assert listing["items"] and {item["kind"] for item in listing["items"]} == {"skill"}
    assert _payload(results[3])["results"][0]["name"] in {"execute-production-sql", "rds-query"}


def test_bad_arguments_are_tool_errors_and_the_server_keeps_going(workspace: Path):
    calls = [
        ("list_tooling", {"repo": "nope"}),
        ("show_item", {"repo": "credentialmate", "name": "rds-qurey"}),
        ("find_tooling", {"repo": "credentialmate", "intent": "   "}),
        ("find_tooling", {"repo": "credentialmate", "intent": "logs", "limit": 0}),
        ("list_tooling", {"repo": "credentialmate", "kind": "widget"}),
        ("list_repos", {}),
    ]
    _, results = session(workspace, calls)
    errors = [result.content[0].text for result in results[:5]]
    assert all(_is_error(result) for result in results[:5])
    for text, args in zip(
        errors[:3],
        [("list", "nope"), ("show", "credentialmate", "rds-qurey"), ("find", "credentialmate", "   ")],
        strict=True,
    ):
        code, _, stderr = cli_json(workspace, *args)
        assert code == 2
        assert text.endswith(stderr.removeprefix("Error: ").rstrip("\n")), (text, stderr)  # the CLI's message
    assert "unknown repo 'nope'" in errors[0] and "Did you mean: rds-query, tools/rds-query?" in errors[1]
    assert "limit" in errors[3] and "kind" in errors[4]
    assert _payload(results[5])["workspace"] == str(workspace / "skilldex.yaml")  # still serving


def test_without_a_workspace_repos_are_folders(tmp_path: Path):
    _, results = session(
        tmp_path, [("list_repos", {}), ("list_tooling", {"repo": str(FIXTURES / "allkinds"), "kind": "tool"})]
    )
    assert _is_error(results[0]) and "no skilldex.yaml found" in results[0].content[0].text
    assert {item["path"] for item in _payload(results[1])["items"]} >= {"tools/query-db"}


def test_without_the_sdk_the_command_says_how_to_install_it(tmp_path: Path):
    code = (
        "import sys; sys.modules['mcp'] = None; from skilldex.cli import main; "
        "sys.argv = ['skilldex', 'mcp']; raise SystemExit(main())"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=_env(),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("Error: the MCP server needs the official MCP Python SDK")
    assert done.stderr.endswith(
        "add it to skilldex's environment: pipx inject skilldex-index mcp, uv tool install "
        "--with mcp <clone>, or pip install mcp in its venv\n"
    )
    assert "Traceback" not in done.stderr


def test_help_has_an_example(tmp_path: Path):
    done = subprocess.run(
        [sys.executable, "-m", "skilldex", "mcp", "--help"],
        cwd=tmp_path,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and "Example" in done.stdout and "pipx install '.[mcp]'" in done.stdout


def test_the_server_reports_this_projects_name_and_version(tmp_path: Path):
    from skilldex import __version__

    async def run():
        params = StdioServerParameters(
            command=sys.executable, args=["-m", "skilldex", "mcp"], cwd=str(tmp_path), env=_env()
        )
        with anyio.fail_after(120):
            async with stdio_client(params) as (read, write), ClientSession(read, write) as client:
                return await client.initialize()

    result = anyio.run(run)
    info = getattr(result, "server_info", None) or result.serverInfo  # mcp 2 renamed the field
    assert (info.name, info.version) == ("skilldex", __version__)
    assert __version__
