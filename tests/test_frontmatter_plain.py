"""The plain frontmatter reader against the full YAML loader: same data, key lines and field positions.

frontmatter.plain reads the common `key: text` shape without a parser and must either give exactly what
full.load_full gives, or decline (None). It may never accept text the full loader rejects.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skilldex.frontmatter import full as full_reader
from skilldex.frontmatter import load as loader
from skilldex.frontmatter import plain as plain_reader
from skilldex.frontmatter.types import FrontmatterError
from skilldex.markdown import split_frontmatter

SETTINGS = settings(
    max_examples=600,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "real-skill-frontmatter.jsonl"
SPEC_CASES = Path(__file__).parent / "fixtures" / "spec-cases"


def full(text: str):
    fields: dict = {}
    try:
        return full_reader.load_full(text, 2, fields), fields
    except FrontmatterError:
        return "error"


def plain(text: str):
    fields: dict = {}
    read = plain_reader.load(text, 2, fields)
    return None if read is None else (read, fields)


def agrees(text: str) -> bool:
    """True when the plain reader declined `text`, and asserts equality when it did not."""
    got = plain(text)
    if got is None:
        return False
    assert got == full(text), text
    return True


ACCEPTED = [
    "name: deploy\ndescription: Deploys the API. Use when shipping.\n",
    "name: deploy\ndescription:   spaced out   \nlicense: MIT\n",
    'name: a\ndescription: "Quoted: with a colon, and # a hash"\n',
    "name: a\ndescription: 'single quoted \"text\"'\n",
    'name: a\nmetadata:\n  owner: ops\n  version: "1.0"\n',
    "name: a\nallowed-tools:\n  - Read\n  - Bash(git log:*)\n",
    "# a comment\nname: a\n\ndescription: x#y and a:b and [brackets] {braces}\n",
    "name: a\nmetadata:\n\n    owner: ops\n    # note\n    team: infra\ndescription: after the block\n",
    "name: ünïcode\ndescription: Ümlauts, emoji 🚀 and CJK 漢字\n",
    "name: a\nuser-invocable: maybe\n",
    "name: a\nupdated: 2026-01-01\n",  # dates stay text, as the full loader keeps them
]

DECLINED = [
    "name: a\ndescription: >\n  folded\n",  # block scalar
    "name: a\ndescription: |\n  literal\n",
    "name: a\nallowed-tools: [Read, Write]\n",  # flow collection
    "name: a\nuser-invocable: false\n",  # typed values
    "name: a\nversion: 1.0\n",
    "name: a\nversion: 2\n",
    "name: a\nmodel: ~\n",
    "on: a\n",  # a key YAML reads as a boolean
    "name: a\nmetadata:\n  on: x\n",
    "name: a\nmetadata:\n  " + "k" * 1025 + ": v\n",  # past YAML's 1,024-character simple keys
    "name: a\ue085b\n",  # a private-use character the full loader reads as NEL
    "name: a\ndescription: text # comment\n",
    "name: a\ndescription: a: b\n",
    "name: a\ndescription: first line\n  continued\n",  # a multi-line plain scalar
    "name: a\nname: b\n",  # duplicate keys
    "name: a\nmetadata:\n  a: 1\n  a: 2\n",
    "name: a\nmetadata:\n",  # null
    "name: a\nmetadata:\n  deep:\n    er: x\n",
    "name: a\nmetadata:\n  a: x\n    b: y\n",
    'name: a\ndescription: "esc\\"aped"\n',
    "name: a\ndescription: 'it''s'\n",
    'name: a\ndescription: "tab\\there"\n',
    "name: &anchor a\n",
    "name: !tag a\n",
    "name:\ta\n",
    "name: a\r\ndescription: b\r\n",
    "name: a\u2028b\n",
    "name: a\x85b\n",
    "\ufeffname: a\n",
    "name: a\x7f\n",
    "- a\n- b\n",
    "just text\n",
    "",
    "---\nname: a\n",
    "name: a\n...\n",
    "key:value\n",
    "key : value\n",
]


@pytest.mark.parametrize("text", ACCEPTED)
def test_reads_the_common_shapes_like_the_parser(text):
    assert agrees(text), "the plain reader should read this shape itself"


@pytest.mark.parametrize("text", DECLINED)
def test_declines_what_only_a_parser_reads(text):
    assert plain(text) is None


def test_fills_fields_only_when_it_reads():
    fields: dict = {}
    assert plain_reader.load("name: a\ndescription: x\nbroken: [\n", 2, fields) is None
    assert fields == {}


def test_load_yaml_goes_through_it_and_stays_equal_to_the_parser():
    text = "name: a\nmetadata:\n  owner: ops\n"
    fields: dict = {}
    assert loader.load_yaml(text, 2, fields) == full_reader.load_full(text, 2, {})
    assert fields["metadata"].node == "mapping" and fields["metadata"].value_line == 4


def test_spec_case_fixtures_agree():
    read = 0
    for manifest in sorted(SPEC_CASES.rglob("SKILL.md")):
        text = manifest.read_text(encoding="utf-8", errors="replace")
        try:
            doc = split_frontmatter(text)
        except FrontmatterError:
            continue
        read += agrees(doc.frontmatter_text)
    assert read >= 30  # most fixtures are the common shape


@pytest.mark.skipif(not REAL.exists(), reason="../shared/data is not next to this checkout")
def test_real_frontmatters_agree():
    texts = [json.loads(line)["frontmatter"] or "" for line in REAL.read_text(encoding="utf-8").splitlines()]
    read = sum(agrees(text) for text in texts)
    assert read > len(texts) // 2


# Mostly the safe pieces, so that many documents are read by the plain reader, plus every kind of trap.
SAFE_KEYS = ["name", "description", "a_b", "x-y", "Key", "k1", "license", "model", "when_to_use", "Z", "k2", "_k"]
KEYS = st.sampled_from(SAFE_KEYS * 4 + ["on", "yes", "null", "<<", "-k", "k k"])
SAFE = ["text", "more words", "é", "🚀", " ", "a#b", "x:y", "a-b", "(x)", "[a]", "Why?", "'s", '"q"', "'s'"]
TRAPS = [
    "yes",
    "No",
    "on",
    "1",
    "1.5",
    "0x1F",
    "1_000",
    ".inf",
    "~",
    "null",
    "2026-01-01",
    "12:30",
    "=",
    "<<",
    '"',
    "'",
    '"a\\"b"',
    "'it''s'",
    "#",
    " #c",
    ": ",
    ":",
    "- ",
    "-",
    "?",
    "{a: b}",
    "&a",
    "*a",
    "!t",
    "|",
    ">",
    "%",
    "@",
    "`",
    ",",
    "  ",
    "\t",
    "\u2028",
    "\x85",
    "\ufeff",
    "\r",
    "\x7f",
]
STARTS = ["text", "more words", "é", "🚀", "Why?", "(x)", "a-b", "x:y", '"q"', "'s'"]
VALUES = st.tuples(st.sampled_from(STARTS * 4 + TRAPS), st.lists(st.sampled_from(SAFE * 30 + TRAPS), max_size=3)).map(
    lambda parts: parts[0] + "".join(parts[1])
)


@st.composite
def documents(draw) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        shape = draw(st.integers(0, 15))
        key = draw(KEYS)
        if shape <= 4:
            lines.append(f"{key}: {draw(VALUES)}")
        elif shape <= 6:
            indent = " " * draw(st.integers(1, 4))
            lines.append(f"{key}:")
            for _ in range(draw(st.integers(0, 3))):
                item = f"- {draw(VALUES)}" if draw(st.booleans()) else f"{draw(KEYS)}: {draw(VALUES)}"
                lines.append(indent + (" " * draw(st.integers(0, 1))) * draw(st.booleans()) + item)
        elif shape <= 13:
            lines.append(f"{draw(st.sampled_from(SAFE_KEYS))}: {draw(VALUES)}")
        elif shape == 14:
            lines.append(draw(st.sampled_from(["", "# comment", "   ", "  # indented comment"])))
        else:
            lines.append(draw(VALUES))
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n\n"]))


@SETTINGS
@given(documents())
def test_never_differs_from_the_parser(text):
    agrees(text)


def _mutants(text: str, rng, count: int):
    """`text` with up to three YAML-significant edits: a piece inserted, a key line added, a line indented or
    removed."""
    pieces = SAFE + TRAPS + ["key:", "  k: v", "  - i", "a: b", "- x"]
    for _ in range(count):
        lines = text.split("\n")
        for _ in range(rng.randint(1, 3)):
            at, piece, roll = rng.randrange(len(lines)), rng.choice(pieces), rng.random()
            if roll < 0.4:
                cut = rng.randrange(len(lines[at]) + 1)
                lines[at] = lines[at][:cut] + piece + lines[at][cut:]
            elif roll < 0.7:
                lines.insert(at, f"{rng.choice(SAFE_KEYS + ['on', 'k k'])}: {piece}")
            elif roll < 0.85:
                lines[at] = "  " + lines[at]
            elif len(lines) > 1:
                del lines[at]
        yield "\n".join(lines)


def test_mutants_of_common_shapes_agree():
    import random

    rng = random.Random(7)
    seen = read = 0
    for text in ACCEPTED:
        for mutant in _mutants(text, rng, 300):
            seen += 1
            read += agrees(mutant)
    assert read > seen // 10  # enough of them are still read here for the comparison to mean something


def test_pathological_yaml_is_read_or_refused_at_once():
    """A 64 KB run of `?` once took the libyaml guard 20 s; 30,000 nested brackets took PyYAML seconds."""
    questions = "name: q\ndescription: Ask. # " + "?" * 65_000 + "\n"
    assert loader.load_yaml(questions)[0] == {"name": "q", "description": "Ask."}
    with pytest.raises(FrontmatterError, match="nested more than 100 levels"):
        full_reader.load_full("x: " + "[" * 30_000 + "]" * 30_000)
    nested = full_reader.load_full("x: " + "[" * 50 + "]" * 50)[0]["x"]
    for _ in range(49):
        (nested,) = nested
    assert nested == []


def test_load_full_gives_second_level_key_lines_and_takes_a_higher_alias_cap():
    text = "x-d: &d {restart: always}\nservices:\n" + "".join(f"  s{i}:\n    <<: *d\n" for i in range(60))
    with pytest.raises(FrontmatterError, match="more than 50 YAML aliases"):
        full_reader.load_full(text)
    lines: dict[str, dict[str, int]] = {}
    data, key_lines, _ = full_reader.load_full(text, max_aliases=100, child_lines=lines)
    assert data["services"]["s59"] == {"restart": "always"} and key_lines == {"x-d": 1, "services": 2}
    assert lines["x-d"] == {"restart": 1} and lines["services"]["s0"] == 3 and lines["services"]["s59"] == 3 + 59 * 2


def test_the_plain_readers_copy_of_yamls_implicit_types_is_pyyamls_own_table():
    """frontmatter.types copies PyYAML's implicit resolvers (so plain frontmatter never imports PyYAML): the copy must
    type exactly what the full loader types, first character by first character."""
    import re

    from skilldex.frontmatter.types import IMPLICIT_RESOLVERS

    def as_text(table):
        return {
            first: [(tag, re.compile(rx.pattern, rx.flags)) for tag, rx in found]
            for first, found in table.items()
            if found
        }

    assert as_text(IMPLICIT_RESOLVERS) == as_text(full_reader.Loader.yaml_implicit_resolvers)


def test_the_characters_left_to_the_full_loader_are_those_of_the_reference_class():
    """the plain reader checks characters by code point ranges (a regex class over all of Unicode cost ~10 ms to
    compile): every code point is judged as the class written out as a regex judges it."""
    import re

    reference = re.compile(
        "[^\n\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]|[\ue085\ue028\ue029]"
    )
    every = [chr(code) for code in range(0x110000)]
    assert [c for c in every if plain_reader._unsupported(c)] == [c for c in every if reference.search(c)]
    assert plain_reader._unsupported("name: x\ndescription: café\u0085") and not plain_reader._unsupported("a: café")
