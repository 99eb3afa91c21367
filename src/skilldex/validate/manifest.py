"""One manifest (skill, command or agent file) read for validation: text, frontmatter, positions, parse findings."""

from __future__ import annotations

from skilldex.finding import Finding
from skilldex.frontmatter.types import Field, FrontmatterError
from skilldex.markdown import Document, split_frontmatter
from skilldex.plainvalue import Value
from skilldex.rules import scan as parse_rules
from skilldex.scan.common import without_bom
from skilldex.scan.fs import RepoFile, RepoFS
from skilldex.scan.skills import SKILL_FILENAME, location

TYPE_CHECKING = False  # typing is for annotations only: validate's path never imports it
if TYPE_CHECKING:
    from typing import Any

_PARSE_RULES = {
    "unclosed": parse_rules.UNCLOSED_FRONTMATTER,
    "invalid-yaml": parse_rules.INVALID_YAML,
    "yaml-too-large": parse_rules.INVALID_YAML,
    "not-mapping": parse_rules.NOT_MAPPING,
}


class Manifest(Value):
    _fields = ("fs", "file", "kind", "text", "doc", "findings", "parsed")

    def __init__(
        self,
        fs: RepoFS,
        file: RepoFile,
        kind: str,
        text: str,
        doc: Document,
        findings: list[Finding] | None = None,
        parsed: bool = True,
    ):
        self.fs, self.file, self.kind, self.text, self.doc = fs, file, kind, text, doc  # kind: skill | command | agent
        self.findings = [] if findings is None else findings
        self.parsed = parsed  # frontmatter present and readable (or absent without error)

    @property
    def rel(self) -> str:
        return self.file.rel

    @property
    def frontmatter(self) -> dict[str, Any]:
        return self.doc.frontmatter

    @property
    def dir_name(self) -> str:
        parts = self.file.parts
        return parts[-2] if len(parts) > 1 else self.fs.root.name

    @property
    def folder(self) -> str:
        return self.rel.rsplit("/", 1)[0] if "/" in self.rel else ""

    def where(self, key: str, value: bool = False) -> tuple[int, int]:
        """(line, column) of a frontmatter key, or of its value; the opening `---` when the key is absent."""
        info: Field | None = self.doc.fields.get(key)
        if info is None:
            return 1, 1
        return (info.value_line, info.value_column) if value else (info.line, info.column)

    def location(self) -> tuple[str, int | None, str | None]:
        """(scope, depth below the skills folder, plugin root), as Claude Code would discover it."""
        return location(self.fs, self.file.parts)

    @property
    def exact_name(self) -> bool:
        return self.file.name == SKILL_FILENAME


def read(fs: RepoFS, file: RepoFile, kind: str) -> Manifest | None:
    """Read and split one manifest; None when it cannot be read at all (the read left a finding in fs)."""
    text = fs.read_text(file)
    if text is None:
        return None
    findings: list[Finding] = []
    text = without_bom(text, file.rel, findings)
    if not text.strip():
        findings.append(parse_rules.EMPTY_FILE.finding(file.rel, f"{file.name} is empty", 1, 1))
        return Manifest(fs, file, kind, text, Document(False), findings, parsed=False)
    try:
        doc = split_frontmatter(text)
    except FrontmatterError as exc:
        findings.append(_PARSE_RULES[exc.kind].finding(file.rel, exc.message, exc.line, exc.column))
        return Manifest(fs, file, kind, text, Document(False, body=text), findings, parsed=False)
    for key, line in doc.duplicate_keys:
        first = f" (first on line {doc.key_lines[key]})" if key in doc.key_lines else ""
        findings.append(parse_rules.DUPLICATE_KEY.finding(file.rel, f"key '{key}' is repeated{first}", line, 1))
    if not doc.has_frontmatter and kind != "command":  # commands need no frontmatter
        first = text.lstrip("\n").splitlines()[0][:60] if text.strip() else ""
        findings.append(
            parse_rules.MISSING_FRONTMATTER.finding(
                file.rel, f"no YAML frontmatter: the file starts with '{first}', not '---'", 1, 1
            )
        )
    return Manifest(fs, file, kind, text, doc, findings)
