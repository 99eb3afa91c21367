"""go-task includes and just modules: tasks run the way the including file names them."""

from __future__ import annotations

from skilldex.scan import scan_repo

ROOT_TASKFILE = """version: "3"
includes:
  k8s: .taskfiles/kubernetes
  tg:
    taskfile: .taskfiles/terragrunt/Taskfile.yaml
    aliases: [terragrunt]
tasks:
  default: task -l
"""
K8S = """version: "3"
includes:
  flux: ./flux
tasks:
  validate:
    desc: Lint and validate the manifests
    cmds: [kubeconform -strict .]
"""
FLUX = "version: '3'\ntasks:\n  reconcile:\n    cmds: [flux reconcile]\n"
TG = """version: "3"
tasks:
  plan-*:
    desc: Plan a stack
    cmds: [terragrunt plan]
"""


def runs(root) -> dict[tuple[str, str], str | None]:
    return {(i.path, i.name): i.run for i in scan_repo(root).items if i.kind == "task"}


def test_go_task_namespaced_includes_run_as_ns_name(repo):
    found = runs(
        repo(
            {
                "Taskfile.yml": ROOT_TASKFILE,
                ".taskfiles/kubernetes/Taskfile.yml": K8S,
                ".taskfiles/kubernetes/flux/Taskfile.yml": FLUX,
                ".taskfiles/terragrunt/Taskfile.yaml": TG,
                "tools/Taskfile.yml": "version: '3'\ntasks:\n  lint:\n    cmds: [ruff check .]\n",  # included by nobody
            }
        )
    )
    assert found[(".taskfiles/kubernetes/Taskfile.yml", "validate")] == "task k8s:validate"
    assert found[(".taskfiles/kubernetes/flux/Taskfile.yml", "reconcile")] == "task k8s:flux:reconcile"
    assert found[(".taskfiles/terragrunt/Taskfile.yaml", "plan-*")] == "task tg:plan-<value>"
    assert found[("tools/Taskfile.yml", "lint")] == "task --dir tools lint"


def test_just_modules_run_through_the_root_justfile(repo):
    found = runs(
        repo(
            {
                ".justfile": "[group('Kube')]\nmod kube \"kubernetes\"\nmod talos\n",
                "kubernetes/mod.just": "[doc('Apply a Flux Kustomization')]\napply-ks ns ks:\n    flux apply\n",
                "talos.just": "# Upgrade a node\nupgrade-node node:\n    talosctl upgrade\n",
                "other/justfile": "build:\n    cargo build\n",  # not a module of anything
            }
        )
    )
    assert found[("kubernetes/mod.just", "apply-ks")] == "just kube apply-ks"
    assert found[("talos.just", "upgrade-node")] == "just talos upgrade-node"
    assert found[("other/justfile", "build")] == "just --justfile other/justfile build"


DEPLOY_CS = """using System.CommandLine;

namespace DeveloperCli.Commands;

public class DeployCommand : Command
{
    public DeployCommand() : base(
        "deploy",
        "Set up trust between Azure and GitHub for passwordless deployments"
    )
    {
        SetAction(_ => Execute());
    }
}
"""


def test_dotnet_project_cli_subcommands_run_through_dotnet_run(repo):
    found = {
        (i.path, i.name): i
        for i in scan_repo(
            repo(
                {
                    "developer-cli/DeveloperCli.csproj": '<Project Sdk="Microsoft.NET.Sdk"></Project>\n',
                    "developer-cli/Commands/DeployCommand.cs": DEPLOY_CS,
                    "src/Api/HelperCommand.cs": "public class HelperCommand { }\n",  # no System.CommandLine command
                }
            )
        ).items
        if i.kind == "task"
    }
    deploy = found[("developer-cli/Commands/DeployCommand.cs", "developer-cli deploy")]
    assert (deploy.run, deploy.runner, deploy.line) == ("dotnet run --project developer-cli -- deploy", "dotnet", 7)
    assert deploy.description == "Set up trust between Azure and GitHub for passwordless deployments"
    assert deploy.capabilities == ["deploy", "cloud"]
    assert list(found) == [("developer-cli/Commands/DeployCommand.cs", "developer-cli deploy")]
