"""Frontmatter splitting and prose extraction on real-world markdown shapes."""

from __future__ import annotations

import pytest

from skilldex.frontmatter.types import FrontmatterError
from skilldex.markdown import first_paragraph, referenced_paths, split_frontmatter


def test_dashes_inside_a_value_do_not_end_the_frontmatter():
    doc = split_frontmatter("---\nname: a\ndescription: x --- y\n---\nbody\n")
    assert doc.frontmatter == {"name": "a", "description": "x --- y"}
    assert (doc.body, doc.body_start) == ("body\n", 5)


def test_flow_lists_crlf_and_dates_stay_json_safe():
    doc = split_frontmatter("---\r\nallowed-tools: [Read, Grep]\r\nupdated: 2026-02-02\r\n---\r\nb\r\n")
    assert doc.frontmatter == {"allowed-tools": ["Read", "Grep"], "updated": "2026-02-02"}
    assert doc.key_lines == {"allowed-tools": 2, "updated": 3}


def test_duplicate_keys_are_recorded_with_lines():
    doc = split_frontmatter("---\nname: a\nname: b\n---\n")
    assert doc.frontmatter == {"name": "b"} and doc.duplicate_keys == [("name", 3)]


def test_no_frontmatter_and_empty_frontmatter():
    assert split_frontmatter("# Title\n").has_frontmatter is False
    doc = split_frontmatter("---\n---\nbody")
    assert (doc.has_frontmatter, doc.frontmatter) == (True, {})


@pytest.mark.parametrize(
    "text, kind, line",
    [
        ("---\nname: a\n", "unclosed", 1),
        ("---\nname: [a\n---\n", "invalid-yaml", 3),
        ("---\njust text\n---\n", "not-mapping", 2),
        ("\ufeff---\nname: a\n---\n", "bom", 1),
    ],
)
def test_frontmatter_errors_carry_kind_and_line(text, kind, line):
    with pytest.raises(FrontmatterError) as caught:
        split_frontmatter(text)
    assert (caught.value.kind, caught.value.line) == (kind, line)


def test_first_paragraph_skips_headings_code_comments_badges_and_metadata():
    body = (
        "(target)=\n# Title\n\n[![CI](https://x/b.svg)](https://x)\n\n<!-- note -->\n"
        "**Owner**: platform\nLast updated: 2026-02-02\n\n```bash\nls\n```\n\n"
        "Deploys the API\nto production.\n\nSecond paragraph.\n"
    )
    assert first_paragraph(body) == "Deploys the API to production."


def test_first_paragraph_falls_back_to_a_list_when_nothing_else_and_shortens():
    assert first_paragraph("- [Deployment](deployment.md)\n") == "- [Deployment](deployment.md)"
    long = "word " * 200
    out = first_paragraph(long, limit=50)
    assert len(out) <= 50 and out.endswith("…")


def test_referenced_paths_links_and_backticked_paths_not_urls():
    body = (
        "See [guide](references/guide.md#part) and `scripts/run.sh`.\n"
        "Not [a url](https://example.com/x.md), not `/abs/path.md`, not [anchor](#top).\n"
        "Also `tools/rds-query` and ![img](assets/a.png).\n"
    )
    assert referenced_paths(body, first_line=10) == [
        ("references/guide.md", 10),
        ("scripts/run.sh", 10),
        ("assets/a.png", 12),
        ("tools/rds-query", 12),
    ]


def test_control_characters_are_a_yaml_error_with_position():
    with pytest.raises(FrontmatterError) as caught:
        split_frontmatter("---\nname: a\ndescription: x\x7fy\n---\n")
    assert (caught.value.kind, caught.value.line, caught.value.column) == ("invalid-yaml", 3, 15)


def test_yaml_1_2_line_separators_are_ordinary_characters():
    doc = split_frontmatter("---\nname: a\ndescription: x\u2028y\x85z\n---\nbody\n")
    assert doc.frontmatter["description"] == "x\u2028y\x85z" and doc.body_start == 5


def test_nested_duplicate_keys_and_cr_only_line_ends():
    doc = split_frontmatter("---\nname: a\nmetadata:\n  author: x\n  author: y\n---\n")
    assert doc.duplicate_keys == [("metadata.author", 5)]
    assert split_frontmatter("---\rname: a\r---\rbody").frontmatter == {"name": "a"}


def test_setext_titles_are_headings_not_the_first_paragraph():
    from skilldex.markdown import first_paragraph, headings_and_code

    body = (
        "Releasing\n=========\n\nCut a release from main.\n\nPrerequisites\n-------------\n\nA GPG key.\n\n"
        "```\nnot\n---\n```\n| a |\n|---|\n"
    )
    assert [(level, text, line) for level, text, line in headings_and_code(body)[0]] == [
        (1, "Releasing", 1),
        (2, "Prerequisites", 6),
    ]
    assert first_paragraph(body) == "Cut a release from main."
    assert first_paragraph("Contributing\n============\n\n- one\n- two\n") == "- one - two"


def test_links_in_the_first_paragraph_keep_only_their_text():
    assert first_paragraph("A [Kakoune](https://kakoune.org) / [neovim](https://neovim.io) inspired editor.\n") == (
        "A Kakoune / neovim inspired editor."
    )
