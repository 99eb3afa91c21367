#!/bin/sh
# The plugin's hooks run skilldex through this launcher, never a `skilldex` found on PATH (the package index's
# "skilldex" is an unrelated project). It runs this plugin's own source (src/ beside hooks/) with the Python
# dependencies of an environment it builds once, in the background, under ${CLAUDE_PLUGIN_DATA}.
# Until that environment is ready, and when no Python 3.10+ exists, a hook prints one line on stderr and exits 0:
# it never holds up the session, and a PreToolUse hook never exits 2 (which would deny the write).
# SKILLDEX_PLUGIN_PYTHON: the Python to build the environment with (default: the first python3.x >= 3.10 found).

root=${CLAUDE_PLUGIN_ROOT:-$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)}
data=${CLAUDE_PLUGIN_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/skilldex-plugin}
venv=$data/venv
log=$data/setup.log

wait_line() {
    printf 'skilldex: %s\n' "$1" >&2
    exit 0
}

# The environment holds dependencies only (the code comes from $root), so it is rebuilt when they change.
want=$(cksum < "$root/pyproject.toml") || wait_line "cannot read $root/pyproject.toml; its hooks do nothing"
if [ -f "$venv/skilldex-ready" ] && read -r have < "$venv/skilldex-ready" && [ "$have" = "$want" ]; then
    export SKILLDEX_FROM_PLUGIN=1
    # -I: neither PYTHONPATH nor the scanned repo (the cwd) can put modules in front of skilldex's own.
    exec "$venv/bin/python" -I "$root/hooks/launch.py" "$@"
fi

find_python() {
    for candidate in ${SKILLDEX_PLUGIN_PYTHON:-python3 python3.13 python3.12 python3.11 python3.10 python}; do
        if "$candidate" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 10))' >/dev/null 2>&1; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

mkdir -p "$data" 2>/dev/null || wait_line "cannot create $data; its hooks do nothing"
building="still building its Python environment (log: $log); its hooks start once it is ready"
if [ -d "$data/setup.lock" ]; then
    # A build killed half way (machine shut down) leaves its lock: after 20 minutes it is taken as dead.
    [ -n "$(find "$data/setup.lock" -maxdepth 0 -mmin +20 2>/dev/null)" ] || wait_line "$building"
    rm -rf "$data/setup.lock"
fi
if [ -f "$data/setup.failed" ] && [ -z "$(find "$data/setup.failed" -mmin +60 2>/dev/null)" ]; then
    wait_line "building its Python environment failed (see $log); it tries again an hour after the failure"
fi
python=$(find_python) || wait_line "needs Python 3.10 or newer with venv (python3 on PATH, or set SKILLDEX_PLUGIN_PYTHON); its hooks do nothing until then"
mkdir "$data/setup.lock" 2>/dev/null || wait_line "$building"
# Detached, with no pipe of the hook's: neither Claude Code nor the hook's time limit waits for the build.
if command -v setsid >/dev/null 2>&1; then
    setsid sh "$root/hooks/setup.sh" "$python" "$root" "$data" "$want" </dev/null >>"$log" 2>&1 &
else
    nohup sh "$root/hooks/setup.sh" "$python" "$root" "$data" "$want" </dev/null >>"$log" 2>&1 &
fi
wait_line "building its Python environment in the background (first run, about a minute; log: $log); its hooks start once it is ready"
