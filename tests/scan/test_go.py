"""Go programs in tools folders: one tool per `func main`, named and run the way Go runs it."""

from __future__ import annotations

from skilldex.scan import scan_repo
from skilldex.scan.describe import go

MIGRATE = """// Copyright 2024 The Example Authors.
// SPDX-License-Identifier: Apache-2.0

// Command migrate applies the pending database migrations to the target
// environment's Postgres, or prints them with -dry-run.
package main

import "flag"

var (
\tenv    = flag.String("env", "dev", "target environment (dev, staging, prod)")
\tdryRun = flag.Bool("dry-run", false, "print the SQL instead of running it")
)

func main() {
\tvar wait int
\tflag.IntVar(&wait, "wait", 30, "seconds to wait for the lock")
\tflag.Parse()
}
"""
COBRA = """package main

import "github.com/spf13/cobra"

func main() {
\troot := &cobra.Command{
\t\tUse:   "release-notes",
\t\tShort: "Generate release notes from merged pull requests",
\t}
\troot.AddCommand(&cobra.Command{Use: "generate [version]", Short: "write the notes"})
\troot.PersistentFlags().StringP("repo", "r", "org/repo", "GitHub repository to read")
\troot.Execute()
}
"""
STANDALONE = """//go:build ignore

/*
gen_fixtures writes the JSON fixtures under testdata/ from the live schema.
*/
package main

func main() {}
"""


def tools(root) -> dict:
    return {i.path: i for i in scan_repo(root).items if i.kind == "tool"}


def test_each_program_is_one_tool_named_and_run_as_go_does(repo):
    found = tools(
        repo(
            {
                "cmd/migrate/main.go": MIGRATE,
                "cmd/migrate/helpers.go": "package main\n\nfunc helper() {}\n",  # same program: no second tool
                "cmd/migrate/main_test.go": "package main\n\nfunc main() {}\n",
                "hack/tools/release-notes/main.go": COBRA,
                "tools/gen_fixtures.go": STANDALONE,
                "tools/tools.go": '//go:build tools\n\npackage tools\n\nimport _ "golang.org/x/tools/cmd/stringer"\n',
                "internal/db/main.go": "package main\n\nfunc main() {}\n",  # not in a tools folder
                "main.go": "package main\n\nfunc main() {}\n",  # the repo's own program, not a tool
            }
        )
    )
    assert sorted(found) == ["cmd/migrate/main.go", "hack/tools/release-notes/main.go", "tools/gen_fixtures.go"]
    migrate, notes, fixtures = (found[p] for p in sorted(found))
    assert (migrate.name, migrate.run, migrate.language) == ("migrate", "go run ./cmd/migrate", "go")
    assert migrate.description.startswith("Command migrate applies the pending database migrations")
    assert [(f.flags, f.help) for f in migrate.flags] == [
        (["-env"], "target environment (dev, staging, prod)"),
        (["-dry-run"], "print the SQL instead of running it"),
        (["-wait"], "seconds to wait for the lock"),
    ]
    assert migrate.mutating  # it has a dry-run switch: it changes things by default
    assert (notes.name, notes.run) == ("release-notes", "go run ./hack/tools/release-notes")
    assert notes.description == "Generate release notes from merged pull requests"
    assert notes.subcommands == ["generate"]
    assert [f.flags for f in notes.flags] == [["--repo", "-r"]]
    assert (fixtures.name, fixtures.run) == ("gen_fixtures", "go run tools/gen_fixtures.go")
    assert fixtures.description == "gen_fixtures writes the JSON fixtures under testdata/ from the live schema."


def test_package_comment_needs_to_touch_the_package_clause():
    text = "// A file comment.\n\n// The doc comment.\npackage main\n"
    assert go.package_comment(text) == ["The doc comment."]
    assert go.package_comment("//go:build linux\n\npackage main\n") == []
    assert go.package_comment("package main\n") == []


def test_broken_go_is_still_a_finding_free_tool_or_nothing(repo):
    found = tools(
        repo(
            {
                "tools/half/main.go": 'package main\n\nfunc main() {\n\tflag.String("x", \n',  # cut short
                "tools/noise/main.go": "\x00\x01 not go",
            }
        )
    )
    assert [i.name for i in found.values()] == ["half"]
    assert found["tools/half/main.go"].flags[0].flags == ["-x"]


