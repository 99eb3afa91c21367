"""`skilldex validate`: check skill, command and agent manifests against a profile's rules.

    from skilldex.validate.run import validate_paths

    report = validate_paths(["."], profile="claude-code")
    report.has_errors  # True when any finding is at error severity

`targets` collects the manifests under the paths, `manifest` reads one, `check` runs every family on it
(`check_*` modules, one per rule family), `parallel` forks for many, `run` reports; `profiles` says which
rules each profile checks. The findings come back in a `skilldex.report.Report`.
"""
