"""Capability tags (database, logs, deploy, ...) inferred from an item's words."""

from __future__ import annotations

from skilldex.capabilities.item import infer_fields, lead, of_installer, of_item, of_module, systems_run
from skilldex.capabilities.senses import CONTEXT, UNLESS, UNLESS_WINDOW
from skilldex.capabilities.signals import ORDER as ORDER_OF
from skilldex.capabilities.signals import first_said, infer, own_name, vetoed
from skilldex.capabilities.vocabulary import OPERATIONAL, VOCABULARY
from skilldex.capabilities.words import camel_tokens, said_of, stem, tokens

__all__ = [
    "CONTEXT",
    "OPERATIONAL",
    "ORDER_OF",
    "UNLESS",
    "UNLESS_WINDOW",
    "VOCABULARY",
    "camel_tokens",
    "first_said",
    "infer",
    "infer_fields",
    "lead",
    "of_installer",
    "of_item",
    "of_module",
    "own_name",
    "said_of",
    "stem",
    "systems_run",
    "tokens",
    "vetoed",
]
