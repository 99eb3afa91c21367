"""Property tests for secret redaction: a random value in any known shape, amid random lines, never survives
`redact`, nor does any repetition of it elsewhere in the text; names and paths come out unchanged."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skilldex import secrets

SETTINGS = settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])

ALNUM = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
BARE = ALNUM + "/+=!?~^&*@_-"  # what a bare (unquoted) value may hold
QUOTED = ALNUM + " ;,(}`/'<>!?~^&*@_-"  # a double-quoted value holds anything but its quote, $ { # % and \\


def value(alphabet: str, low: int = 6, high: int = 60):
    """Letters and digits on both ends (so the value is not a word, a path or a placeholder), anything inside."""
    return st.text(alphabet, min_size=low, max_size=high).map(lambda middle: f"Zq7{middle}x9K")


SHAPES = [
    ('password = "{}"', value(QUOTED, high=300)),
    ("DB_PASSWORD := {}", value(BARE.replace("@", ""))),
    ("DB_PASSWORD ?= {}", value(BARE)),
    ("export PGPASSWORD={}", value(BARE)),
    ("redis://:{}@cache.internal:6379", value(BARE.replace("@", ""), high=400)),
    ("postgres://app:{}@db/app", value(QUOTED.replace(" ", "").replace("@", "").replace("`", ""))),
    ("psql --password {} -h db", value(BARE)),
    ('"args": ["--password", "{}"]', value(BARE)),
    ("mysql -u root -p{} app", value(BARE)),
    ("docker login -u ci -p {} ghcr.io", value(BARE)),
    ("curl -H 'Authorization: Bearer {}' https://api.x", value(ALNUM + "._~+/-", 12)),
    (
        "DefaultEndpointsProtocol=https;AccountName=x;AccountKey={};EndpointSuffix=core.windows.net",
        value(ALNUM + "+/", 20, 90),
    ),
    ("https://x.blob.core.windows.net/c?sv=2022&sig={}&se=2030", value(ALNUM + "%+/", 20, 60)),
    ("db:\n  password: |\n    {}\nnext: 1", value(QUOTED.replace(" ", ""))),
    ("db:\n  password:\n    {}\nnext: 1", value(BARE)),
    ("PASSWORD = \\\n    {}", value(BARE)),
]
FILLER = st.lists(st.text("abcdefghij klmnop.:-=#", max_size=40), max_size=4).map("\n".join)


@SETTINGS
@given(st.sampled_from(range(len(SHAPES))).flatmap(lambda n: st.tuples(st.just(n), SHAPES[n][1])), FILLER, FILLER)
def test_a_value_in_any_shape_is_redacted_and_so_is_every_repetition(shape_and_value, before, after):
    n, secret = shape_and_value
    text = f"{before}\n{SHAPES[n][0].format(secret)}\n{after}\nIt defaults to {secret} (see above).\n"
    redacted = secrets.redact(text)
    assert secret not in redacted, (SHAPES[n][0], secret)
    assert redacted.count(secrets.MARK) >= 2  # where it was given, and where it was repeated
    assert secret not in secrets.redact(f"It defaults to {secret}.", secrets.values(text))  # in another field


NAMES = st.lists(st.text("abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=12), min_size=2, max_size=5)


@SETTINGS
@given(st.sampled_from(["auth", "token", "secret", "password", "api-key"]), NAMES)
def test_names_and_paths_are_left_alone(keyword, words):
    """A folder such as auth:keycloak-confidential-client names a thing; it holds no value."""
    name = f"{keyword}:{'-'.join(words)}"
    for text in (name, f".claude/skills/{name}/SKILL.md", f"/{name}", f"run /{name} to set it up"):
        assert secrets.redact(text) == text


def test_each_shape_stays_linear_on_a_30_kb_run_of_its_own_opening():
    """The pattern behind each shape cannot backtrack quadratically (eyJ-eyJ-... once took 103 s for 300 KB)."""
    openings = [
        "eyJ-",
        "eyJ.",
        "mysql ",
        "docker login ",
        "a://b:",
        "Authorization: Bearer ",
        "sig=",
        "AccountKey=",
        'password="',
        "password:\n",
        "--password ",
        "PASSWORD=\\\n",
        "token ",
        "-p",
        "://",
    ]
    slowest = 0.0
    for opening in openings:
        text = opening * (30_000 // len(opening))
        started = time.perf_counter()
        secrets.redact(text)
        slowest = max(slowest, time.perf_counter() - started)
    assert slowest < 5  # a quadratic pattern takes minutes here; linear ones take well under a second
