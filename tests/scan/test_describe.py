"""skilldex.scan.describe: a tool's purpose, usage and flags read from its source, never run."""

from __future__ import annotations

import random
import textwrap
import time

import pytest

from skilldex.models import Flag
from skilldex.scan.describe import ToolInfo, describe, detect_language
from skilldex.scan.describe.flags import MUTATING_WORDS, classify


def src(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def flags(info: ToolInfo) -> list[tuple[list[str], str | None, bool]]:
    return [(f.flags, f.help, f.mutating) for f in info.flags]


# --- language detection -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "first_line", "language"),
    [
        ("db.py", "", "python"),
        ("deploy.sh", "", "shell"),
        ("seed.mjs", "", "javascript"),
        ("sync.mts", "", "typescript"),
        ("rotate.ps1", "", "powershell"),
        ("report.rb", "", "ruby"),
        ("db", "#!/usr/bin/env python3", "python"),
        ("db", "#!/usr/bin/python3.11 -u", "python"),
        ("db", "#!/usr/bin/env -S uv run --script", "python"),
        ("deploy", "#!/bin/bash -e", "shell"),
        ("deploy", "#!/usr/bin/env zsh", "shell"),
        ("deploy", "#!/bin/sh", "shell"),
        ("deploy", "#!/bin/dash", "shell"),
        ("seed", "#!/usr/bin/env -S node --no-warnings", "javascript"),
        ("seed", "#!/usr/bin/env bun", "javascript"),
        ("seed", "#!/usr/bin/env -S deno run --allow-read", "typescript"),
        ("seed", "#!/usr/bin/env ts-node", "typescript"),
        ("seed", "#!/usr/bin/env -S npx tsx", "typescript"),
        ("report", "#!/usr/bin/env ruby", "ruby"),
        ("report", "#!/usr/bin/perl -w", "perl"),
        ("rotate", "#!/usr/bin/env pwsh", "powershell"),
        ("notes", "just some text", "unknown"),
        ("tool.sh", "#!/usr/bin/env python3", "shell"),  # the extension wins over the shebang
    ],
)
def test_detect_language(filename, first_line, language):
    assert detect_language(filename, first_line + "\nrest of file\n") == language


# --- Python -------------------------------------------------------------------------------------

ARGPARSE_TOOL = src('''
    #!/usr/bin/env python3
    """Inspect the reporting database (read-only unless --mutate).

    Connects with the credentials in .env and prints query results as a table.
    """
    import argparse


    def main() -> None:
        parser = argparse.ArgumentParser(description=__doc__)
        parser.add_argument("--mutate", action="store_true", help="allow INSERT/UPDATE/DDL")
        parser.add_argument("--schema", metavar="TABLE", help="print the columns of TABLE")
        parser.add_argument("--tables", action="store_true", help="list the tables")
        parser.add_argument("query", nargs="?", help="SQL to run")
        parser.parse_args()


    if __name__ == "__main__":
        main()
''')


def test_argparse_description_from_docstring_with_flags_and_mutate():
    info = describe("db.py", ARGPARSE_TOOL)
    assert info.language == "python"
    assert info.description == "Inspect the reporting database (read-only unless --mutate)."
    assert info.description_source == "argparse"
    assert flags(info) == [
        (["--mutate"], "allow INSERT/UPDATE/DDL", True),
        (["--schema"], "print the columns of TABLE", False),
        (["--tables"], "list the tables", False),
    ]
    assert info.mutating is True
    assert info.usage is None
    assert info.parse_error is None


def test_a_partition_without_separator_leaves_the_rest_of_the_tool_read():
    # `__doc__.partition()` is the tool's own TypeError; it once raised inside the reader and lost every flag
    text = ARGPARSE_TOOL.replace("description=__doc__)", "description=__doc__.partition()[0])")
    info = describe("db.py", text)
    assert (info.description, info.description_source) == (
        "Inspect the reporting database (read-only unless --mutate).",
        "docstring",
    )
    assert [f.flags for f in info.flags] == [["--mutate"], ["--schema"], ["--tables"]]


