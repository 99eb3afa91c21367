"""The capabilities of what a command line runs: each simple command's program and subcommand (capabilities.programs),
and the words of the task a runner is asked for (`make deploy`, `npm run build`), read from the text, never run."""

from __future__ import annotations

import functools
import re

from skilldex.capabilities.programs import PROGRAMS
from skilldex.capabilities.signals import CONTEXT_STEMS, signals

MAX_CHARS = 20_000  # a script's commands are read from its first MAX_CHARS characters
MAX_COMMANDS = 400
_SUBWORDS = 4  # a subcommand's words are looked for among the first few words that are no flag


def _by_program() -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]:
    """program -> [(the subcommand's words, capabilities)], longest first."""
    table: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for key, capabilities in PROGRAMS.items():
        program, *words = key.split()
        table.setdefault(program, []).append((tuple(words), capabilities))
    for entries in table.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return table


_TABLE = _by_program()
# Make's and the shell's variables that name a program ($(KUBECTL), ${TERRAFORM}): the program, lowercased
_VARIABLE = re.compile(r"\$(?:\(([A-Za-z_][A-Za-z0-9_]*)\)|\{([A-Za-z_][A-Za-z0-9_]*)\})")
# where one simple command ends and the next begins: && || ; | newlines, $( ... ) and `...` substitutions
_VAR = "\x00"  # marks a word that was a variable, which names the program only when the table knows it
_SEPARATORS = re.compile(r"&&|\|\||[;|\n`]|\$\(|\)|\(|\bthen\b|\bdo\b|\belse\b")
_ASSIGNMENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*=")
# words before the program that only say how it runs
_PREFIXES = frozenset(
    {
        "sudo",
        "env",
        "exec",
        "time",
        "nohup",
        "command",
        "if",
        "elif",
        "while",
        "until",
        "!",
        "{",
        "npx",
        "pnpx",
        "bunx",
        "xargs",
        "watch",
        "@",
    }  # fmt: skip
)
_RUNNING = {  # "runner run": what follows is the program it runs
    "uv": "run",
    "poetry": "run",
    "pipenv": "run",
    "pdm": "run",
    "hatch": "run",
    "bundle": "exec",
    "pnpm": "exec",
    "npm": "exec",
    "yarn": "dlx",
    "pnpx": "",
}
_PYTHON = re.compile(r"python[0-9.]*$")
_TASK_RUNNERS = {  # runner -> the subcommand before a task name ("" when the name comes first)
    "make": "",
    "gmake": "",
    "task": "",
    "just": "",
    "mise": "run",
    "npm": "run",
    "pnpm": "run",
    "yarn": "run",
    "bun": "run",
    "rake": "",
    "invoke": "",
    "nox": "",
    "composer": "run",
}
_RUNNER_VERBS = frozenset({"run", "run-script", "exec", "install", "add", "ci", "i", "remove"})
_INSIDE = {"docker": ("run", "exec"), "docker-compose": ("run", "exec"), "kubectl": ("exec",), "oc": ("exec",)}


def of_commands(text: str | None) -> dict[str, int]:
    """capability -> how many of the text's simple commands serve it, by the program each runs."""
    found: dict[str, int] = {}
    for served in _of_commands(text[:MAX_CHARS]) if text else ():
        for capability in served:
            found[capability] = found.get(capability, 0) + 1
    return found


def of_dispatched(text: str) -> set[str]:
    """What the tasks of a shell script that runs the one its first argument names serve, by their names: a
    Taskfile-style script offering `logs`, `test` and `db:reset` is about logs, testing and the database."""
    return {c for name in dispatched(text) for c in signals(_words(name), skip=CONTEXT_STEMS)}


def _words(name: str) -> str:
    return name.replace(":", " ").replace("-", " ").replace("_", " ")


