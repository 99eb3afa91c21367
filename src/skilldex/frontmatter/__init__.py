"""Frontmatter YAML: `types` (the error, field positions, limits), `plain` (the common `key: text` shape
without a parser), `full` (the hardened YAML loader, the reference) and `load` (plain first, then full)."""
