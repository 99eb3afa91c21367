"""The fast paths give exactly what the plain algorithms they replace give (kept here as the reference).

Each property test pits a speed-up against the simple version it replaced: frontmatter found without
splitting the file into lines, capabilities looked up word by word, the connection-string pattern tried
only before each `://`, the Python tree walked once, a small tool file read with one open.
"""

from __future__ import annotations

import ast
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from skilldex import capabilities, secrets
from skilldex.frontmatter.types import FrontmatterError
from skilldex.markdown import split_frontmatter
from skilldex.scan.describe.python_ast import Nodes
from skilldex.scan.fs import READ_STEP, RepoFS
from skilldex.secrets import shapes

SETTINGS = settings(max_examples=1000, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


def pieces(*extra: str, alphabet: str = ""):
    """Texts made of line ends, odd whitespace and `extra` pieces, with runs drawn from `alphabet`."""
    piece = st.sampled_from(["\n", "\r", "\r\n", " ", "\t", "\x0b", "\u2028", "x", *extra])
    if alphabet:
        piece = st.one_of(piece, st.text(alphabet=alphabet, max_size=30))
    return st.lists(piece, max_size=30).map("".join)


_REFERENCE_LINE_END = re.compile(r"(?<=\n)|(?<=\r)(?!\n)")


def reference_split(text: str) -> tuple:
    """Where split_frontmatter puts frontmatter, body and body_start, found by splitting every line."""
    lines = [line for line in _REFERENCE_LINE_END.split(text) if line]
    if not lines or lines[0].rstrip("\r\n").rstrip() != "---":
        return False, text, 1
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n").rstrip() == "---":
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    return "unclosed", None, None


@SETTINGS
@given(st.sampled_from(["", "---", "--- ", "---\t"]), pieces("---", "--- ", "----", "-", "a: b", "#", "\r\r---"))
@example("---", "\r\r---\rbody")
@example("---", "\r\na: b\r---  \r\n\rbody")
@example("---", "\na: b\n---")
def test_frontmatter_is_found_where_splitting_every_line_finds_it(opening, rest):
    text = opening + rest
    expected = reference_split(text)
    try:
        doc = split_frontmatter(text)
    except FrontmatterError as exc:  # unclosed, or a closed frontmatter that is no YAML mapping
        assert (exc.kind == "unclosed") == (expected[0] == "unclosed") and expected[0] is not False
        return
    if expected[0] is False:
        assert (doc.has_frontmatter, doc.body, doc.body_start) == expected
    else:
        assert (doc.frontmatter_text, doc.body, doc.body_start) == expected


def reference_infer(*texts: str | None) -> list[str]:
    """Every capability's vocabulary intersected with the words, camelCase parts always split."""
    text = capabilities.words.URL.sub(" ", " ".join(t for t in texts if t))
    words = capabilities.tokens(text)
    camel = [  # camelCase parts, of words the vocabulary does not name whole (CloudWatch)
        part
        for word in text.split()
        for piece in re.findall(r"[A-Za-z0-9]+", word)
        if re.search(r"[a-z0-9][A-Z]", piece)
        and not any(
            capabilities.stem(piece.lower()) in {capabilities.stem(w) for w in vocabulary}
            for vocabulary in capabilities.VOCABULARY.values()
        )
        for part in capabilities.camel_tokens(piece)
    ]
    present = set(words) | set(camel)
    joined = " " + " ".join(words) + " "
    unless = {capabilities.stem(w): {capabilities.stem(o) for o in others} for w, others in capabilities.UNLESS.items()}
    # context (a veto word near every place it is said) can take a word's meaning
    signalling = {
        w
        for w in present
        if not (unless.get(w, set()) & present and capabilities.vetoed(w, unless[w], words if w in words else camel))
    }
    found = []
    for capability, vocabulary in capabilities.VOCABULARY.items():
        singles = {capabilities.stem(w) for w in vocabulary if len(capabilities.tokens(w)) == 1}
        phrases = [f" {' '.join(capabilities.tokens(w))} " for w in vocabulary if len(capabilities.tokens(w)) > 1]
        if signalling & singles or any(p in joined for p in phrases):
            found.append(capability)
    return found


WORDS = [w for words in capabilities.VOCABULARY.values() for w in words]
WORDS += [w for others in capabilities.UNLESS.values() for w in others]


@SETTINGS
@given(
    st.lists(
        st.lists(
            st.sampled_from([*WORDS, "CloudWatch", "CloudNative", "apiKey", "https://x.io/db", "İ", "-", "/", " "]),
            max_size=8,
        ).map(" ".join),
        max_size=3,
    )
)
def test_capabilities_are_those_of_the_plain_intersection(texts):
    assert capabilities.infer(*texts) == reference_infer(*texts)


CONNECTION = next(
    shapes.compiled(i) for i, (kind, *_) in enumerate(shapes.PATTERNS) if kind == "password in a connection string"
)


@SETTINGS
@given(pieces("://", ":", "@", "/", "postgres", "u" * 60, "p" * 120, alphabet="aB9+.-_:/@é"))
@example("a" * 21 + "://u:pw@h " + "b" * 22 + "://u:pw@h")
def test_connection_strings_tried_before_each_pivot_are_all_the_matches(text):
    assert [m.span(2) for m in shapes.around(CONNECTION, text, "://", 21)] == [
        m.span(2) for m in CONNECTION.finditer(text)
    ]


def test_dense_pivots_take_one_pass_with_the_same_result():
    text = "x://u:p4ssw0rd@h " * 50  # a pivot every 17 characters: cheaper to scan once
    assert text.count("://") * shapes.PIVOT_SPACING >= len(text)
    assert [s[:2] for s in secrets.find(text)] == [m.span(2) for m in CONNECTION.finditer(text)]


def test_the_tree_is_walked_in_ast_walk_order():
    tree = ast.parse(
        "import click\nfrom typer import Typer\napp = Typer()\n"
        "@click.command()\ndef main(x=f(g(1))):\n    if '--x' in argv and y == 2:\n        h(k(lambda: m()))\n"
        "async def other():\n    return [n(i) for i in range(3)]\n"
    )
    walked = list(ast.walk(tree))
    nodes = Nodes(tree)
    for kinds, found in (
        ((ast.Call,), nodes.calls),
        ((ast.Import, ast.ImportFrom), nodes.imports),
        ((ast.Assign,), nodes.assigns),
        ((ast.FunctionDef, ast.AsyncFunctionDef), nodes.functions),
        ((ast.Compare,), nodes.compares),
    ):
        assert found == [n for n in walked if isinstance(n, kinds)]
    assert len(nodes.calls) == 9


def test_a_small_file_read_by_head_is_read_once_with_the_same_bytes(tmp_path):
    small, big = tmp_path / "tools" / "a.sh", tmp_path / "tools" / "b.sh"
    small.parent.mkdir()
    small.write_bytes(b"#!/bin/sh\n# caf\xc3\xa9\n" + b"echo hi\n" * 100)
    big.write_bytes(b"#!/bin/sh\n" + b"x" * READ_STEP)
    fs = RepoFS.open(tmp_path)
    file = fs.file("tools/a.sh")
    assert fs.head(file, 9) == b"#!/bin/sh"
    small.write_bytes(b"changed")  # read_text uses what head read whole: one open, one version of the file
    assert fs.read_text(file) == "#!/bin/sh\n# café\n" + "echo hi\n" * 100
    assert fs.read_text(fs.file("tools/b.sh")) == "#!/bin/sh\n" + "x" * READ_STEP  # read on its own
    assert fs.head(fs.file("tools/b.sh")) == (b"#!/bin/sh\n" + b"x" * READ_STEP)[:256]
    assert fs.findings == []
