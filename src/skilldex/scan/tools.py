"""Tools: scripts and executables in the folders people keep CLIs in, described without running them."""

from __future__ import annotations

import posixpath
import re
import shlex

from skilldex import capabilities
from skilldex.capabilities import runs
from skilldex.models import ToolItem
from skilldex.rules import scan as rules
from skilldex.samples import SAMPLE_DIRS
from skilldex.scan import changes, frameworks, shipped, tools_go
from skilldex.scan.describe import describe, detect_language
from skilldex.scan.fs import RepoFile, RepoFS
from skilldex.scan.node_packages import typescript_runner
from skilldex.scan.wrapped import readme_of_wrapped

TOOL_FOLDERS = {
    "tools",
    "tool",
    "scripts",
    "script",
    "bin",
    "hack",
    "ops",
    "devtools",
    "dev-tools",
    "tooling",
    "utils",
    "cli",
    "tasks",
    "automation",
    "cmd",
}
MAX_DEPTH_BELOW_TOOL_FOLDER = 2
MAX_TOOL_FOLDER_DEPTH = 5
SCRIPT_EXTENSIONS = {
    ".sh": "shell",
    ".bash": "shell",
    ".zsh": "shell",
    ".ksh": "shell",
    ".fish": "shell",
    ".py": "python",
    ".js": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".ts": "typescript",
    ".mts": "typescript",
    ".rb": "ruby",
    ".pl": "perl",
    ".ps1": "powershell",
    ".php": "php",
    ".lua": "lua",
    ".tcl": "tcl",
    ".bat": "batch",
    ".cmd": "batch",
    ".go": "go",
}
NOT_TOOLS = {"__init__.py", "__main__.py", "conftest.py", "setup.py", "index.d.ts"}
INTERPRETERS = {
    "python": "python3",
    "shell": "bash",
    "javascript": "node",
    "typescript": "npx tsx",
    "ruby": "ruby",
    "perl": "perl",
    "powershell": "pwsh",
    "php": "php",
    "lua": "lua",
    "tcl": "tclsh",
}
_NEVER_TOOL_FOLDERS = (
    ".claude",
    ".agents",
    ".github",
    "skills",
    "tests",
    "test",
    "__tests__",
    "fixtures",
    "examples",
    "testdata",
)
_ENTRY_MARKERS = ("argparse", "import click", "import typer", "docopt", "sys.argv", "fire.Fire")
# Dot folders whose scripts git or an editor runs, not people.
_HOOK_FOLDERS = {
    ".husky",
    ".githooks",
    ".git-hooks",
    ".hooks",
    ".git",
    ".vscode",
    ".idea",
    ".cursor",
    ".zed",
    ".venv",
    ".tox",
    ".nox",
    ".cache",
}
# Tool-folder names that, inside a source tree, name a package of the code rather than scripts to run.
_CODE_FOLDER_NAMES = {"cli", "utils", "tasks", "tooling", "tool", "tools"}
_SOURCE_ROOTS = {"lib", "src", "app", "pkg", "internal"}
_LIBRARY_NAME = re.compile(
    r"^(?:lib|common|functions|helpers?|utils?)(?:[_-][\w-]+)?\.\w+$|^[\w-]+[_-](?:lib|common)\.\w+$", re.IGNORECASE
)
_EXECUTABLE_MAGIC = (b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"MZ")


def _in_tool_folder(file: RepoFile) -> bool:
    folders = [p.lower() for p in file.parts[:-1]]
    if not folders:
        return False
    if any(p in _NEVER_TOOL_FOLDERS for p in folders):
        return False
    for i, folder in enumerate(folders):
        if folder in TOOL_FOLDERS and i < MAX_TOOL_FOLDER_DEPTH:
            return len(folders) - i - 1 <= MAX_DEPTH_BELOW_TOOL_FOLDER
    return False


def _loose_shell_script(file: RepoFile) -> bool:
    """A `.sh` outside the usual folders (`infra/gcp/bash/ensure-bucket.sh`, `backup_tools/backup_prod.sh`):
    shell scripts are written to be run wherever they sit, CI's too (`.ci/phpstan.sh`, `.buildscript/deploy.sh`).
    Not in git-hook and editor folders, completion folders (sourced by shells) or test and sample folders."""
    return posixpath.splitext(file.name)[1].lower() in (".sh", ".bash") and _loose_place(file)


def _loose_place(file: RepoFile) -> bool:
    """Not too deep, and not in git-hook and editor folders, completion folders (sourced by shells) or test and
    sample folders: where a script people run may sit outside the usual tool folders."""
    folders = [p.lower() for p in file.parts[:-1]]
    return (
        len(folders) <= MAX_TOOL_FOLDER_DEPTH
        and not any(p in _HOOK_FOLDERS or "completion" in p for p in folders)
        and not (set(folders) & (SAMPLE_DIRS | set(_NEVER_TOOL_FOLDERS)))
    )


