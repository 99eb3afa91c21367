"""Cargo aliases that run an xtask package list its subcommands as tasks, read from the Rust source."""

from __future__ import annotations

import time

from skilldex.scan import scan_repo
from skilldex.scan.tasks.rust_subcommands import kebab, subcommands
from skilldex.scan.tasks.xtask import package_folder

ALIAS = '[alias]\nxtask = "run --package xtask --"\n'

HELIX_MAIN = """mod docgen;

pub mod tasks {
    pub fn print_help() {
        println!(
            "
Usage: Run with `cargo xtask <task>`, eg. `cargo xtask docgen`.

    Tasks:
        docgen                     Generate files to be included in the mdbook output.
        query-check [languages]    Check that tree-sitter queries are valid for the given
                                   languages, or all languages if none are specified.
        theme-check [themes]       Check that all themes are valid for the given themes,
                                   or all themes if none are specified.
"
        );
    }
}

fn main() -> Result<(), DynError> {
    let mut args = env::args().skip(1);
    let task = args.next();
    match task {
        None => tasks::print_help(),
        Some(t) => match t.as_str() {
            "docgen" => tasks::docgen()?,
            "query-check" | "qc" => tasks::querycheck(args)?,
            "theme-check" => tasks::themecheck(args)?,
            invalid => return Err(format!("Invalid task name: {}", invalid).into()),
        },
    };
    Ok(())
}
"""

DERIVED = """use clap::{Parser, Subcommand};

#[derive(Debug, Subcommand)]
enum Bump { Patch, Minor }

/// Project automation.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the release archives.
    ///
    /// Not part of the about: a later paragraph.
    Dist {
        /// the target triple {e.g. x86_64}
        #[arg(long)]
        target: Option<String>,
    },
    #[command(name = "gen", about = "Regenerate the \\"generated\\" code")]
    Codegen(CodegenArgs),
    #[command(hide = true)]
    Internal,
    /// Run the HTTPServer benchmarks
    BenchHTTPServer,
    Release {
        #[command(subcommand)]
        level: Bump,
    },
}
"""


def tasks(root) -> list[tuple[str, str, str, int | None, str]]:
    return [(i.name, i.run, i.path, i.line, i.description) for i in scan_repo(root).items if i.kind == "task"]


def test_helix_style_match_and_help_text_give_one_task_per_subcommand(repo):
    root = repo({".cargo/config.toml": ALIAS, "xtask/src/main.rs": HELIX_MAIN, "xtask/src/docgen.rs": "fn x() {}\n"})
    assert tasks(root) == [
        ("xtask", "cargo xtask", ".cargo/config.toml", 2, "Runs: cargo run --package xtask --"),
        (
            "xtask docgen",
            "cargo xtask docgen",
            "xtask/src/main.rs",
            26,
            "Generate files to be included in the mdbook output.",
        ),
        (
            "xtask query-check",
            "cargo xtask query-check",
            "xtask/src/main.rs",
            27,
            "Check that tree-sitter queries are valid for the given languages, or all languages if none are specified.",
        ),
        (
            "xtask theme-check",
            "cargo xtask theme-check",
            "xtask/src/main.rs",
            28,
            "Check that all themes are valid for the given themes, or all themes if none are specified.",
        ),
    ]


def test_find_reaches_a_subcommand_by_its_help(repo):
    from skilldex.search import find

    root = repo({".cargo/config.toml": ALIAS, "xtask/src/main.rs": HELIX_MAIN})
    assert [hit.run for hit in find([scan_repo(root)], "check that all themes are valid", limit=1)] == [
        "cargo xtask theme-check"
    ]


