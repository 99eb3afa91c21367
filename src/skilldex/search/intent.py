"""What a prompt asks for: to operate something (what tooling is for) or to change code and docs (no hint).

"add a docstring to the restore function" names `scripts/restore.py` by a word of it, but it asks for an
edit of code, not for a restore: telling the agent a restore tool exists is noise. A prompt is about code
when it names a piece of code or prose as its object ("the restore function", "the metrics module", "the
contributing guide", "this regex", a typo) and does not open with a verb that operates something ("run the
tests of the billing module", "deploy the lambda function").
"""

from __future__ import annotations

import re

# Nouns that only name code or prose, whatever surrounds them.
CODE_NOUNS = frozenset(
    """
    function functions method methods class classes docstring docstrings variable variables typo typos
    indentation regex regexes regexp decorator decorators closure closures snippet snippets traceback
    readme adr adrs paragraph paragraphs wording spelling grammar imports constant constants component components
    css stylesheet sidebar dropdown modal button buttons spinner breadcrumb tooltip enum enums struct structs
    interface interfaces callback callbacks
    """.split()  # noqa: SIM905  (a word list reads better as text)
)
# Two-word names of code or prose.
CODE_PHRASES = (
    "stack trace",
    "type hints",
    "type hint",
    "type annotations",
    "unit test",
    "unit tests",
    "error message",
    "commit message",
    "if/elif",
)
# Nouns that name code or prose as the head of "the/this/a ... <noun>" after an edit verb ("add type hints to
# the metrics module", "fix the typo in the getting started guide"), but also things one operates ("dump the
# records to a file", "run the test suite"): counted only with an edit verb, or in a report about code ("the
# installer crashes", "why does this test fail").
CODE_HEADS = frozenset(
    """
    module modules file files script test tests spec specs guide doc docs documentation section page pages
    config conf link links form helper helpers block chain diff check prompt description descriptions
    introduction example examples fixture fixtures parser handler comment comments code line lines loop case
    type types object value values text title preview checks endpoint endpoints command message messages
    question questions logging output error errors warning warnings
    """.split()  # noqa: SIM905
)
# Of those, the ones a report of trouble names about what it runs ("the backup script fails with permission
# denied", "the nginx config is not picked up"): about code only after an edit verb.
RUN_HEADS = frozenset(
    """
    script file files config conf check checks page pages endpoint endpoints command output logging message messages
    error errors warning warnings
    """.split()  # noqa: SIM905
)
# Verbs that change or explain code and prose.
EDIT_VERBS = frozenset(
    """
    fix add rename reword rewrite refactor explain document tighten shorten tidy quote convert remove replace
    split extract improve simplify clean make write annotate comment format sort change translate implement
    reorder reduce inline move memoize handle update drop wrap use return
    """.split()  # noqa: SIM905
)
# Openings of a report or question about code rather than an order: "the installer crashes ...", "why does ...".
REPORT_OPENINGS = frozenset("the this these that my our why what what's where".split())  # noqa: SIM905
# What names a running thing rather than code, said before "function": "the payments lambda function times out".
_RUNNING = frozenset("lambda cloud azure serverless edge firebase step".split())  # noqa: SIM905
_FILLER = re.compile(
    r"^(?:(?:please|pls|hey|ok|so|now|also|then|can you|could you|would you|will you|i want to|i'd like to|"
    r"i need to|we need to|let's|lets|help me|go and|go ahead and)[\s,]+)+"
)
_DETERMINERS = frozenset("the this these that a an each every its my our 's".split())  # noqa: SIM905
# What may follow the head noun: nothing, punctuation, or a word that starts the next phrase.
_AFTER_HEAD = frozenset(
    """
    for in of to on at that which so when with and or from by into about is are was does doesn't do don't
    has have here there only twice crashes crash fails fail returns return prints shows reads runs run throws
    handle handles breaks break works work matches match needs should before after shorter longer clearer
    """.split()  # noqa: SIM905
)
# A clause after a comma or semicolon that opens with a verb of "it": ", reword it", "; make it say how many".
_LATER_ORDER = re.compile(r"[,;]\s+(?:(?:please|and|then|so|just)\s+)*(\w+)\s+(?:it|them|this|that)\b")
_VERSION_TARGET = re.compile(r"\bto (?:version |v)?\d+\.\d+")
_POSSESSIVE = re.compile(r"(?<=\w)'s\b")
# A statement of how something should behave: "the backfill task should print its progress", "leaflet.locate.js
# should show a friendlier message". Its subject is a thing, not a person ("what labels should I put"), nor a
# question ("how should the buckets be set up"), nor something done to it ("the staging database should be
# refreshed from prod": an operation on what runs).
_SHOULD = re.compile(r"^((?:[\w./'-]+ ){1,7}?)(?:should|must)(?:n't| not)? (\w+)(?: (\w+))?")
_NO_SUBJECT = frozenset("i we you they he she it how what which when where why who whether if".split())  # noqa: SIM905
# A report of what a thing does to something, then an order about it: "the html cleaner drops the style attribute
# on tables, keep it", "the range query parser accepts a negative offset, reject it". The thing is code whose
# behaviour is described (a present-tense verb with an object); "the tables are still utf8, convert them" or
# "a drive never finished recording, close it" report a state of what runs.
_ACTS_ON = re.compile(
    r"^(?:the|this|these|that|my|our) (?:[\w.'-]+ ){1,5}?(?!(?:is|was|has|does|its|this|status|stats) )"
    r"[a-z]+[^\Ws]s (?:the|a|an|its|their|every|all|any|no|some) [^,;]*[,;]"
)
_FILE = re.compile(
    r"(?<![\w/.-])[\w./-]*\w\.(?:py|sh|bash|js|mjs|cjs|ts|tsx|jsx|go|rb|rs|java|php|md|rst|ya?ml|json|toml|css|html)\b"
)


