"""Entry points outside the usual places: a Tiltfile, a cargo-release config, executable Python scripts in any
folder, the root README and testing guides; and what is not one: a script a Dockerfile copies into its image."""

from __future__ import annotations

from skilldex.scan import scan_repo

SCRIPT = (
    '#!/usr/bin/env python3\n"""Open an app\'s logs in the logging cluster."""\nif __name__ == "__main__":\n    pass\n'
)


def items(root) -> dict:
    return {(i.kind, i.path): i for i in scan_repo(root).items}


def test_a_tiltfile_is_tilt_up_described_by_what_it_calls(repo):
    found = items(repo({"Tiltfile": "# tilt up telemetry\ndocker_build('img', '.')\nk8s_yaml(helm('./chart'))\n"}))
    tilt = found[("task", "Tiltfile")]
    assert (tilt.name, tilt.runner, tilt.run) == ("up", "tilt", "tilt up")
    assert tilt.description == (
        "Tilt dev environment: deploys to Kubernetes, renders Helm charts, builds images. tilt up telemetry"
    )
    assert tilt.capabilities[:1] == ["deploy"]


def test_release_toml_is_cargo_release_only_beside_a_cargo_toml(repo):
    found = items(
        repo(
            {
                "Cargo.toml": '[package]\nname = "x"\n',
                "release.toml": "# Release process\n# cargo release patch --execute\ntag = true\n",
                "docs/release.toml": "tag = true\n",  # some other tool's file
            }
        )
    )
    assert [path for kind, path in found if kind == "task"] == ["release.toml"]
    release = found[("task", "release.toml")]
    assert (release.name, release.runner, release.run) == ("release", "cargo-release", "cargo release patch")
    assert release.description == "Release process cargo release patch --execute"


def test_executable_python_scripts_are_tools_wherever_they_sit_but_not_modules_or_hooks(repo):
    found = items(
        repo(
            {
                "logging/open_logging_cluster.py": SCRIPT,
                "images/publish.py": SCRIPT.replace("#!/usr/bin/env python3\n", ""),  # no shebang: not run as is
                "pkg/__init__.py": "",
                "pkg/cli.py": SCRIPT,  # a package's module: run through its entry point
                "plugin/hooks/guard.py": SCRIPT,  # Claude Code or git runs it
                "src/job.py": SCRIPT,  # a source tree
                "deploy/manage.py": SCRIPT,  # Django's runner: its commands are the tools
            }
        )
    )
    assert [path for kind, path in found if kind == "tool"] == ["logging/open_logging_cluster.py"]
    tool = found[("tool", "logging/open_logging_cluster.py")]
    assert (tool.run, tool.description) == (
        "logging/open_logging_cluster.py",
        "Open an app's logs in the logging cluster.",
    )


def test_a_script_a_dockerfile_copies_into_its_image_is_the_images_not_a_tool(repo):
    found = items(
        repo(
            {
                "images/lambda/Dockerfile": "FROM amazonlinux\nCOPY --chown=1000 extension.sh /opt/extensions/\n",
                "images/lambda/extension.sh": "#!/bin/bash\necho secrets\n",
                "images/lambda/build.sh": "#!/bin/bash\ndocker build .\n",  # run beside it, never copied
                "images/other/Dockerfile": "FROM base AS b\nCOPY --from=b run.sh /\n",  # from a stage, not here
                "images/other/run.sh": "#!/bin/bash\ndocker run x\n",
            }
        )
    )
    assert sorted(path for kind, path in found if kind == "tool") == ["images/lambda/build.sh", "images/other/run.sh"]


def test_the_root_readme_saying_how_to_run_and_a_testing_guide_are_docs(repo):
    found = items(
        repo(
            {
                "README.md": "## controller\n\nA Kubernetes controller.\n\n## Installation\n\nhelm install x\n",
                "docs/guides/automated-tests.md": "# Automated tests\n\nRun `tests/pytest/run.sh`.\n",
                "docs/guides/colors.md": "# Colors\n\nThe palette.\n",
                "sub/README.md": "## sub\n\nA library.\n",  # below the root: still by what it is about
            }
        )
    )
    assert sorted(path for kind, path in found if kind == "doc") == ["README.md", "docs/guides/automated-tests.md"]
    assert found[("doc", "docs/guides/automated-tests.md")].capabilities == ["testing"]


def test_a_root_readme_that_only_says_what_the_repo_is_is_no_doc(repo):
    found = items(repo({"README.md": "# hookline\n\nDelivers customer webhooks with retries.\n"}))
    assert list(found) == []


def test_a_script_terraform_ships_to_a_machine_is_not_a_tool(repo):
    found = items(
        repo(
            {
                "iac/cluster/main.tf": 'locals {\n  run = templatefile("${path.module}/scripts/run-nomad.sh", {})\n}\n',
                "iac/cluster/scripts/run-nomad.sh": "#!/bin/bash\n# Configure and run Nomad on the VM.\n",
                "iac/cluster/scripts/plan.sh": "#!/bin/bash\n# Plan the cluster.\nterraform plan\n",  # named nowhere
                "iac/other/scripts/run-nomad.sh": "#!/bin/bash\n# Run Nomad here.\n",  # another folder's Terraform
            }
        )
    )
    assert sorted(path for kind, path in found if kind == "tool") == [
        "iac/cluster/scripts/plan.sh",
        "iac/other/scripts/run-nomad.sh",
    ]


def test_a_devcontainers_scripts_are_tools_though_its_dockerfile_copies_them(repo):
    found = items(
        repo(
            {
                ".devcontainer/Dockerfile": "FROM node\nCOPY init-firewall.sh /usr/local/bin/\n",
                ".devcontainer/init-firewall.sh": "#!/bin/bash\n# Allow only the domains the dev container needs.\n",
            }
        )
    )
    assert [path for kind, path in found if kind == "tool"] == [".devcontainer/init-firewall.sh"]


def test_a_script_a_compose_service_mounts_runs_in_the_container(repo):
    found = items(
        repo(
            {
                "docker-compose.yml": "services:\n  snuba:\n    image: snuba\n    volumes:\n"
                '      - "./snuba/healthcheck.sh:/usr/src/snuba/healthcheck.sh:ro"\n',
                "snuba/healthcheck.sh": "#!/bin/bash\n# Check the snuba API answers.\n",
                "snuba/reset.sh": "#!/bin/bash\n# Reset snuba's tables.\n",  # mounted nowhere: run by people
            }
        )
    )
    assert [path for kind, path in found if kind == "tool"] == ["snuba/reset.sh"]


def test_a_tcl_script_in_a_tools_folder_is_a_tool_described_past_its_license(repo):
    found = items(
        repo(
            {
                "utils/speed-regression.tcl": "#!/usr/bin/env tclsh8.5\n# Copyright (C) 2011 Redis Ltd.\n"
                "# Released under the BSD license like Redis itself\n\nproc run-tests branches {\n}\n",
                "utils/build-symbols.tcl": "# Build a symbol table for static symbols.\nputs hi\n",
            }
        )
    )
    assert found[("tool", "utils/speed-regression.tcl")].description == ""
    assert found[("tool", "utils/speed-regression.tcl")].run == "utils/speed-regression.tcl"
    assert found[("tool", "utils/build-symbols.tcl")].description == "Build a symbol table for static symbols."
    assert found[("tool", "utils/build-symbols.tcl")].run == "tclsh utils/build-symbols.tcl"