def test_argparse_constants_usage_prog_and_subparsers():
    info = describe(
        "release.py",
        src("""
        import argparse

        PROG = "release"
        parser = argparse.ArgumentParser(
            prog=PROG,
            description=(
                "Cut a release: "
                f"tag, build and publish."
            ),
            usage="%(prog)s [-n] {tag,publish} ...",
        )
        parser.add_argument("-n", "--dry-run", action="store_true", help="show the plan only")
        parser.add_argument("-v", "--verbose", action=argparse.BooleanOptionalAction)
        sub = parser.add_subparsers(dest="command")
        tag = sub.add_parser("tag", help="create the git tag")
        tag.add_argument("--push", action="store_true", help="push the tag to origin")
        sub.add_parser("publish", help="upload to the index")
    """),
    )
    assert info.description == "Cut a release: tag, build and publish."
    assert info.description_source == "argparse"
    assert info.usage == "release [-n] {tag,publish} ..."
    assert info.subcommands == ["tag", "publish"]
    assert flags(info) == [
        (["-n", "--dry-run"], "show the plan only", False),
        (["-v", "--verbose", "--no-verbose"], None, False),
        (["--push"], "push the tag to origin", True),
    ]
    assert info.mutating is True


def test_python_dry_run_only_marks_the_tool_mutating_but_not_the_flag():
    info = describe(
        "cleanup.py",
        src('''
        """Delete build artefacts older than a week."""
        import argparse
        p = argparse.ArgumentParser()
        p.add_argument("--dry-run", action="store_true", help="list what would be deleted")
        p.add_argument("--days", type=int, default=7, help="age in days")
    '''),
    )
    assert info.description == "Delete build artefacts older than a week."
    assert info.description_source == "docstring"
    assert flags(info) == [
        (["--dry-run"], "list what would be deleted", False),
        (["--days"], "age in days", False),
    ]
    assert info.mutating is True


def test_click_group_with_two_subcommands():
    info = describe(
        "artefacts.py",
        src('''
        import click


        @click.group()
        def cli():
            """Manage release artefacts in the bucket.\\f
            Internal notes that click does not show.
            """


        @cli.command()
        @click.option("--prefix", default="", help="Only keys under PREFIX.")
        def list_cmd(prefix):
            """List artefacts."""


        @cli.command("purge")
        @click.option("--older-than", type=int, help="Age in days.")
        @click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
        def purge_old(older_than, yes):
            """Delete old artefacts."""


        if __name__ == "__main__":
            cli()
    '''),
    )
    assert info.description == "Manage release artefacts in the bucket."
    assert info.description_source == "click"
    assert info.subcommands == ["list", "purge"]
    assert flags(info) == [
        (["--prefix"], "Only keys under PREFIX.", False),
        (["--older-than"], "Age in days.", False),
        (["--yes", "-y"], "Do not ask for confirmation.", True),
    ]
    assert info.mutating is True


def test_click_command_help_keyword_and_flag_pairs():
    info = describe(
        "fmt.py",
        src('''
        from click import command, option, confirmation_option

        @command(help="Reformat the SQL files in migrations/.")
        @option("--check/--no-check", default=False, help="Only report files that would change.")
        @confirmation_option()
        def main(check):
            """Docstring loses to help=."""
    '''),
    )
    assert info.description == "Reformat the SQL files in migrations/."
    assert info.description_source == "click"
    assert info.subcommands == []
    assert flags(info) == [
        (["--check", "--no-check"], "Only report files that would change.", False),
        (["--yes"], "Confirm the action without prompting.", True),
    ]
    assert info.mutating is True


def test_typer_app_with_annotated_options():
    info = describe(
        "keys.py",
        src('''
        from typing import Annotated, Optional

        import typer

        app = typer.Typer(help="Rotate credentials for the staging services.")


        @app.command()
        def rotate(
            service: Annotated[str, typer.Argument(help="Service name.")],
            apply: Annotated[bool, typer.Option("--apply", help="Rotate for real.")] = False,
            region: Annotated[Optional[str], typer.Option(help="AWS region.")] = None,
            verbose: bool = False,
        ):
            """Rotate one service's keys."""


        @app.command("ages")
        def key_ages(json_output: bool = typer.Option(False, "--json", "-j", help="Print JSON.")):
            """Show how old each key is."""
    '''),
    )
    assert info.description == "Rotate credentials for the staging services."
    assert info.description_source == "typer"
    assert info.subcommands == ["rotate", "ages"]
    assert flags(info) == [
        (["--apply"], "Rotate for real.", True),
        (["--region"], "AWS region.", False),
        (["--verbose", "--no-verbose"], None, False),
        (["--json", "-j"], "Print JSON.", False),
    ]
    assert info.mutating is True