def about_code(prompt: str) -> str | None:
    """The words showing that a prompt asks to change or explain code or prose (the hint stays silent), or None
    when it may ask to operate something."""
    text = " ".join(prompt.lower().replace("`", " ").split())
    opening = _FILLER.sub("", text)
    verb = opening.split(maxsplit=1)[0] if opening.strip() else ""
    # how a thing should behave is a change to make to it, not a request to run it
    should = _SHOULD.match(opening)
    if should and should.group(2) not in _NO_SUBJECT and not _NO_SUBJECT.intersection(should.group(1).split()):
        done_to = should.group(2) in ("be", "get") and (should.group(3) or "").endswith(("ed", "en"))
        if not done_to:
            return "should"
    # the order may come last, after what it is about: "the command's question is confusing, reword it"
    later = _LATER_ORDER.findall(text)
    if later and _ACTS_ON.match(opening):
        return later[0]  # what the code does to something, and what to do about it
    editing = verb in EDIT_VERBS or any(v in EDIT_VERBS for v in later)
    if not editing and verb not in REPORT_OPENINGS:
        return None  # "run the tests of the billing module", "deploy the lambda function": an order to operate
    if _VERSION_TARGET.search(text):
        return None  # "update the spec.json we test against to version 0.32": a bump, what release tooling does
    # a possessive determines what follows it ("the setup guide's ubuntu section"), and names what it belongs to:
    # "the update url command's question" is about the command's question, not about the command
    words = re.findall(r"[\w'./-]+|[^\w\s]", _POSSESSIVE.sub(" 's", text))
    for phrase in CODE_PHRASES:
        if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text):
            return phrase
    for at, word in enumerate(words):
        if word in CODE_NOUNS and not (at and words[at - 1] in _RUNNING):
            return word
    for at, word in enumerate(words):
        if word in CODE_HEADS and (editing or word not in RUN_HEADS) and _is_head(words, at):
            return word
    if editing:
        named = _FILE.search(text)
        if named:
            return named.group(0)
    return None


def order(prompt: str) -> str | None:
    """The verb of a prompt's order to change something: its opening edit verb ("move the strings to ...") or
    one that comes last ("..., reword it"); None when it has none."""
    text = " ".join(prompt.lower().replace("`", " ").split())
    opening = _FILLER.sub("", text).split(maxsplit=1)
    if opening and opening[0] in EDIT_VERBS:
        return opening[0]
    return next((verb for verb in _LATER_ORDER.findall(text) if verb in EDIT_VERBS), None)


def _is_head(words: list[str], at: int) -> bool:
    """Whether words[at] ends a noun phrase a determiner opens: "the restore function", "a file"."""
    after = words[at + 1] if at + 1 < len(words) else ""
    if after == "'s":
        return False  # "the guide's section": the head is what the guide has
    if after and after[0].isalnum() and after not in _AFTER_HEAD:
        return False  # "the test cluster": the noun only qualifies the next one
    if any(w in _DETERMINERS for w in words[max(at - 5, 0) : at]):
        return True
    return at <= 2 and words[0] in EDIT_VERBS  # "add null checks before ...": a plural needs no determiner