def dispatched(text: str) -> list[str]:
    """The tasks of a shell script that runs the one its first argument names (a Taskfile-style script of functions
    whose last line is `"${@:-default}"`): `logs`, `test`, `db:reset`."""
    lines = [line for line in text[:MAX_CHARS].splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if not lines or not _RUNS_ARGUMENT.fullmatch(lines[-1]):  # its last line runs the task named: no library
        return []
    return [a or b for a, b in _FUNCTION.findall("\n".join(lines))]


_FUNCTION = re.compile(r"^(?:function\s+([\w:.-]+)|([\w:.-]+)\s*\(\s*\)\s*\{)", re.MULTILINE)
_RUNS_ARGUMENT = re.compile(r"(?:time\s+)?\"?\$(?:@|\{@[^}]*\})\"?\s*")


def script_of(command: str) -> str:
    """The stem of the repo script a command line runs (`scripts/cluster.sh deploy-odf`: cluster), else ""."""
    words = command.split()
    if words[:1] in (["bash"], ["sh"]):  # `bash ./hack/dev/generate-certs.sh`
        words = [w for w in words[1:] if not w.startswith("-")]
    program = words[0].strip("'\"@") if words else ""
    if "/" not in program or "$" in program or not _SCRIPT.search(program):
        return ""
    return program.rsplit("/", 1)[-1].rsplit(".", 1)[0]


_SCRIPT = re.compile(r"\.(?:sh|bash|py|rb|js|ts|pl)$|^(?:\./)?(?:scripts|bin|tools|hack)/[\w.-]+$")


def python_imports(text: str) -> str:
    """The modules a Python script imports, one a line, as the table names them (`google.cloud`, `boto3`): what a
    script that calls no program drives."""
    found = []
    for module in _IMPORT.findall(text[:MAX_CHARS]):
        parts = module.split(".")
        found.append(".".join(parts[:2]) if parts[0] in ("google",) else parts[0])
    return "\n".join(dict.fromkeys(found))


_IMPORT = re.compile(r"^[ \t]*(?:from|import)[ \t]+([A-Za-z_][\w.]*)", re.MULTILINE)


def of_ends(text: str | None) -> frozenset[str]:
    """What the first and the last command of a recipe serve, past shell chores (`echo done`, `cd ..`): the main
    step opens it (`docker compose up -d && sleep 5`) or closes it, after steps that prepare it (`yarn build && yarn
    test && node deploy`) or in the pipeline that feeds it (`helm template | kubeconform`). Of a preview cut short
    (`… (+4 more)`) only the first: its last command is not shown."""
    if not text:
        return frozenset()
    shown = _CUT.sub("", text[:MAX_CHARS])
    commands = _of_commands(shown, chores=False)
    if not commands:
        return frozenset()
    return commands[0] if shown != text[:MAX_CHARS] else commands[0] | commands[-1]


_CUT = re.compile(r"&& … \(\+\d+ more\)\s*$")  # a preview cut short: its last command is not shown


@functools.lru_cache(maxsize=4096)  # a root task's recipe is read again for each package that copies it
def _of_commands(text: str, chores: bool = True) -> tuple[frozenset[str], ...]:
    """What each simple command serves, in order (with `chores=False`, shell chores left out)."""
    text = _VARIABLE.sub(_variable, text.replace("\\\n", " "))
    commands = [c.split() for c in _SEPARATORS.split(_no_comments(text)) if c.strip()][:MAX_COMMANDS]
    if not chores:
        commands = [c for c in commands if c[0].strip("'\"@") not in _CHORES]
    return tuple(frozenset(_of_command(c)) for c in commands)


def _variable(match: re.Match[str]) -> str:
    """A variable that starts a word may name its program (`$(TF) apply`); one inside a word is a part of it
    (`iac/provider-$(PROVIDER)`, a folder), no word of its own."""
    name = (match.group(1) or match.group(2)).lower()
    before = match.string[match.start() - 1] if match.start() else " "
    return f" {_VAR}{name} " if before.isspace() or before in "=;&|(`'\"" else name


# what a recipe does around its work: printing, moving about, files, waiting, shell syntax
_CHORE_WORDS = (
    "echo printf cd rm mkdir cp mv cat chmod chown sleep true false exit set export source . wait read test [ [[ : "
    "touch ln grep sed awk jq yq tee date return fi done esac unset shift local declare trap pushd popd clear tput "
    "which ls find sort head tail wc xargs"
)
_CHORES = frozenset(_CHORE_WORDS.split())


def _no_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def _of_command(words: list[str]) -> set[str]:
    """What one simple command serves: its program (after env assignments, sudo, `uv run` ...) and subcommand."""
    words = [w.strip("'\"") for w in words]
    while (
        words
        and (
            words[0] in _PREFIXES
            or _ASSIGNMENT.match(words[0])
            or words[0].startswith("-")
            # `$(tf_vars) $(TF) apply`: settings first; `$(MAKE)` is make
            or (words[0].startswith(_VAR) and words[0][1:] not in _TABLE and words[0][1:] not in _TASK_RUNNERS)
        )
    ):
        words = words[1:]
    words = [w.lstrip(_VAR) for w in words]
    if not words:
        return set()
    program = words[0].lower() if words[0].lower() in _TABLE else words[0].rsplit("/", 1)[-1].lower()
    rest = words[1:]
    if program in _RUNNING and rest and rest[0] == _RUNNING[program]:
        return _of_command(rest[1:])
    if _PYTHON.match(program):  # python -m pytest, python manage.py migrate
        args = [w for w in rest if not w.startswith("-")]
        if "-m" in rest and rest.index("-m") + 1 < len(rest):
            return _of_command(rest[rest.index("-m") + 1 :])
        return _of_command(args) if args else set()
    if program == "php" and rest and not rest[0].startswith("-"):  # php artisan migrate: the script is the program
        return _of_command(rest)
    if program == "docker" and rest[:1] == ["compose"]:  # the table says `docker-compose` for both spellings
        program, rest = "docker-compose", rest[1:]
    if program in _INSIDE:  # `docker compose run web python manage.py migrate`: also what runs inside
        verbs = [w for w in rest[:3] if not w.startswith("-")]
        if verbs and verbs[0] in _INSIDE[program]:
            inner = next((i for i, w in enumerate(rest) if i > 1 and w.rsplit("/", 1)[-1] in _TABLE), None)
            return set() if inner is None else _of_command(rest[inner:])  # a shell in a container says nothing
    plain = [w.lower() for w in rest if not w.startswith(("-", "$", "{", "<", ">", "2>"))][:_SUBWORDS]
    for subcommand, capabilities in _TABLE.get(program, ()):
        if _in_order(subcommand, plain):
            return set(capabilities)
    called = _called_task(program, plain)
    return called | _in_folder(program, rest, called)


def _in_order(words: tuple[str, ...], said: list[str]) -> bool:
    """The subcommand's words in order among those said; a namespaced command counts as its namespace's
    (`artisan migrate:fresh`, `rails db:migrate:status`)."""
    at = 0
    for word in words:
        at = next((i + 1 for i in range(at, len(said)) if said[i] == word or said[i].startswith(word + ":")), -1)
        if at < 0:
            return False
    return True


def _in_folder(program: str, rest: list[str], called: set[str]) -> set[str]:
    """`make -C packages/db migrate`: a task of a folder named for what it serves serves that too; of an
    infrastructure-as-code folder (`make -C iac/provider-gcp plan`), infrastructure when its own name says nothing."""
    if program not in ("make", "gmake") or "-C" not in rest[:-1]:
        return set()
    words = _words(rest[rest.index("-C") + 1].strip("'\"").replace("/", " "))
    said = set(signals(words, skip=CONTEXT_STEMS)) - {"cloud"}  # a provider's folder says where, not the work
    return said | {"infrastructure"} if not called and "iac" in words.lower().split() else said


def _called_task(program: str, plain: list[str]) -> set[str]:
    """`make deploy`, `npm run build`, `task db:migrate`: what the called task's name says."""
    if program not in _TASK_RUNNERS:
        return set()
    verb = _TASK_RUNNERS[program]
    plain = [w for w in plain if "/" not in w and "=" not in w]  # `make -C iac/aws plan ENV=dev`: folders, settings
    names = plain[1:2] if verb and plain[:1] == [verb] else plain[:1]
    if not names or (program in ("npm", "pnpm", "yarn", "bun") and names[0] in _RUNNER_VERBS):
        return set()
    return set(signals(_words(names[0]), skip=CONTEXT_STEMS))