def test_typer_single_command_is_the_tool_itself():
    info = describe(
        "seed.py",
        src('''
        import typer

        app = typer.Typer()


        @app.command()
        def main(dry_run: bool = False, count: int = 10):
            """Seed the dev database with fake customers."""


        if __name__ == "__main__":
            app()
    '''),
    )
    assert info.description == "Seed the dev database with fake customers."
    assert info.description_source == "typer"
    assert info.subcommands == []
    assert flags(info) == [(["--dry-run", "--no-dry-run"], None, False), (["--count"], None, False)]
    assert info.mutating is True


def test_typer_run_callback_and_sub_apps():
    single = describe(
        "render.py",
        src('''
        import typer

        def main(name: str, force: bool = typer.Option(False, "--force", "-f", help="Overwrite.")):
            """Render the report for NAME."""

        if __name__ == "__main__":
            typer.run(main)
    '''),
    )
    assert (single.description, single.description_source) == ("Render the report for NAME.", "typer")
    assert flags(single) == [(["--force", "-f"], "Overwrite.", True)]
    grouped = describe(
        "admin.py",
        src('''
        import typer

        app = typer.Typer()
        users = typer.Typer(help="Manage users.")
        app.add_typer(users, name="users")

        @app.callback()
        def main():
            """Admin CLI for the shop."""

        @users.command()
        def create(admin: bool = False):
            """Create a user."""

        @app.command()
        def reindex():
            """Rebuild the search index."""
    '''),
    )
    assert (grouped.description, grouped.description_source) == ("Admin CLI for the shop.", "typer")
    assert grouped.subcommands == ["reindex", "users"]
    assert flags(grouped) == [(["--admin", "--no-admin"], None, False)]
    assert grouped.mutating is False


def test_click_add_command_uses_click_names():
    info = describe(
        "ops.py",
        src('''
        import click

        @click.group(help="Ops toolbox.")
        def cli():
            pass

        @click.command(name="sync-db")
        @click.option("--apply", is_flag=True)
        def sync(apply):
            """Copy production data into staging."""

        @click.command()
        def backup_command():
            pass

        cli.add_command(sync)
        cli.add_command(backup_command)
    '''),
    )
    assert (info.description, info.description_source) == ("Ops toolbox.", "click")
    assert info.subcommands == ["sync-db", "backup"]
    assert flags(info) == [(["--apply"], None, True)]


def test_docopt_docstring_gives_usage_and_options():
    info = describe(
        "naval_fate.py",
        src('''
        """Naval Fate: steer ships around the map.

        Usage:
          naval_fate.py ship <name> move <x> <y> [--speed=<kn>]
          naval_fate.py -h | --help

        Options:
          -h --help     Show this screen.
          --speed=<kn>  Speed in knots [default: 10].
        """
        from docopt import docopt

        if __name__ == "__main__":
            arguments = docopt(__doc__)
    '''),
    )
    assert info.description == "Naval Fate: steer ships around the map."
    assert info.description_source == "docstring"
    assert info.usage == (
        "Usage:\n  naval_fate.py ship <name> move <x> <y> [--speed=<kn>]\n  naval_fate.py -h | --help"
    )
    assert flags(info) == [(["--speed"], "Speed in knots [default: 10].", False)]
    assert info.mutating is False


def test_python_sys_argv_flags_and_dunder_description():
    info = describe(
        "reindex.py",
        src("""
        import sys

        __description__ = "Rebuild the search index from the primary database."

        if "--apply" in sys.argv:
            print("applying")
    """),
    )
    assert info.description == "Rebuild the search index from the primary database."
    assert info.description_source == "__description__"
    assert flags(info) == [(["--apply"], None, True)]
    assert info.mutating is True


def test_python_syntax_error_reports_line_and_keeps_the_header_comment():
    info = describe(
        "broken.py",
        src("""
        #!/usr/bin/env python3
        # Export invoices to the accounting system.

        def main(:
            pass
    """),
    )
    assert info.parse_error == (4, "invalid syntax")
    assert info.description == "Export invoices to the accounting system."
    assert info.description_source == "header-comment"
    assert info.flags == []