def _loose_python_script(fs: RepoFS, file: RepoFile, head: bytes) -> bool:
    """An executable `.py` with a shebang outside the usual folders (`logging/open_logging_cluster.py`): written to
    be run where it sits, like a loose shell script. Not a package's module (run through its entry point), nor in
    hook folders (Claude Code or git runs those), sample or test folders, or a source tree."""
    if posixpath.splitext(file.name)[1].lower() != ".py" or not file.executable or not head.startswith(b"#!"):
        return False
    if file.name == "manage.py":  # Django's runner: its commands are the tools (scan/frameworks.py)
        return False
    folders = [p.lower() for p in file.parts[:-1]]
    return (
        _loose_place(file)
        and "hooks" not in folders
        and not set(folders) & _SOURCE_ROOTS
        and not fs.exists(posixpath.join(posixpath.dirname(file.rel), "__init__.py"))
    )


def _in_source_tree(file: RepoFile) -> bool:
    """A `cli/`, `utils/` or `tasks/` folder inside the code (`lib/`, `src/`, `app/`): its files are modules."""
    folders = [p.lower() for p in file.parts[:-1]]
    return any(folder in _CODE_FOLDER_NAMES and set(folders[:i]) & _SOURCE_ROOTS for i, folder in enumerate(folders))


def _skip_name(name: str) -> bool:
    lower = name.lower()
    return (
        lower.startswith((".", "_", "test_"))
        or lower in NOT_TOOLS
        or lower.endswith((".d.ts", "_test.py", ".pyc"))
        or ".test." in lower
        or ".spec." in lower
        or ".config." in lower
    )


def _is_candidate(fs: RepoFS, file: RepoFile) -> tuple[bool, bytes]:
    """Whether a file is a tool, judged on its name, mode and first bytes (never on running it)."""
    if _skip_name(file.name):
        return False, b""
    extension = posixpath.splitext(file.name)[1].lower()
    if frameworks.command_file(file, _NEVER_TOOL_FOLDERS):
        return True, fs.head(file)
    at_root = len(file.parts) == 1
    if extension and extension not in SCRIPT_EXTENSIONS:
        return False, b""
    loose_python = False
    if not at_root and not _in_tool_folder(file) and not _loose_shell_script(file):
        loose_python = extension == ".py" and file.executable and _loose_python_script(fs, file, fs.head(file))
        if not loose_python:
            return False, b""
    head = fs.head(file)
    shebang = head.startswith(b"#!")
    if (
        SCRIPT_EXTENSIONS.get(extension) == "shell"
        and not file.executable
        and (_LIBRARY_NAME.match(file.name) or not shebang and {"lib", "libs"} & {p.lower() for p in file.parts[:-1]})
    ):
        return False, head  # hack/lib/init.sh, infra/lib_gcs.sh: a library other scripts source, not a command
    if at_root:
        return (extension in (".sh", ".bash", ".ps1") or (shebang and file.executable)), head
    if not (shebang or file.executable) and SCRIPT_EXTENSIONS.get(extension) != "shell" and _in_source_tree(file):
        return False, head  # lib/mastodon/cli/media.rb: a module of the app's CLI, run through bin/tootctl
    if not extension:
        return shebang or file.executable, head
    return True, head


def _run(file: RepoFile, language: str, shebang: bool, fs: RepoFS | None = None) -> str:
    """The command line, with the path shell-quoted: file names are the repo's to choose."""

    path = shlex.quote(file.rel if "/" in file.rel else f"./{file.rel}")
    if file.executable and (shebang or language == "binary"):
        return path
    interpreter = INTERPRETERS.get(language)
    if language == "typescript" and fs is not None:  # the runner the repo installed (ts-node, tsx, bun)
        interpreter = typescript_runner(fs, posixpath.dirname(file.rel))
    return f"{interpreter} {shlex.quote(file.rel)}" if interpreter else path


