"""Tasks from task-runner files, read as data and never run: one module per runner (`make`, `just`, `npm`,
`compose`, ...), each a `base.Runner`; `registry` lists them and `provider` scans a repo's files through them.

Light on purpose: `models` imports `registry` for the runner names.
"""