def test_runs_from_the_module_and_lists_each_program_once(repo):
    found = tools(
        repo(
            {
                "cmd/foo/main_unix.go": "//go:build unix\n\n// Command foo.\npackage main\n\nfunc main() {}\n",
                "cmd/foo/main_windows.go": "//go:build windows\n\npackage main\n\nfunc main() {}\n",  # the same program
                "cmd/foo/testdata/prog.go": "package main\n\nfunc main() {}\n",  # Go ignores testdata
                "tools/gen.go": "// Gen writes the code.\npackage main\n\nfunc main() { helper() }\n",
                "tools/helper.go": "package main\n\nfunc helper() {}\n",  # same package: run the folder
                "backend/go.mod": "module x/backend\n",
                "backend/cmd/api/main.go": "package main\n\nfunc main() {}\n",
                "cmd/tools/main.go": "package main\n\nfunc main() {}\n",
                "cmd/bom/main.go": "\ufeffpackage main\n\nfunc main() {}\n",
                "hack/template.go": "package lib\n\nconst tmpl = `\npackage main\n\nfunc main() {\n}\n`\n",
            }
        )
    )
    assert {path: (item.name, item.run) for path, item in found.items()} == {
        "cmd/foo/main_unix.go": ("foo", "go run ./cmd/foo"),
        "tools/gen.go": ("gen", "go run ./tools"),
        "backend/cmd/api/main.go": ("api", "cd backend && go run ./cmd/api"),
        "cmd/tools/main.go": ("tools", "go run ./cmd/tools"),
        "cmd/bom/main.go": ("bom", "go run ./cmd/bom"),
    }


def test_flag_func_help_and_a_flood_of_unclosed_calls():
    source = (
        'package main\n\nfunc main() {\n\tflag.Func("level", "log level", parse)\n'
        '\tflag.BoolFunc("dry-run", "print only", func(string) error { return nil })\n}\n'
    )
    info = go.describe("cmd/x/main.go", source)
    assert [(f.flags, f.help) for f in info.flags] == [(["-level"], "log level"), (["-dry-run"], "print only")]
    flood = go.describe("cmd/x/main.go", "package main\nfunc main() {\n" + 'a.Int("a",' * 20_000)
    assert len(flood.flags) <= 200


ROOT_GO = """package app

import "github.com/spf13/cobra"

var rootCmd = &cobra.Command{
\tUse:   "shipit [command]",
\tShort: "Ship releases to the fleet",
}

func Execute() error { return rootCmd.Execute() }
"""


def test_cobra_root_command_outside_main_go_describes_the_program(repo):
    found = tools(
        repo(
            {
                "go.mod": "module github.com/acme/shipit\n\ngo 1.22\n",
                # kubectl style: main only calls into a package of the module that holds the root command
                "cmd/shipit/main.go": 'package main\n\nimport (\n\t"os"\n\n'
                '\t"github.com/acme/shipit/cmd/shipit/app"\n)\n\n'
                "func main() { if app.Execute() != nil { os.Exit(1) } }\n",
                "cmd/shipit/app/root.go": ROOT_GO,
                "cmd/shipit/app/version.go": 'package app\n\nimport "github.com/spf13/cobra"\n\n'
                'var versionCmd = &cobra.Command{Use: "version", Short: "Print the version"}\n',
                # the root command beside main.go, in the same package, made by a function named for it
                "cmd/relay/main.go": "package main\n\nfunc main() { newRootCommand().Execute() }\n",
                "cmd/relay/commands.go": 'package main\n\nimport "github.com/spf13/cobra"\n\n'
                'func newServeCmd() *cobra.Command {\n\treturn &cobra.Command{Use: "serve", '
                'Short: "Serve the API"}\n}\n\nfunc newRootCommand() *cobra.Command {\n'
                '\treturn &cobra.Command{\n\t\tUse: "relay",\n\t\tLong: `Relay forwards webhooks '
                "to the workers. It retries failures.`,\n\t}\n}\n",
                # only subcommands reachable: saying nothing beats naming the program after one of them
                "cmd/tally/main.go": 'package main\n\nimport "github.com/acme/shipit/pkg/tally"\n\n'
                "func main() { tally.Run() }\n",
                "pkg/tally/serve.go": 'package tally\n\nimport "github.com/spf13/cobra"\n\n'
                'var serveCmd = &cobra.Command{Use: "serve", Short: "Serve the tallies"}\n',
                # an import of another module is not followed, even when a folder of that name exists
                "cmd/other/main.go": 'package main\n\nimport "github.com/elsewhere/x/cmd/shipit/app"\n\n'
                "func main() { app.Execute() }\n",
            }
        )
    )
    assert {item.name: (item.description, item.description_source) for item in found.values()} == {
        "shipit": ("Ship releases to the fleet", "cobra"),
        "relay": ("Relay forwards webhooks to the workers.", "cobra"),
        "tally": ("", None),
        "other": ("", None),
    }


def test_root_command_picks_the_root_not_a_subcommand():
    source = (
        'package cmd\n\nvar serveCmd = &cobra.Command{Use: "serve", Short: "Serve"}\n\n'
        'var RootCmd = &cobra.Command{Use: "hugo", Short: "Hugo builds sites"}\n'
    )
    assert go.root_command(source, "hugo", False) == ("Hugo builds sites", "cobra")
    assert go.root_command(source, "site", False) == ("Hugo builds sites", "cobra")  # by its variable's name
    assert go.root_command(source.replace("RootCmd", "siteCmd"), "site", True) == ("Serve", "cobra")  # root.go
    assert go.root_command(source.replace("RootCmd", "siteCmd"), "site", False) == ("", "")
    assert go.imports('package main\n\nimport "fmt"\nimport (\n\tx "a/b"\n\t_ "c"\n)\n') == ["fmt", "a/b", "c"]
