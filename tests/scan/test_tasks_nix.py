"""Nix-defined commands: the names and help a Nix file gives the commands it puts on the shell's PATH, read as
text (never evaluated), run inside the nearest development shell."""

from __future__ import annotations

from skilldex.scan import scan_repo
from skilldex.scan.tasks.nix import parse_nix

# The shape of PostgREST's nix/tools/*.nix: a helper taking a set with name, docs and args, then the script
TOOLS = """\
{ checkedShellScript, withTools }:
let
  testSpec =
    checkedShellScript
      {
        name = "postgrest-test-spec";
        docs = "Run the Haskell test suite. Use --match PATTERN for running individual specs";
        args = [ "ARG_LEFTOVERS([hspec arguments])" ];
        withEnv = postgrest.env;
      }
      ''
        cabal v2-run test:spec -- "''${_arg_leftovers[@]}"
      '';

  genJwt =
    checkedShellScript
      {
        name = "postgrest-gen-jwt";
        docs = ''
          Generate a JWT. Example: postgrest-gen-jwt --exp 10 postgrest_test_author

          # This can be used to quickly prove a JWT expiry
        '';
      }
      ''
        echo -n "$jwt"
      '';

  loadtestAgainst =
    let
      name = "postgrest-loadtest-against";
    in
    checkedShellScript
      {
        inherit name;
        docs = "Run the vegeta loadtest against every target branch and HEAD.";
      }
      "true";

  withTmpDb =
    { name, postgresql }:
    checkedShellScript
      {
        name = "postgrest-with-${name}";
        docs = "Run the given command in a temporary database with ${name}.";
      }
      "true";
in
buildToolbox { name = "postgrest-dev"; tools = { inherit testSpec genJwt; }; }
"""

# A flake's devShell with writeShellApplication and a commented writeShellScriptBin
FLAKE = """\
{
  outputs = { self, nixpkgs }: let
    pkgs = nixpkgs.legacyPackages.x86_64-linux;
    # Reset the local database and load the seed data.
    reset-db = pkgs.writeShellScriptBin "reset-db" ''
      dropdb app && createdb app
    '';
    lint = pkgs.writeShellApplication {
      name = "lint-all";
      runtimeInputs = [ pkgs.shellcheck ];
      text = "shellcheck scripts/*.sh";
    };
  in {
    devShells.x86_64-linux.default = pkgs.mkShell { packages = [ reset-db lint ]; };
  };
}
"""


def test_a_helper_set_gives_name_and_the_first_paragraph_of_its_docs():
    found = {(t.name, t.line, t.description) for t in parse_nix(TOOLS)}
    assert found == {
        ("postgrest-test-spec", 4, "Run the Haskell test suite. Use --match PATTERN for running individual specs"),
        ("postgrest-gen-jwt", 16, "Generate a JWT. Example: postgrest-gen-jwt --exp 10 postgrest_test_author"),
        # `inherit name;` takes the name the `let` above binds
        ("postgrest-loadtest-against", 33, "Run the vegeta loadtest against every target branch and HEAD."),
    }  # "postgrest-with-${name}" is computed: not known without evaluating Nix


def test_commands_are_run_inside_the_nearest_shell(repo):
    root = repo(
        {
            "shell.nix": "{ }: import ./default.nix\n",
            "nix/tools/tests.nix": TOOLS,
            "tools/flake.nix": FLAKE,
            "tests/fixtures/tools.nix": TOOLS.replace("postgrest-test-spec", "fixture-spec"),
        }
    )
    found = {(i.path, i.name): (i.runner, i.run, i.description) for i in scan_repo(root).items if i.kind == "task"}
    assert found[("nix/tools/tests.nix", "postgrest-test-spec")] == (
        "nix",
        "nix-shell --run postgrest-test-spec",
        "Run the Haskell test suite. Use --match PATTERN for running individual specs",
    )
    assert found[("tools/flake.nix", "reset-db")] == (
        "nix",
        "cd tools && nix develop --command reset-db",
        "Reset the local database and load the seed data.",
    )
    assert found[("tools/flake.nix", "lint-all")] == ("nix", "cd tools && nix develop --command lint-all", "")
    assert not any(name == "fixture-spec" for _, name in found)  # a test fixture is not the repo's tooling
    assert len([key for key in found if key[0] == "nix/tools/tests.nix"]) == 3


def test_text_that_is_no_command_gives_none():
    assert parse_nix('{ pkgs }: pkgs.mkShell { name = "dev"; }\n') == []
    assert parse_nix('{ x = "writeShellScriptBin"; y = checkedShellScript { docs = "no name"; }; }') == []
    assert parse_nix("checkedShellScript {\n  name = \"cut\";\n  docs = ''never closed\n")[0].name == "cut"


def test_a_huge_file_gives_its_first_commands():
    # each command reads only the few lines above it (this file took minutes when each read the file before it)
    text = "# what it does\nx = pkgs.writeShellScriptBin \"cmd\" ''true'';\n" * 50_000  # one name, 100k lines
    assert [(t.name, t.line, t.description) for t in parse_nix(text)] == [("cmd", 2, "what it does")]
    many = "".join(f'c{i} = writeShellScriptBin "cmd-{i}" "true";\n' for i in range(20_000))
    assert [t.name for t in parse_nix(many)] == [f"cmd-{i}" for i in range(200)]  # MAX_COMMANDS, in file order
