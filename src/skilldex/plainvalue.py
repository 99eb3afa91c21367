"""Small value classes for the hot paths: the equality and repr @dataclass would write, without dataclasses.

Importing dataclasses imports inspect (and with it ast, dis and tokenize): about a sixth of a one-skill
`validate`. Subclasses name their fields in `_fields` and write their own __init__; they keep a __dict__
(as the dataclasses they replace did: vars() works) unless they declare __slots__.
"""

from __future__ import annotations


class Value:
    """Equal when of the same class with equal fields; unhashable (mutable), as a dataclass with eq."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self._fields)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({shown})"


class FrozenValue(Value):
    """A Value that cannot change once built, and so hashes (as a frozen dataclass); __init__ sets its
    fields with object.__setattr__."""

    __slots__ = ()

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field '{name}'")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field '{name}'")

    # Value sets __hash__ = None (unhashable, as an eq dataclass); a frozen one hashes, as a frozen dataclass
    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(getattr(self, name) for name in self._fields))
