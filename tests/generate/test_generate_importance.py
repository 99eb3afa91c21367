"""generate picks headlines as the brief does: never what the repo's own knowledge says not to use."""

from __future__ import annotations


def test_generated_knowledge_never_recommends_a_forbidden_tool(cli, tmp_path):
    out = tmp_path / "knowledge"
    assert cli("generate", "knowledge", "--out", str(out)).exit_code == 0
    text = (out / "infrastructure-access-patterns.md").read_text(encoding="utf-8")
    database = text.split("### Database access", 1)[1].split("###", 1)[0]
    tools = [line for line in database.splitlines() if line.startswith("- Tool:")]
    assert tools[0].startswith("- Tool: `tools/rds-query`")
    # the knowledge object's Don't names infra/scripts/prod_db_exec.py: no longer offered as a tool
    assert not any("prod_db_exec.py" in line for line in tools)