def test_pep723_script_block_is_skipped():
    info = describe(
        "fetch.py",
        src("""
        #!/usr/bin/env -S uv run --script
        # /// script
        # requires-python = ">=3.11"
        # dependencies = ["httpx"]
        # ///
        # Download the nightly exchange rates into data/rates.csv.
        import httpx
    """),
    )
    assert info.parse_error is None
    assert info.description == "Download the nightly exchange rates into data/rates.csv."
    assert info.description_source == "header-comment"


def test_python_source_is_never_executed(tmp_path):
    marker = tmp_path / "was-run"
    tool = tmp_path / "danger.py"
    tool.write_text(
        src(f'''
        """Looks harmless."""
        import pathlib
        pathlib.Path({str(marker)!r}).write_text("ran")
        raise SystemExit(3)
        __import__("os").system("touch {marker}")
    ''')
    )
    info = describe(tool.name, tool.read_text())
    assert info.description == "Looks harmless."
    assert not marker.exists()


def test_shell_source_is_never_executed(tmp_path):
    marker = tmp_path / "was-run"
    tool = tmp_path / "danger.sh"
    tool.write_text(f"#!/bin/sh\n# Looks harmless.\ntouch {marker}\nusage() {{ touch {marker}; }}\n")
    info = describe(tool.name, tool.read_text())
    assert info.description == "Looks harmless."
    assert not marker.exists()


# --- shell --------------------------------------------------------------------------------------

DEPLOY_SH = src("""
    #!/usr/bin/env bash
    # shellcheck disable=SC2034
    # SPDX-License-Identifier: MIT
    # Copyright 2024 Example Corp.
    #
    # deploy.sh - Deploy the current build to an environment.
    #
    # Copies the artefacts and restarts the services.
    set -euo pipefail

    PROG=$(basename "$0")

    usage() {
      cat <<-EOF
    	Usage: $PROG [options] ENV

    	Options:
    	  -f, --force        overwrite releases that already exist
    	  -n, --dry-run      print what would happen
    	      --since=DATE   only deploy commits after DATE
    	EOF
    }

    while [[ $# -gt 0 ]]; do
      case "$1" in
        -f|--force) FORCE=1 ;;
        -n|--dry-run) DRY_RUN=1 ;;
        --since=*) SINCE="${1#*=}" ;;
        --mutate) MUTATE=1 ;;
        -h|--help) usage; exit 0 ;;
        -*) echo "unknown option: $1" >&2; exit 2 ;;
        *) ENV=$1 ;;
      esac
      shift
    done
""")


def test_bash_header_usage_heredoc_and_case_flags():
    info = describe("deploy.sh", DEPLOY_SH)
    assert info.language == "shell"
    assert info.description == "Deploy the current build to an environment."
    assert info.description_source == "header-comment"
    assert info.usage == (
        "Usage: deploy.sh [options] ENV\n"
        "\n"
        "Options:\n"
        "  -f, --force        overwrite releases that already exist\n"
        "  -n, --dry-run      print what would happen\n"
        "      --since=DATE   only deploy commits after DATE"
    )
    assert flags(info) == [
        (["-f", "--force"], "overwrite releases that already exist", True),
        (["-n", "--dry-run"], "print what would happen", False),
        (["--since"], "only deploy commits after DATE", False),
        (["--mutate"], None, True),
    ]
    assert info.mutating is True


def test_shell_with_only_a_dry_run_switch():
    info = describe(
        "prune-branches.sh",
        src("""
        #!/bin/sh
        # Delete local branches already merged into main.
        if [ "${1:-}" = "--dry-run" ]; then
          git branch --merged main
          exit 0
        fi
        git branch --merged main | xargs git branch -d
    """),
    )
    assert info.description == "Delete local branches already merged into main."
    assert flags(info) == [(["--dry-run"], None, False)]
    assert info.mutating is True


