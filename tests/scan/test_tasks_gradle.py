"""Gradle: the tasks a build script declares, read as text and run through the wrapper."""

from __future__ import annotations

import time

from skilldex.scan import scan_repo
from skilldex.scan.tasks.gradle import parse_gradle

# The shape of okhttp's and an Android app's Kotlin DSL build scripts
KOTLIN = """import org.gradle.api.tasks.testing.logging.TestExceptionFormat

plugins {
  id("com.android.application")
}

// tasks.register("commentedOut") { }
/* tasks.register("blockCommented") { } */
val note = "tasks.register(\\"inAString\\")"

tasks.register("generateIdnaMappingTableConfiguration") {
  description = "Regenerate the IDNA mapping table"
  group = "build setup"
  doLast { description = "not the task's" }
}

tasks.register<JavaExec>("core-build") {
  group = "example"
  mainClass.set("com.example.Build")
}

val japicmp by tasks.registering(me.champeau.gradle.japicmp.JapicmpTask::class) {
  description = "Checks the API against the last release"
}

tasks {
  register<Copy>("copyDocs") { description = "Copy the docs into the site" }
  named<Test>("test") { description = "configures a built-in task" }
}

configurations { register("notATask") }
publishing {
  publications {
    create<MavenPublication>("maven") { pom { description = "The library" } }
  }
}
listOf("debug", "release").forEach { variant -> tasks.register("rename${variant}Apk") {} }

tasks.register<Delete>("clean") {
  delete(rootProject.layout.buildDirectory)
}
"""
GROOVY = """apply plugin: 'java'

task hello {
    description 'Says hello'
    doLast { println "Hello {" }
}

task copyDocs(type: Copy, group: 'docs', description: "Copy the docs") {
    from 'src/docs'
}

task('legacy') << {
}

tasks.create(name: 'bundle', type: Zip) {
    group = 'distribution'
}

tasks.register('integrationTest', Test) {
    it.description = "Runs the integration tests"
}
tasks.withType(JavaCompile) { options.encoding = 'UTF-8' }
def task = project.task
"""


def test_kotlin_dsl_tasks_with_descriptions_from_their_own_block():
    assert [(t.name, t.line, t.description) for t in parse_gradle(KOTLIN)] == [
        ("generateIdnaMappingTableConfiguration", 11, "Regenerate the IDNA mapping table"),
        ("core-build", 17, "(group: example)"),
        ("japicmp", 22, "Checks the API against the last release"),
        ("copyDocs", 27, "Copy the docs into the site"),
    ]


def test_groovy_tasks_and_named_arguments():
    assert [(t.name, t.line, t.description) for t in parse_gradle(GROOVY)] == [
        ("hello", 3, "Says hello"),
        ("copyDocs", 8, "Copy the docs"),
        ("legacy", 12, ""),
        ("bundle", 15, "(group: distribution)"),
        ("integrationTest", 19, "Runs the integration tests"),
    ]


def test_gradle_tasks_in_a_repo_run_through_the_wrapper_with_their_project_path(repo):
    root = repo(
        {
            "settings.gradle.kts": 'rootProject.name = "okhttp"\ninclude(":okhttp", ":tools:bench")\n',
            "gradlew": '#!/bin/sh\nexec java -jar gradle/wrapper/gradle-wrapper.jar "$@"\n',
            "build.gradle.kts": KOTLIN,
            "okhttp/build.gradle.kts": 'tasks.register("generateTestCerts") {\n  description = "Make test certs"\n}\n',
            "tools/bench/build.gradle": "task runBench(type: JavaExec) {\n}\n",
            "android/settings.gradle": "include ':app'\n",
            "android/app/build.gradle": "task printVersion {\n  description = 'Print the version'\n}\n",
            "buildSrc/build.gradle.kts": 'tasks.register("internal") {}\n',
            "templates/app/build.gradle": "task fromATemplate {}\n",
        }
    )
    found = {(i.path, i.name): (i.line, i.description, i.run) for i in scan_repo(root).items if i.kind == "task"}
    assert found == {
        ("build.gradle.kts", "generateIdnaMappingTableConfiguration"): (
            11,
            "Regenerate the IDNA mapping table",
            "./gradlew generateIdnaMappingTableConfiguration",
        ),
        ("build.gradle.kts", "core-build"): (17, "(group: example)", "./gradlew core-build"),
        ("build.gradle.kts", "japicmp"): (22, "Checks the API against the last release", "./gradlew japicmp"),
        ("build.gradle.kts", "copyDocs"): (27, "Copy the docs into the site", "./gradlew copyDocs"),
        ("okhttp/build.gradle.kts", "generateTestCerts"): (1, "Make test certs", "./gradlew :okhttp:generateTestCerts"),
        ("tools/bench/build.gradle", "runBench"): (1, "", "./gradlew :tools:bench:runBench"),
        # a build of its own, without a wrapper
        ("android/app/build.gradle", "printVersion"): (
            1,
            "Print the version",
            "cd android && gradle :app:printVersion",
        ),
    }


def test_hostile_gradle_files_parse_quickly(repo):
    hostile = (
        "tasks.register<" * 10_000
        + "val a by tasks.registering(" * 10_000
        + 'tasks.register("a"' * 10_000
        + "{}" * 60_000
        + "\ntask " * 20_000
        + '\ntasks.register("x") {\n description = "'
        + "y" * 100_000
        + "\n/*" * 30_000
    )
    assert len(hostile) < 1024 * 1024  # larger files are not read at all
    root = repo(
        {
            "build.gradle.kts": hostile,
            "a/build.gradle": "task '-rm'\ntask \"quo'te\"\ntasks.register('two\\nlines')\ntask ok {\n" + "}" * 50_000,
            "b/build.gradle": b"\x00\xff" * 5000,
        }
    )
    started = time.monotonic()
    result = scan_repo(root)
    assert time.monotonic() - started < 5
    assert sorted((i.path, i.name) for i in result.items if i.kind == "task") == [
        ("a/build.gradle", "ok"),
        ("build.gradle.kts", "a"),
        ("build.gradle.kts", "x"),
    ]