def test_a_clap_enum_in_a_module_wins_over_a_match_and_names_follow_clap(repo):
    root = repo(
        {
            "tools/.cargo/config.toml": '[alias]\nxtask = "run --manifest-path ./xtask/Cargo.toml --"\n'
            'xt = "run -p xtask --"\ndocs = "run -p xtask -- dist"\n',
            "tools/xtask/src/main.rs": 'mod cli;\nfn main() {\n    match cli.command.as_str() { "x" => {} }\n}\n',
            "tools/xtask/src/cli.rs": DERIVED,
        }
    )
    assert tasks(root)[3:] == [
        ("xtask dist", "cd tools && cargo xtask dist", "tools/xtask/src/cli.rs", 12, "Build the release archives."),
        ("xtask gen", "cd tools && cargo xtask gen", "tools/xtask/src/cli.rs", 18, 'Regenerate the "generated" code'),
        (
            "xtask bench-http-server",
            "cd tools && cargo xtask bench-http-server",
            "tools/xtask/src/cli.rs",
            22,
            "Run the HTTPServer benchmarks",
        ),
        (
            "xtask release",
            "cd tools && cargo xtask release",
            "tools/xtask/src/cli.rs",
            23,
            "Runs: cargo run --manifest-path ./xtask/Cargo.toml -- release",
        ),
    ]  # `xt` runs the same package (listed once), `docs` passes a subcommand itself


def test_clap_builder_subcommands_with_their_about():
    text = """fn cli() -> Command {
    Command::new("xtask")
        .subcommand(Command::new("dist").about("Build the \\"release\\" archives")
            .subcommand(Command::new("inner").about("nested")))
        .subcommand(
            Command::new("bump")
                .arg(Arg::new("level"))
                .about("Bump the version"),
        )
        .subcommand(clap::SubCommand::with_name("ci"))
}
"""
    assert [(s.name, s.help, s.line) for _, s in subcommands([text])] == [
        ("dist", 'Build the "release" archives', 3),
        ("bump", "Bump the version", 5),
        ("ci", "", 10),
    ]


def test_matklad_style_match_with_println_help():
    text = """fn try_main() -> Result<()> {
    match env::args().nth(1).as_deref() {
        Some("dist") => dist()?,
        Some("codegen") if ok => codegen()?,
        Some("help") => print_help(),
        _ => print_help(),
    }
}
fn print_help() {
    eprintln!("  dist       builds application and man pages\\n");
    eprintln!("  codegen  -  regenerate generated code");
    match os { "linux" => 1, _ => 2 }
}
"""
    assert [(s.name, s.help) for _, s in subcommands([text])] == [
        ("dist", "builds application and man pages"),
        ("codegen", "regenerate generated code"),
    ]


def test_what_an_alias_runs():
    assert package_folder(["run", "--package", "xtask", "--"]) == "xtask"
    assert package_folder(["run", "-q", "-p=xtask", "--bin", "xtask", "--"]) == "xtask"
    assert package_folder(["run", "--manifest-path", "./ci/xtask/Cargo.toml", "--"]) == "ci/xtask"
    assert package_folder(["run", "-p", "xtask", "--", "dist"]) is None  # one subcommand already
    assert package_folder(["build", "--release"]) is None
    assert [kebab(n) for n in ("Docgen", "QueryCheck", "HTTPServer", "Build2Wasm")] == [
        "docgen",
        "query-check",
        "http-server",
        "build2-wasm",
    ]


def test_no_xtask_source_or_an_unsafe_path_gives_only_the_alias(repo):
    root = repo(
        {
            ".cargo/config.toml": '[alias]\nxtask = "run -p xtask --"\nup = "run --manifest-path ../x/Cargo.toml --"\n',
            "../x/src/main.rs": HELIX_MAIN,
        }
    )
    assert [name for name, *_ in tasks(root)] == ["xtask", "up"]


def test_hostile_xtask_source_is_read_in_linear_time(repo):
    hostile = (
        "#[derive(Parser)]\n" * 5_000
        + "match args {"
        + '"a" | ' * 5_000
        + "{ " * 20_000
        + "    docgen"
        + " " * 50_000
        + "x\n"
        + "/// doc\n" * 5_000
    )
    root = repo({".cargo/config.toml": ALIAS, "xtask/src/main.rs": hostile[:199_000]})
    started = time.perf_counter()
    scan_repo(root)
    assert time.perf_counter() - started < 3
