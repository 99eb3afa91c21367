"""CI systems other than GitHub Actions (Buildkite, GitLab CI, CircleCI, Jenkins, Azure Pipelines): one module each."""
