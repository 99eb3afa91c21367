"""Knowledge objects: the format, its checks (`skilldex knowledge check`) and scaffolding (`knowledge new`).

The modules are imported lazily by their users; this package imports nothing so that the hot paths
(startup brief, prompt hint) can use `skilldex.knowledge.surface` without pydantic.
"""