def test_getopts_flags_get_help_from_the_usage_echo_lines():
    info = describe(
        "backup",
        src("""
        #!/bin/bash
        set -e
        usage() {
          echo "Usage: $(basename "$0") [-v] [-o DIR] [-y] DATABASE"
          echo ""
          echo "Dump DATABASE into DIR as a compressed archive."
          echo "  -o DIR   where to write (default: ./backups)"
          echo "  -y       overwrite an existing archive without asking"
        }
        while getopts ":vo:yh" opt; do
          case $opt in
            v) VERBOSE=1 ;;
            o) OUT=$OPTARG ;;
            y) YES=1 ;;
            h) usage; exit 0 ;;
          esac
        done
    """),
    )
    assert info.language == "shell"
    assert info.description == "Dump DATABASE into DIR as a compressed archive."
    assert info.description_source == "usage"
    assert info.usage == (
        "Usage: backup [-v] [-o DIR] [-y] DATABASE\n"
        "\n"
        "Dump DATABASE into DIR as a compressed archive.\n"
        "  -o DIR   where to write (default: ./backups)\n"
        "  -y       overwrite an existing archive without asking"
    )
    assert flags(info) == [
        (["-v"], None, False),
        (["-o"], "where to write (default: ./backups)", False),
        (["-y"], "overwrite an existing archive without asking", True),
    ]
    assert info.mutating is True


def test_decorated_comments_as_data_usage_header():
    info = describe(
        "rotate-logs.sh",
        src("""
        #!/usr/bin/env bash
        ##############################################################
        ## rotate-logs.sh -- compress and ship yesterday's app logs
        ##
        ## Usage: rotate-logs.sh [--keep N] [--delete]
        ##
        ##   --keep N    days of logs to keep locally (default 7)
        ##   --delete    remove shipped logs instead of keeping them
        ##############################################################
        usage() { sed -n 's/^## \\{0,1\\}//p' "$0"; }
    """),
    )
    assert info.description == "compress and ship yesterday's app logs"
    assert info.description_source == "header-comment"
    assert info.usage == (
        "rotate-logs.sh -- compress and ship yesterday's app logs\n"
        "\n"
        "Usage: rotate-logs.sh [--keep N] [--delete]\n"
        "\n"
        "  --keep N    days of logs to keep locally (default 7)\n"
        "  --delete    remove shipped logs instead of keeping them"
    )
    assert flags(info) == [
        (["--keep"], "days of logs to keep locally (default 7)", False),
        (["--delete"], "remove shipped logs instead of keeping them", True),
    ]


def test_shdoc_tags_and_vim_modeline():
    info = describe(
        "lib.sh",
        src("""
        #!/usr/bin/env bash
        # vim: set ft=sh ts=2 :
        # @file lib.sh
        # @brief Helpers for the release scripts.
        # @description
        #   Wraps git and gh so release scripts share one error style.
        #
        #   Source it; do not run it.
        # @option -q | --quiet Print nothing but errors.
    """),
    )
    assert info.description == "Wraps git and gh so release scripts share one error style."
    assert info.description_source == "shdoc"
    assert flags(info) == [(["-q", "--quiet"], "Print nothing but errors.", False)]


def test_header_usage_line_and_license_paragraph():
    info = describe(
        "sync-assets",
        src("""
        #!/bin/sh
        #
        # Licensed under the Apache License, Version 2.0 (the "License");
        # you may not use this file except in compliance with the License.
        #
        # Sync static assets to the CDN bucket.
        # Usage: sync-assets [--delete] BUCKET
        #
        aws s3 sync ./public "s3://$1"
    """),
    )
    assert info.description == "Sync static assets to the CDN bucket."
    assert info.usage == "Usage: sync-assets [--delete] BUCKET"
    assert flags(info) == [(["--delete"], None, True)]
    assert info.mutating is True


def test_gnu_style_case_arms_collapse_abbreviations_and_skip_globs():
    info = describe(
        "trace",
        src("""
        #!/bin/bash
        # Trace library calls of a program.
        while [ $# -gt 0 ]; do
          case "$1" in
            --v | --ve | --ver | --vers | --version) echo 1.0; exit ;;
            -o | --o | --ou | --out | --output) OUT=$2; shift ;;
            --color=*) COLOR=${1#*=} ;;
            --binary-*) ;;
            -*) echo "bad option" >&2; exit 2 ;;
          esac
          shift
        done
    """),
    )
    assert [f.flags for f in info.flags] == [["--version"], ["-o", "--output"], ["--color"]]


