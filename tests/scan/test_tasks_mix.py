"""Elixir Mix: mix.exs aliases and Mix.Tasks modules, read as text and run with mix."""

from __future__ import annotations

import time

import pytest

from skilldex.scan import scan_repo
from skilldex.scan.tasks.mix import parse_mix_exs, parse_mix_task
from skilldex.scan.tasks.parsing import TaskFileError

# The shape of plausible/analytics' mix.exs, with a Phoenix 1.7 app's aliases
MIX_EXS = """defmodule Plausible.MixProject do
  use Mix.Project

  def project do
    [
      app: :plausible,
      elixirc_paths: elixirc_paths(Mix.env()),
      aliases: aliases(),
      deps: deps(),
      releases: [plausible: [steps: [:assemble, :tar]]]
    ]
  end

  defp deps do
    [{:phoenix, "~> 1.7"}, {:credo, "~> 1.5", only: [:dev, :test], runtime: false}]
  end

  defp aliases do
    [
      # everything a fresh clone needs
      setup: ["deps.get", "ecto.setup", "assets.setup"],
      "ecto.setup": ["ecto.create", "ecto.migrate", "run priv/repo/seeds.exs"],
      "ecto.reset": ["ecto.drop", "ecto.setup"],
      test: ["ecto.create --quiet", "ecto.migrate", "test", "clean_clickhouse"],
      "assets.deploy": [
        "tailwind default --minify",
        &build_js/1,
        fn _ -> Mix.shell().info("done [ok]") end
      ],
      lint: "credo --strict"
    ]
  end

  defp build_js(_), do: :ok
end
"""
SEND_PAGEVIEW = '''defmodule Mix.Tasks.SendPageview do
  @moduledoc """
  It's often necessary to generate fake events for development and testing purposes. This Mix Task provides a
  quick and easy way to generate a pageview or custom event.

  See Mix.Tasks.SendPageview.usage/1 for more detailed documentation.
  """

  use Mix.Task
  require Logger

  def run(opts) do
    IO.puts("usage: $ mix send_pageview [--domain domain]")
  end
end
'''


def test_aliases_in_file_order_with_their_steps_and_lines():
    found = [(t.name, t.line, t.command) for t in parse_mix_exs(MIX_EXS)]
    assert found == [
        ("setup", 21, "deps.get && ecto.setup && assets.setup"),
        ("ecto.setup", 22, "ecto.create && ecto.migrate && run priv/repo/seeds.exs"),
        ("ecto.reset", 23, "ecto.drop && ecto.setup"),
        ("test", 24, "ecto.create --quiet && ecto.migrate && test && … (+1 more)"),  # a preview: the first three steps
        ("assets.deploy", 25, "tailwind default --minify && build_js"),  # a fn step has no name to show
        ("lint", 30, "credo --strict"),
    ]


@pytest.mark.parametrize(
    "text,names",
    [
        (
            'defmodule X.MixProject do\n  def project, do: [app: :x, aliases: [t: "test --cover"], deps: []]\nend\n',
            [("t", "test --cover")],
        ),
        (
            'defmodule X.MixProject do\n  defp aliases, do: [c: [&clean/1, "compile"]]\nend\n',
            [("c", "clean && compile")],
        ),
        ("defmodule X.MixProject do\n  def project, do: [app: :x, deps: deps()]\nend\n", []),  # no aliases
        ("defmodule X.MixProject do\n  def project, do: [aliases: aliases()]\nend\n", []),  # defined nowhere
        ("not elixir at all ] [ \x00", []),
    ],
)
def test_alias_forms_and_projects_without_aliases(text, names):
    assert [(t.name, t.command) for t in parse_mix_exs(text)] == names


def test_an_aliases_list_never_closed_is_an_error_at_its_line():
    with pytest.raises(TaskFileError) as raised:
        parse_mix_exs('defmodule X do\n  defp aliases do\n    [setup: ["deps.get",\n')
    assert raised.value.line == 2


def test_task_modules_are_named_as_mix_names_them():
    text = (
        SEND_PAGEVIEW
        + """
defmodule Mix.Tasks.Ecto.HTTPSetup do
  @moduledoc false
  @shortdoc "Sets up \\"the\\" database"
  use Mix.Task
end

defmodule Mix.Tasks.Hidden do
  @moduledoc false
end

defmodule Plausible.Helper do
end
"""
    )
    assert [(t.name, t.line, t.description) for t in parse_mix_task(text)] == [
        ("send_pageview", 1, "It's often necessary to generate fake events for development and testing purposes."),
        ("ecto.http_setup", 17, 'Sets up "the" database'),
        ("hidden", 23, ""),
    ]


