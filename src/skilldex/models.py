"""The typed catalogue: items, findings and the per-repo catalogue (the single schema)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, GetPydanticSchema, PlainSerializer, WrapValidator

from skilldex.finding import Finding  # noqa: F401  (re-exported; plain: validate builds findings without pydantic)
from skilldex.kinds import KINDS, SCHEMA_VERSION  # noqa: F401  (re-exported)
from skilldex.scan.ci.registry import NAMES as CI_SYSTEMS
from skilldex.scan.tasks.registry import NAMES as TASK_RUNNERS
from skilldex.severity import Severity  # noqa: F401  (re-exported; plain, so the rule catalogue needs no pydantic)


# The schema of skilldex.finding.Finding (a plain class, so validate and scan build findings without pydantic):
# pydantic validates and describes a Catalogue's findings by this model, and it carries the name "Finding".
class FindingSchema(BaseModel):
    """A problem found while scanning or checking: where it is, what is wrong, what to do."""

    __qualname__ = "Finding"  # its name in the schema ($defs, title), as before Finding was plain
    model_config = ConfigDict(extra="forbid", defer_build=True, title="Finding")

    code: str = Field(description="Stable rule code, e.g. SKD012; `skilldex rule CODE` explains it.")
    rule: str = Field(description="Kebab-case rule name, e.g. invalid-frontmatter-yaml.")
    severity: Severity
    path: str = Field(description="Repo-relative POSIX path of the file concerned ('.' for the repo).")
    line: int | None = Field(default=None, description="1-based line, when known.")
    column: int | None = Field(default=None, description="1-based column, when known.")
    message: str = Field(description="What is wrong, quoting the offending value.")
    fix: str = Field(description="What to do about it.")


def _finding_schema(source: Any, handler: Any) -> Any:
    """Validate and describe a plain Finding inside a model by FindingSchema; keep it a Finding, dump it as one."""

    def validate(value: Any, inner: Any) -> Finding:
        return value if isinstance(value, Finding) else Finding(**dict(inner(value)))

    def serialize(finding: Finding, info: Any) -> Any:
        return finding.model_dump(mode=info.mode)

    return handler.generate_schema(Annotated[FindingSchema, WrapValidator(validate), PlainSerializer(serialize)])


# A Finding as a field of a model (Catalogue.findings): the plain class, with FindingSchema's validation and schema
FindingField = Annotated[Finding, GetPydanticSchema(_finding_schema)]


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    name: str = Field(description="What people call the item: skill or tool name, target, server.")
    path: str = Field(description="Repo-relative POSIX path of the file that defines the item.")
    line: int | None = Field(default=None, description="1-based line of the definition, if not 1.")
    description: str = Field(default="", description="What the item does, in one paragraph.")
    capabilities: list[str] = Field(
        default_factory=list,
        description="Capability tags (database, logs, deploy, secrets, ...) inferred statically.",
    )
    run: str | None = Field(default=None, description="How to run or invoke it (command line, /slash, MCP server).")


class FileRef(BaseModel):
    """A file that a skill's or doc's body refers to."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    target: str = Field(description="The reference as written, relative to the referring file's folder.")
    path: str = Field(description="Repo-relative POSIX path it resolves to.")
    line: int = Field(description="1-based line of the reference in the referring file.")
    exists: bool


class SkillItem(_Item):
    kind: Literal["skill"] = "skill"
    dir_name: str = Field(description="Folder holding SKILL.md; Claude Code names /commands after it.")
    scope: Literal["project", "nested", "agents", "plugin", "pack", "other"] = Field(
        description=(
            "Where it lives: project (.claude/skills at the root), nested (.claude/skills below the "
            "root), agents (.agents/skills), plugin (a plugin's skills/), pack (a skills/ folder "
            "without a plugin manifest), other (anywhere else)."
        )
    )
    loaded_by_claude_code: bool = Field(
        description="False when Claude Code would not discover this file (wrong case, too deep)."
    )
    description_source: Literal["frontmatter", "body", "none"] = "frontmatter"
    when_to_use: str | None = None
    allowed_tools: list[str] = Field(default_factory=list)
    disallowed_tools: list[str] = Field(default_factory=list)
    user_invocable: bool = True
    disable_model_invocation: bool = False
    argument_hint: str | None = None
    arguments: list[str] = Field(default_factory=list)
    model: str | None = None
    context: str | None = None
    agent: str | None = None
    paths: list[str] = Field(default_factory=list)
    license: str | None = None
    compatibility: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)
    frontmatter: dict[str, Any] = Field(
        default_factory=dict, description="Every frontmatter key as parsed (JSON-safe)."
    )
    references: list[FileRef] = Field(default_factory=list)
    body_lines: int = 0
    installed_by: str | None = Field(
        default=None,
        description="The root manifest (boost.json, skills-lock.json) that installed it: not written here.",
    )


class CommandItem(_Item):
    kind: Literal["command"] = "command"
    argument_hint: str | None = None
    allowed_tools: list[str] = Field(default_factory=list)
    model: str | None = None
    frontmatter: dict[str, Any] = Field(default_factory=dict)


class AgentItem(_Item):
    kind: Literal["agent"] = "agent"
    tools: list[str] = Field(default_factory=list)
    model: str | None = None
    frontmatter: dict[str, Any] = Field(default_factory=dict)


class McpServerItem(_Item):
    kind: Literal["mcp-server"] = "mcp-server"
    transport: Literal["stdio", "http", "sse", "ws", "unknown"] = "unknown"
    command: str | None = None
    args: list[str] = Field(default_factory=list)
    url: str | None = None
    env_keys: list[str] = Field(
        default_factory=list, description="Names of environment variables it is given (never values)."
    )