def test_lsb_init_header_and_generated_notice():
    info = describe(
        "hwclock.sh",
        src("""
        #!/bin/sh
        ### BEGIN INIT INFO
        # Provides:          hwclock
        # Short-Description: Save the system clock to the hardware clock on shutdown.
        ### END INIT INFO
    """),
    )
    assert info.description == "Save the system clock to the hardware clock on shutdown."
    generated = describe(
        "gen.sh", "#!/bin/sh\n# This file was generated by make, do not edit!\n#\n# Install the hooks.\n"
    )
    assert generated.description == "Install the hooks."


def test_ruby_uses_the_comment_header():
    info = describe(
        "report.rb",
        src("""
        #!/usr/bin/env ruby
        # frozen_string_literal: true
        # Print last week's signups per plan.
        require "optparse"
    """),
    )
    assert info.language == "ruby"
    assert info.description == "Print last week's signups per plan."
    assert info.description_source == "header-comment"


# --- JavaScript / TypeScript --------------------------------------------------------------------


def test_commander_program_description_options_and_subcommands():
    info = describe(
        "seed.js",
        src("""
        #!/usr/bin/env node
        'use strict';
        const { program } = require('commander');

        program
          .name('seed')
          .description('Seed the local database with fixtures.')
          .usage('[options] <env>')
          .option('-f, --force', 'drop existing rows first')
          .option('--env <name>', 'target environment', 'dev');

        program.command('users <count>')
          .description('Create fake users')
          .option('--admin', 'make them admins');

        const orders = program.command('orders');
        orders.description('Create fake orders');

        program.parse();
    """),
    )
    assert info.language == "javascript"
    assert info.description == "Seed the local database with fixtures."
    assert info.description_source == "commander"
    assert info.usage == "Usage: seed [options] <env>"
    assert info.subcommands == ["users", "orders"]
    assert flags(info) == [
        (["-f", "--force"], "drop existing rows first", True),
        (["--env"], "target environment", False),
        (["--admin"], "make them admins", False),
    ]
    assert info.mutating is True


def test_jsdoc_typescript_with_parse_args():
    info = describe(
        "sync-flags.ts",
        src("""
        #!/usr/bin/env -S npx tsx
        /**
         * @fileoverview Sync feature flags from LaunchDarkly into config/flags.json.
         *
         * Runs nightly in CI.
         * @author Someone <someone@example.com>
         * @example
         *   npx tsx scripts/sync-flags.ts --write
         */
        import { parseArgs } from "node:util";

        const { values } = parseArgs({
          options: {
            write: { type: "boolean", short: "w" },
            "project-key": { type: "string" },
          },
        });
    """),
    )
    assert info.language == "typescript"
    assert info.description == "Sync feature flags from LaunchDarkly into config/flags.json."
    assert info.description_source == "jsdoc"
    assert flags(info) == [(["--write", "-w"], None, True), (["--project-key"], None, False)]
    assert info.mutating is True


def test_yargs_usage_commands_and_options():
    info = describe(
        "preview.js",
        src("""
        // Copyright 2023 Example Corp.
        const yargs = require('yargs/yargs')
        const { hideBin } = require('yargs/helpers')
        yargs(hideBin(process.argv))
          .usage('Usage: $0 <command> [options]\\n\\nManage preview environments.')
          .command('up [name]', 'start a preview', () => {}, (argv) => {})
          .command(['down', 'rm'], 'tear a preview down')
          .option('yes', { alias: 'y', type: 'boolean', describe: 'skip confirmation' })
          .option('verbose', {
            alias: ['v'],
            description: "chatty " + "output",
          })
          .parse()
    """),
    )
    assert info.description == "Manage preview environments."
    assert info.description_source == "usage"
    assert info.usage == "Usage: preview.js <command> [options]\n\nManage preview environments."
    assert info.subcommands == ["up", "down"]
    assert flags(info) == [
        (["--yes", "-y"], "skip confirmation", True),
        (["--verbose", "-v"], "chatty output", False),
    ]


