"""Scripts without a header comment: the comment that opens the body, and exec-only wrappers (Rails' bin/)."""

from __future__ import annotations

import pytest

from skilldex.scan import scan_repo
from skilldex.scan.describe import describe

RAILS_SETUP = """#!/usr/bin/env ruby
require "fileutils"

APP_ROOT = File.expand_path("..", __dir__)

def system!(*args)
  system(*args, exception: true)
end

FileUtils.chdir APP_ROOT do
  # This script is a way to set up or update your development environment automatically.
  # This script is idempotent, so that you can run it at any time and get an expectable outcome.
  # Add necessary setup steps to this file.

  puts "== Installing dependencies =="
  system("bundle check") || system!("bundle install")

  unless ARGV.include?("--skip-server")
    STDOUT.flush # flush the output before exec(2) so that it displays
    exec "bin/dev"
  end
end
"""
RAILS_DEV_SH = """#!/usr/bin/env sh

if gem list --no-installed --exact --silent foreman; then
  echo "Installing foreman..."
  gem install foreman
fi

# Default to port 3000 if not specified
export PORT="${PORT:-3000}"

exec foreman start -f Procfile.dev "$@"
"""


def test_rails_bin_scripts_are_described(repo):
    root = repo(
        {
            "bin/setup": RAILS_SETUP,
            "bin/dev": RAILS_DEV_SH,
            "web/bin/dev": '#!/usr/bin/env ruby\nexec "./bin/rails", "server", *ARGV\n',
        }
    )
    found = {i.path: (i.description, i.description_source) for i in scan_repo(root).items if i.kind == "tool"}
    assert found == {
        "bin/setup": (
            "This script is a way to set up or update your development environment automatically. "
            "This script is idempotent, so that you can run it at any time and get an expectable "
            "outcome.",
            "body-comment",
        ),
        "bin/dev": ("Runs: foreman start -f Procfile.dev", "exec"),  # not the comment on PORT
        "web/bin/dev": ("Runs: ./bin/rails server", "exec"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # after preparation lines, set apart from the code: the header written below them
        (
            '#!/bin/bash\nset -euo pipefail\ncd "$(dirname "$0")/.."\n\n# Rebuild the search index.\n\nrake index\n',
            ("Rebuild the search index.", "body-comment"),
        ),
        # a comment on the step below it is not the script's purpose
        ("#!/bin/bash\nset -e\n# install first\nnpm ci\nnpm run build\n", ("", None)),
        # nor after shell options and a blank line when code follows at once: "Define the path to the config"
        ("#!/usr/bin/env bash\nset -e\n\n# Define the path to the configuration\nCONFIG=x\nrun\n", ("", None)),
        ("#!/bin/bash\nnpm ci\n\n# Then build it all.\n\nnpm run build\n", ("", None)),
        # a header still wins over the body and over exec
        (
            '#!/bin/sh\n# Start the API.\nset -e\n# This script is old.\nexec node api.js "$@"\n',
            ("Start the API.", "header-comment"),
        ),
        # only boilerplate: nothing
        ("#!/usr/bin/env ruby\nrequire 'x'\n\n# Add necessary setup steps to this file.\n\nputs 1\n", ("", None)),
        # hand-overs that run nothing nameable, or a long script that ends with exec
        ('#!/bin/sh\nexec "$@"\n', ("", None)),
        ("#!/bin/sh\nexec >log 2>&1\n", ("", None)),
        ("#!/bin/sh\n" + "echo step\n" * 20 + "exec make all\n", ("", None)),
        ('#!/bin/sh\nexec bundle exec rails server "${@}"\n', ("Runs: bundle exec rails server", "exec")),
        ('#!/usr/bin/env ruby\nexec("foreman", "start")\n', ("Runs: foreman start", "exec")),
        ('#!/usr/bin/env ruby\nexec "bin/#{name}", *ARGV\n', ("", None)),  # computed: not guessed
    ],
)
def test_body_comment_and_exec_rules(text, expected):
    info = describe("bin/x", text)
    assert (info.description, info.description_source) == expected


def test_a_huge_body_is_read_only_at_its_top():
    text = "#!/bin/sh\nmake a\n" + "true\n" * 100_000 + "# This script does many things.\n"
    assert describe("bin/x", text).description == ""
