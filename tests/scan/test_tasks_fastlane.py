"""fastlane lanes: read from a Fastfile as text (never run), described by their desc or comment, run per platform."""

from __future__ import annotations

from skilldex.scan import scan_repo
from skilldex.scan.tasks.fastlane import parse_fastfile

# The shape of a real iOS Fastfile: a default platform, helpers, lanes with and without desc, a private lane
FASTFILE = """\
default_platform(:ios)

platform :ios do
  before_all do |lane|
    ENV["TIMEOUT"] = "10"
  end

  # Helper method to run tests with common configuration
  def run_ui_tests(scheme:)
    run_tests(scheme: scheme)
  end

  lane :bump_build_number do
    increment_build_number(xcodeproj: "./App.xcodeproj")
  end

  # The version must be at most three integers for App Store Connect.
  lane :remove_preview_suffixes do
    version = get_version_number(xcodeproj: "App.xcodeproj")
    set_version(version)
  end

  desc "Upload the sample app to TestFlight"
  desc "and its symbols to Sentry"
  lane :sample_to_testflight do
    upload_to_testflight(skip_waiting_for_build_processing: true)
  end

  private_lane :sign do
    match(type: "appstore")
  end
end

lane :lint do
  swiftlint
end
"""


def test_lanes_carry_their_desc_or_comment_platform_and_first_action():
    lanes = parse_fastfile(FASTFILE)
    assert [(t.name, t.description, t.line, t.command, t.platform) for t in lanes] == [  # type: ignore[attr-defined]
        ("bump_build_number", "", 13, 'increment_build_number(xcodeproj: "./App.xcodeproj")', "ios"),
        (
            "remove_preview_suffixes",
            "The version must be at most three integers for App Store Connect.",
            18,
            "set_version(version)",
            "ios",
        ),
        (
            "sample_to_testflight",
            "Upload the sample app to TestFlight and its symbols to Sentry",
            25,
            "upload_to_testflight(skip_waiting_for_build_processing: true)",
            "ios",
        ),
        ("lint", "", 34, "swiftlint", ""),
    ]


def test_a_fastfile_is_run_from_the_folder_above_fastlane(repo):
    catalogue = scan_repo(repo({"fastlane/Fastfile": FASTFILE}))
    tasks = {i.name: i for i in catalogue.items if i.kind == "task"}
    assert tasks["sample_to_testflight"].run == "fastlane ios sample_to_testflight"
    assert tasks["sample_to_testflight"].runner == "fastlane"
    assert tasks["sample_to_testflight"].description == "Upload the sample app to TestFlight and its symbols to Sentry"
    assert tasks["bump_build_number"].description == 'Runs: increment_build_number(xcodeproj: "./App.xcodeproj")'
    assert "sign" not in tasks  # a private lane is called by lanes, not from the command line
