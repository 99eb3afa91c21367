"""The JSON Schema of a knowledge object's frontmatter, with the body's sections and the tag vocabulary."""

from __future__ import annotations

from typing import Any

from skilldex.knowledge.vocabulary import BUILTIN
from skilldex.models import KnowledgeFrontmatter
from skilldex.scan.knowledge import SECTION_TITLES

REQUIRED_SECTIONS = ("When you need to", "Do", "Don't")


def knowledge_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the frontmatter; `x-skilldex-sections` and `x-skilldex-tags` say the rest."""
    schema = KnowledgeFrontmatter.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "skilldex knowledge object (frontmatter)"
    schema["description"] = (
        "A knowledge object is a markdown file in a `knowledge/` folder: this frontmatter, then a body with the "
        "sections " + ", ".join(SECTION_TITLES.values()) + " (as `##` headings or `**Don't**:` labels). "
        "Dates are YYYY-MM-DD. Tags: the built-in ones listed in x-skilldex-tags, the names of the repos it "
        "concerns, and any declared in a `tags.yaml` (`tags: {name: meaning}`) of its `knowledge/` folder."
    )
    schema["x-skilldex-sections"] = {"required": list(REQUIRED_SECTIONS), "optional": ["How it works", "Evidence"]}
    schema["x-skilldex-tags"] = list(BUILTIN)
    return schema