def test_mix_tasks_in_a_repo_run_from_their_projects_folder(repo):
    root = repo(
        {
            "mix.exs": MIX_EXS,
            "lib/mix/tasks/send_pageview.ex": SEND_PAGEVIEW,
            "lib/mix/tasks/clean_clickhouse.ex": "defmodule Mix.Tasks.CleanClickhouse do\n  use Mix.Task\nend\n",
            "apps/billing/mix.exs": (
                'defmodule Billing.MixProject do\n  def project, do: [aliases: [seed: "run s.exs"]]\nend\n'
            ),
            "apps/billing/lib/mix/tasks/billing/charge.ex": (
                'defmodule Mix.Tasks.Billing.Charge do\n  @shortdoc "Charge due invoices"\nend\n'
            ),
            "deps/phoenix/mix.exs": 'defmodule Phoenix.MixProject do\n  defp aliases, do: [docs: ["docs"]]\nend\n',
            "deps/phoenix/lib/mix/tasks/phx.server.ex": "defmodule Mix.Tasks.Phx.Server do\nend\n",
            "test/support/lib/mix/tasks/fake.ex": "defmodule Mix.Tasks.Fake do\nend\n",
        }
    )
    found = {(i.path, i.name): (i.line, i.description, i.run) for i in scan_repo(root).items if i.kind == "task"}
    assert found == {
        ("mix.exs", "setup"): (21, "Runs: deps.get && ecto.setup && assets.setup", "mix setup"),
        ("mix.exs", "ecto.setup"): (
            22,
            "Runs: ecto.create && ecto.migrate && run priv/repo/seeds.exs",
            "mix ecto.setup",
        ),
        ("mix.exs", "ecto.reset"): (23, "Runs: ecto.drop && ecto.setup", "mix ecto.reset"),
        ("mix.exs", "test"): (24, "Runs: ecto.create --quiet && ecto.migrate && test && … (+1 more)", "mix test"),
        ("mix.exs", "assets.deploy"): (25, "Runs: tailwind default --minify && build_js", "mix assets.deploy"),
        ("mix.exs", "lint"): (30, "Runs: credo --strict", "mix lint"),
        ("lib/mix/tasks/send_pageview.ex", "send_pageview"): (
            1,
            "It's often necessary to generate fake events for development and testing purposes.",
            "mix send_pageview",
        ),
        ("lib/mix/tasks/clean_clickhouse.ex", "clean_clickhouse"): (1, "", "mix clean_clickhouse"),
        ("apps/billing/mix.exs", "seed"): (2, "Runs: run s.exs", "cd apps/billing && mix seed"),
        ("apps/billing/lib/mix/tasks/billing/charge.ex", "billing.charge"): (
            1,
            "Charge due invoices",
            "cd apps/billing && mix billing.charge",
        ),
    }


def test_hostile_mix_files_are_skipped_or_findings_quickly(repo):
    opened = "defmodule X do\n  defp aliases do\n    ["
    root = repo(
        {
            "mix.exs": opened + '"a": ["x", ' * 20_000 + "[{(" * 100_000 + '"' + "y" * 300_000,
            "apps/a/mix.exs": opened
            + "{}" * 200_000
            + '\n"-bad": ["x"],\n"it\'s": ["y"],\n"a\\nb": [],\nok: "z"]\nend\n',
            "apps/b/mix.exs": b"\x00\x01binary" * 1000,
            "lib/mix/tasks/big.ex": "defmodule Mix.Tasks." + "A." * 300_000 + " do\n" + '@shortdoc "' * 30_000,
        }
    )
    started = time.monotonic()
    result = scan_repo(root)
    assert time.monotonic() - started < 5
    mix = sorted((i.path, i.name) for i in result.items if i.kind == "task")
    assert mix == [("apps/a/mix.exs", "ok")]  # `-bad` reads as an option; a quote or a newline is no task name
    assert [(f.code, f.path) for f in result.findings if f.code == "SKD031"] == [("SKD031", "mix.exs")]