def test_line_comment_header_in_javascript():
    info = describe(
        "count-lines.mjs",
        src("""
        #!/usr/bin/env node
        // @ts-check
        // Count source lines per package and print a table.
        // Usage: node scripts/count-lines.mjs [--json]
        import fs from "node:fs";
        if (process.argv.includes("--json")) {}
    """),
    )
    assert info.description == "Count source lines per package and print a table."
    assert info.description_source == "header-comment"
    assert info.usage == "Usage: node scripts/count-lines.mjs [--json]"
    assert flags(info) == [(["--json"], None, False)]
    assert info.mutating is False


def test_meow_help_text_and_hand_written_argv_cases():
    info = describe(
        "unicorn.mjs",
        src("""
        #!/usr/bin/env node
        import meow from "meow";

        const cli = meow(`
          Usage
            $ unicorn <input>

          Options
            --rainbow, -r  Include a rainbow

          Examples
            $ unicorn ponies --rainbow
        `, {importMeta: import.meta});

        for (const arg of process.argv.slice(2)) {
          switch (arg) {
            case '-w': case '--write':
              break;
          }
        }
    """),
    )
    assert info.description == ""
    assert info.usage == (
        "Usage\n  $ unicorn <input>\n\nOptions\n  --rainbow, -r  Include a rainbow\n\n"
        "Examples\n  $ unicorn ponies --rainbow"
    )
    assert flags(info) == [(["-w", "--write"], None, True), (["--rainbow", "-r"], "Include a rainbow", False)]
    assert info.mutating is True


def test_php_docblock():
    info = describe("purge-sessions.php", "<?php\n/**\n * Purge expired sessions from Redis.\n */\n")
    assert (info.language, info.description, info.description_source) == (
        "php",
        "Purge expired sessions from Redis.",
        "jsdoc",
    )


# --- PowerShell ---------------------------------------------------------------------------------


def test_powershell_comment_based_help_and_params():
    info = describe(
        "Rotate-Secret.ps1",
        src("""
        <#
        .SYNOPSIS
            Rotates the service principal secret.
        .PARAMETER Name
            The service principal name.
        .PARAMETER Force
            Replace the secret even if it is fresh.
        #>
        [CmdletBinding(SupportsShouldProcess)]
        param(
            [Parameter(Mandatory = $true)][string]$Name,
            [switch]$Force
        )
    """),
    )
    assert info.description == "Rotates the service principal secret."
    assert info.description_source == "comment-help"
    assert flags(info) == [
        (["-Name"], "The service principal name.", False),
        (["-Force"], "Replace the secret even if it is fresh.", True),
        (["-WhatIf"], "Show what would happen without changing anything.", False),
    ]
    assert info.mutating is True


# --- robustness ---------------------------------------------------------------------------------


@pytest.mark.parametrize("filename", ["empty.py", "empty.sh", "empty.js", "empty.ps1", "empty"])
def test_empty_text(filename):
    info = describe(filename, "")
    assert (info.description, info.description_source, info.usage) == ("", None, None)
    assert (info.flags, info.subcommands, info.mutating, info.parse_error) == ([], [], False, None)


@pytest.mark.parametrize("filename", ["only", "only.sh"])
def test_only_a_shebang(filename):
    info = describe(filename, "#!/bin/sh\n")
    assert info == ToolInfo(language="shell")


def test_binary_junk_never_raises():
    generator = random.Random(1234)
    for name in ("junk.py", "junk.sh", "junk.js", "junk.ts", "junk.ps1", "junk.rb", "junk"):
        for _ in range(20):
            data = bytes(generator.randrange(256) for _ in range(generator.randrange(4000)))
            info = describe(name, data.decode("latin-1"))
            assert isinstance(info, ToolInfo)
            assert info.parse_error is None or name == "junk.py"


def test_nul_bytes_in_python_are_a_parse_error():
    info = describe("blob.py", "\x00\x01\x02")
    assert info.language == "python"
    assert info.parse_error is not None and info.parse_error[0] == 1


def test_crlf_tabs_and_a_byte_order_mark():
    text = (
        "\ufeff#!/bin/bash\r\n#\tPrune\tdocker images\r\n#\tolder than a week.\r\n"
        "case $1 in\r\n\t--yes) Y=1;;\r\nesac\r\n"
    )
    info = describe("prune", text)
    assert info.language == "shell"
    assert info.description == "Prune docker images older than a week."
    assert flags(info) == [(["--yes"], None, True)]


