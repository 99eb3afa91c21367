"""Exports for agents and portals beyond Claude Code: a skills prompt block, an AGENTS.md section, Backstage entities.

    from skilldex.export.prompt import available_skills        # skills-ref to-prompt's <available_skills>
    from skilldex.export.agents_md import section, sync         # the managed AGENTS.md section
    from skilldex.export.backstage import documents, files      # catalog-info.yaml entities

Each export is a pure function of the catalogues (same catalogues, same bytes); only `agents_md.sync`
and the CLI write files.
"""