def scan_tool(fs: RepoFS, file: RepoFile, head: bytes) -> ToolItem | None:
    if head.startswith(_EXECUTABLE_MAGIC) and file.executable:
        return ToolItem(
            name=file.name,
            path=file.rel,
            description="Compiled executable (no description readable).",
            capabilities=capabilities.infer(file.name),
            run=_run(file, "binary", False),
            language="binary",
            executable=True,
        )
    text = fs.read_text(file)
    if text is None:
        return None
    framework = frameworks.command_file(file, _NEVER_TOOL_FOLDERS)
    if framework:
        return frameworks.tool(fs, file, text, framework)
    known = None  # (in a package, a script), worked out before describing when the extension says Python
    if detect_language(file.name, "") == "python":
        known = _python_kind(fs, file, text, head)
        if known == (True, False):
            return None  # a library module in a package is no tool whatever it declares: not worth describing
    name, run = file.name, None
    if detect_language(file.name, "") == "go":
        found = tools_go.program(fs, file, text, TOOL_FOLDERS)
        if found is None:
            return None  # a package's other files, a library, a test
        name, run = found
    info = describe(file.rel if run else file.name, text)
    if run and not info.description:  # `cmd.Execute()`: the cobra root command is in another file
        info.description, info.description_source = tools_go.cobra_description(fs, file, text, name)
    if not info.description and info.language == "shell":  # a wrapper: what it runs says what it does
        info.description = readme_of_wrapped(fs, file, text)
        info.description_source = "wrapped-readme" if info.description else None
    if info.language == "python":
        in_package, script = known or _python_kind(fs, file, text, head)
        if not script and (in_package or not info.parse_error):
            return None  # a library module that happens to live in a tools folder
        if info.parse_error:
            line, message = info.parse_error
            fs.report(rules.TOOL_UNPARSABLE.finding(file.rel, f"Python source does not parse: {message}", line))
    elif info.language in ("javascript", "typescript") and _js_module(text, head, file):
        return None
    evidence = changes.evidence(info, text)
    flag_text = " ".join(" ".join(f.flags) + " " + (f.help or "") for f in info.flags)
    return ToolItem(
        name=name,
        path=file.rel,
        description=info.description,
        capabilities=_capabilities(file, info.description, info.usage, flag_text, _body(info.language, text)),
        run=run or _run(file, info.language, head.startswith(b"#!"), fs),
        language=info.language,
        executable=file.executable,
        usage=info.usage,
        flags=info.flags,
        subcommands=info.subcommands,
        mutating=bool(evidence),
        mutating_evidence=evidence,
        description_source=info.description_source,
    )


_JS_EXPORT = re.compile(r"^export\s|^module\.exports\b", re.MULTILINE)


def _js_module(text: str, head: bytes, file: RepoFile) -> bool:
    """A JS/TS file that only exports (a helper or plugin module), not a script run on its own."""
    if head.startswith(b"#!") or file.executable or "bin" in file.parts[:-1]:
        return False
    return bool(_JS_EXPORT.search(text)) and "process.argv" not in text and "import.meta.main" not in text


def _python_kind(fs: RepoFS, file: RepoFile, text: str, head: bytes) -> tuple[bool, bool]:
    """(whether the file sits in a package, whether it is a script)."""
    in_package = fs.exists(posixpath.join(posixpath.dirname(file.rel), "__init__.py"))
    return in_package, _python_entry_point(text, head, file, in_package)


def _python_entry_point(text: str, head: bytes, file: RepoFile, in_package: bool) -> bool:
    """A script, not a library module: a shebang, the x bit, a __main__ guard, or CLI parsing
    outside a package (inside one, modules define CLIs that run through an entry point)."""
    if head.startswith(b"#!") or file.executable or "__main__" in text or "# /// script" in text:
        return True
    if in_package:
        return False
    return any(marker in text for marker in _ENTRY_MARKERS)


def scan_file(fs: RepoFS, file: RepoFile) -> list[ToolItem]:
    items: list[ToolItem] = []
    candidate, head = _is_candidate(fs, file)
    if not candidate or shipped.elsewhere(fs, file):
        return items
    item = scan_tool(fs, file, head)
    if item is not None:
        items.append(item)
    return items


def _body(language: str, text: str) -> str:
    """What a script runs, for its capabilities: a shell script's commands, a Python script's imports."""
    if language == "shell":
        return text
    return runs.python_imports(text) if language == "python" else ""


_TEST_FILE = re.compile(r"(^test[-_]|[-_.]tests?\.[a-z]+$|[-_]tests?$|_spec\.[a-z]+$)", re.IGNORECASE)


def _capabilities(file: RepoFile, description: str | None, usage: str | None, flags: str, body: str) -> list[str]:
    """A test script is about testing, whatever it tests (`bootstrap-s3-test.sh`); a tool is what its file name
    and first sentence say, its folders only where they say it ("infra/scripts/x.js" is no infrastructure); a shell
    script that says nothing, what the programs its `body` runs serve."""
    if _TEST_FILE.search(file.name):
        return ["testing"]
    folders = file.rel[: -len(file.name)].replace("/", " ")
    found = capabilities.of_item(file.name, f"{description or ''}", usage, flags, folders) or sorted(
        {*capabilities.infer_fields((), runs=(body,)), *runs.of_dispatched(body)}, key=capabilities.ORDER_OF.__getitem__
    )
    return capabilities.of_installer(file.rel, found)