class Flag(BaseModel):
    """A command-line option a tool accepts, read from its source."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    flags: list[str]
    help: str | None = None
    mutating: bool = Field(
        default=False, description="True for --mutate/--apply/--force-style flags that change things."
    )


class ToolItem(_Item):
    kind: Literal["tool"] = "tool"
    language: str = Field(description="python, shell, javascript, typescript, ruby, perl, ... or unknown.")
    executable: bool = Field(description="The file has its executable bit set.")
    usage: str | None = Field(default=None, description="Usage text read from the source, never by running it.")
    flags: list[Flag] = Field(default_factory=list)
    subcommands: list[str] = Field(default_factory=list)
    mutating: bool = Field(
        default=False,
        description="It can change things: a --mutate/--apply/--force-style flag, a dry-run switch, "
        "or commands such as `git push`, `kubectl apply`, `terraform apply`, `npm publish`, `rm -rf`.",
    )
    mutating_evidence: list[str] = Field(
        default_factory=list, description="Why `mutating` is true: the flags and commands seen."
    )
    description_source: str | None = Field(
        default=None, description="Where the description came from: docstring, argparse, header-comment, ..."
    )


# Every runner of scan/tasks/registry.py, GitHub workflows' (scan/workflows.py) and other CI systems' (scan/ci/)
RUNNERS = (*TASK_RUNNERS, "github-actions", *CI_SYSTEMS)


class TaskItem(_Item):
    kind: Literal["task"] = "task"
    runner: Literal[RUNNERS] = Field(  # type: ignore[valid-type]  # a Literal built from the registry at import
        description="The task runner that defines it."
    )
    command: str | None = Field(default=None, description="The command or entry point it runs.")


class Heading(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    level: int
    text: str
    line: int


class CodeCommand(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    command: str
    line: int


class DocItem(_Item):
    kind: Literal["doc"] = "doc"
    title: str | None = None
    headings: list[Heading] = Field(default_factory=list)
    commands: list[CodeCommand] = Field(
        default_factory=list, description="Shell commands found in the doc's code blocks."
    )
    references: list[FileRef] = Field(default_factory=list)


class KnowledgeItem(_Item):
    kind: Literal["knowledge"] = "knowledge"
    title: str
    tags: list[str] = Field(default_factory=list)
    repos: list[str] = Field(default_factory=list)
    applies_when: list[str] = Field(default_factory=list)
    updated: str | None = None
    review_by: str | None = Field(default=None, description="`review-by` date as written (YYYY-MM-DD).")
    expires: str | None = Field(default=None, description="`expires` date as written (YYYY-MM-DD).")
    supersedes: list[str] = Field(default_factory=list, description="Knowledge objects this one replaces.")
    tools: list[str] = Field(default_factory=list, description="Tools it names in its frontmatter.")
    skills: list[str] = Field(default_factory=list, description="Skills or commands it names in its frontmatter.")
    docs: list[str] = Field(default_factory=list, description="Docs it names in its frontmatter.")
    do: list[str] = Field(default_factory=list, description="The entries of its *Do* section, one line each.")
    dont: list[str] = Field(default_factory=list, description="The entries of its *Don't* section, one line each.")
    frontmatter: dict[str, Any] = Field(default_factory=dict)
    headings: list[Heading] = Field(default_factory=list)


class KnowledgeFrontmatter(BaseModel):
    """The frontmatter of a knowledge object: markdown in a `knowledge/` folder (`skilldex knowledge schema`)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    title: str = Field(min_length=1, description="The situation it answers, as a headline.")
    tags: list[str] = Field(
        min_length=1,
        description="Capability names (database, deploy, ...), process tags (production, process, "
        "...), a repo's name, or tags declared in knowledge/tags.yaml.",
    )
    repos: list[str] = Field(
        default_factory=list, description='Workspace repos it concerns (default: its own); ["*"]: every repo.'
    )
    applies_when: list[str] = Field(
        alias="applies-when",
        min_length=1,
        description="The situations it answers, in the words people use: 'psql to prod times out'.",
    )
    updated: date | None = Field(default=None, description="When it was last checked to be true.")
    review_by: date | None = Field(default=None, alias="review-by", description="Check it again by this date.")
    expires: date | None = Field(default=None, description="After this date it is no longer true.")
    supersedes: list[str] = Field(
        default_factory=list, description="Knowledge objects it replaces (file names or paths); they stop surfacing."
    )
    tools: list[str] = Field(default_factory=list, description="Tools it is about: repo-relative paths or names.")
    skills: list[str] = Field(default_factory=list, description="Skills or commands it is about, by name.")
    docs: list[str] = Field(default_factory=list, description="Docs it relies on: repo-relative paths.")
    description: str | None = Field(default=None, description="One paragraph; default: the body's first one.")


Item = Annotated[
    SkillItem | CommandItem | AgentItem | McpServerItem | ToolItem | TaskItem | DocItem | KnowledgeItem,
    Field(discriminator="kind"),
]


class Catalogue(BaseModel):
    """Everything one repo already has, and what is wrong with it."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    schema_version: int = SCHEMA_VERSION
    repo: str = Field(description="Workspace name of the repo, or its folder name.")
    root: str = Field(description="Absolute path of the repo root that was scanned.")
    items: list[Item] = Field(default_factory=list)
    findings: list[FindingField] = Field(default_factory=list)

    def of_kind(self, kind: str) -> list[Any]:
        return [item for item in self.items if item.kind == kind]


def catalogue_json_schema() -> dict[str, Any]:
    """JSON Schema of the catalogue that `skilldex list --json` prints."""
    schema = Catalogue.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "skilldex catalogue"
    return schema
