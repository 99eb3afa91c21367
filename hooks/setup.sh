#!/bin/sh
# Builds the plugin's environment (started by launch.sh, in the background): a venv under ${CLAUDE_PLUGIN_DATA}
# with skilldex's dependencies, installed with pip from the plugin's own source. Marked ready last, so a
# build that stops half way is never used.
# Arguments: PYTHON ROOT DATA STAMP.
python=$1 root=$2 data=$3 want=$4
venv=$data/venv
source=$data/source
trap 'rm -rf "$data/setup.lock" "$source"' EXIT
echo "== $(date -u '+%Y-%m-%d %H:%M:%S') building $venv with $python for $root"
rm -rf "$venv" "$source" "$data/setup.failed"
# pip builds in the folder it is given: a copy of what the build reads keeps the plugin's folder as installed.
if mkdir "$source" && cp -R "$root/pyproject.toml" "$root/README.md" "$root/src" "$source/" \
    && "$python" -m venv "$venv" \
    && "$venv/bin/python" -m pip install --disable-pip-version-check --no-input --quiet "$source" \
    && printf '%s\n' "$want" > "$venv/skilldex-ready.tmp" && mv "$venv/skilldex-ready.tmp" "$venv/skilldex-ready"
then
    echo "== ready"
else
    printf '%s\n' "$want" > "$data/setup.failed"
    echo "== failed: the hooks say so, and try again an hour later (or delete $data/setup.failed)"
fi
