"""Renderers: pure functions from catalogue values to text or Rich renderables."""