@pytest.mark.parametrize(
    ("filename", "text"),
    [
        ("a.sh", "cat <<EOF\n" * 20000),
        ("a.sh", "usage() {\n" * 20000),
        ("a.sh", "case $1 in\n" + "-a|" * 40000 + ")\n"),
        ("a.sh", "#!/bin/sh\n# " + "-f " * 60000),
        ("a.js", ".option(`" * 20000),
        ("a.js", "parseArgs options: {" * 10000),
        ("a.js", "/*" + "*" * 300000),
        ("a.ps1", "<#" * 100000),
        ("a.py", "(" * 100000),
        ("a.py", "x = 1\n" * 80000),
        ("a.py", "x = 1\n" * 300000),
    ],
)
def test_pathological_input_is_fast(filename, text):
    # A guard against catastrophic backtracking (which takes minutes to hours on these inputs), not a speed
    # measurement: CPU time of this process only, so a loaded machine does not fail it; speed is measured in
    # benchmarks/pathological.py.
    started = time.process_time()
    info = describe(filename, text)
    assert isinstance(info, ToolInfo)
    assert time.process_time() - started < 30


def test_long_description_is_clipped_at_a_word():
    words = " ".join(["rebuild"] * 200)
    info = describe("long.sh", f"#!/bin/sh\n# {words}\n")
    assert len(info.description) <= 400
    assert info.description.endswith("rebuild…")


def test_long_description_is_clipped_after_a_sentence():
    first = "Rebuild the caches. " * 15
    info = describe("long.sh", f"#!/bin/sh\n# {first}{'x' * 300}\n")
    assert info.description == ("Rebuild the caches. " * 15).strip()


def test_huge_file_is_read_only_up_to_the_cap():
    text = "#!/bin/sh\n# Big generated script.\n" + "echo hi\n" * 200_000 + "case $1 in\n--late) ;;\nesac\n"
    info = describe("big.sh", text)
    assert info.description == "Big generated script."
    assert info.flags == []


def test_python_beyond_the_cap_is_described_by_its_header_without_a_parse_error():
    text = "# Generated lookup tables for the tax rules.\n" + "RATES = {}\n" * 100_000
    info = describe("tables.py", text)
    assert info.description == "Generated lookup tables for the tax rules."
    assert info.parse_error is None


# --- mutating classification --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("names", "help_text", "kind"),
    [
        (["--mutate"], None, "mutating"),
        (["--apply-migrations"], None, "mutating"),
        (["--allow-writes"], None, "mutating"),
        (["-y"], None, "mutating"),
        (["-f"], "overwrite the output", "mutating"),
        (["-f"], "read config from FILE", None),
        (["--no-dry-run"], None, "mutating"),
        (["-n", "--dry-run"], None, "dry-run"),
        (["--check"], None, "dry-run"),
        (["--no-push"], None, "dry-run"),
        (["-n"], "dry run: print the commands only", "dry-run"),
        (["--force-color"], None, None),
        (["--verbose"], None, None),
        (["--x"], "actually delete the rows", "mutating"),
    ],
)
def test_classify(names, help_text, kind):
    assert classify(names, help_text) == kind


def test_mutating_word_list_covers_the_documented_words():
    for word in (
        "mutate",
        "apply",
        "force",
        "write",
        "execute",
        "commit",
        "yes",
        "confirm",
        "no-dry-run",
        "delete",
        "destroy",
        "drop",
        "prune",
        "purge",
        "overwrite",
        "fix",
        "push",
        "deploy",
        "migrate",
        "run",
        "wet-run",
        "live",
        "i-know-what-im-doing",
    ):
        assert word in MUTATING_WORDS


def test_flag_objects_are_models():
    info = describe("db.py", ARGPARSE_TOOL)
    assert info.flags[0] == Flag(flags=["--mutate"], help="allow INSERT/UPDATE/DDL", mutating=True)


def test_a_notice_opening_with_the_file_name_is_no_description():
    info = describe(
        "hll-gnuplot-graph.rb",
        src("""
        # hll-err.rb - Copyright (C) 2014 Redis Ltd.
        # BSD license, See the COPYING file for more information.
        #
        # Output the average and maximum errors of the HyperLogLog implementation.
        require 'redis'
        """),
    )
    assert info.description == "Output the average and maximum errors of the HyperLogLog implementation."
