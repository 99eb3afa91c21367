"""quarry: an analytics + ML repo (Airflow, dbt, Snowflake, MLflow) with argparse CLIs in tools/."""

# ruff: noqa: E501  (the strings below are other repos' files; their long lines are part of the realism)
from __future__ import annotations

from ._text import dedent

NAME = "quarry"

FILES: dict[str, str] = {}


def _cli(doc: str, args: str, body: str = "print(args)") -> str:
    """A small argparse tool: shebang, module docstring, main(); `args` is the add_argument block."""
    arg_lines = "\n".join("    " + line for line in dedent(args).splitlines())
    doc_block = f'"""{dedent(doc).rstrip()}\n"""\n\n' if doc else ""
    parser = "argparse.ArgumentParser(description=__doc__)" if doc else "argparse.ArgumentParser()"
    return (
        "#!/usr/bin/env python3\n"
        + doc_block
        + "import argparse\nimport sys\n\n\n"
        + "def main() -> int:\n"
        + f"    parser = {parser}\n"
        + arg_lines
        + "\n    args = parser.parse_args()\n"
        + f"    {body}\n    return 0\n\n\n"
        + 'if __name__ == "__main__":\n    sys.exit(main())\n'
    )


FILES["README.md"] = dedent(
    """
    # quarry

    Analytics platform: Airflow 2.9 (MWAA) orchestrates ingestion, dbt builds the Snowflake
    models, MLflow tracks the churn and LTV models.

    `pip install -e .[dev]` then see `tools/` for the CLIs we use day to day.
    """
)

FILES["tools/backfill.py"] = _cli(
    """
    Kick off an Airflow backfill for one DAG between two dates through the MWAA REST API.

    Creates one DAG run per logical date (max_active_runs of the DAG still applies).

    Example: tools/backfill.py orders_daily 2024-03-01 2024-03-07
    """,
    """
    parser.add_argument("dag_id")
    parser.add_argument("start", help="first logical date, YYYY-MM-DD")
    parser.add_argument("end", help="last logical date, inclusive")
    parser.add_argument("--env", choices=["dev", "prod"], default="dev")
    parser.add_argument("--reset-dagruns", action="store_true", help="clear existing runs in the window first")
    parser.add_argument("--dry-run", action="store_true")
    """,
)

FILES["tools/clear_failed.py"] = _cli(
    """
    Clear failed/upstream_failed task instances so the scheduler picks them up again.
    """,
    """
    parser.add_argument("--dag", help="dag id or glob, e.g. 'ingest_*'")
    parser.add_argument("--since", default="1d", help="look back window")
    parser.add_argument("--env", choices=["dev", "prod"], default="dev")
    parser.add_argument("--downstream", action="store_true", help="also clear downstream tasks")
    """,
)

FILES["tools/pause_dags.py"] = _cli(
    """
    Pause (or --unpause) every DAG whose id matches a pattern. Used around Snowflake maintenance.
    """,
    """
    parser.add_argument("pattern")
    parser.add_argument("--unpause", action="store_true")
    parser.add_argument("--env", choices=["dev", "prod"], default="dev")
    """,
)

FILES["tools/wh_query.py"] = _cli(
    """
    Run one SELECT on Snowflake as ANALYST_RO and print the result as CSV (or --json).
    """,
    """
    parser.add_argument("sql")
    parser.add_argument("--warehouse", default="ADHOC_XS")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--limit", type=int, default=1000)
    """,
)

FILES["tools/grant_role.py"] = _cli(
    """
    GRANT/REVOKE a Snowflake role to/from a user (runs as SECURITYADMIN, logged to #data-access).
    """,
    """
    parser.add_argument("user")
    parser.add_argument("role", help="e.g. FINANCE_READER, MARKETING_READER, TRANSFORMER")
    parser.add_argument("--revoke", action="store_true")
    parser.add_argument("--ticket", required=True)
    """,
)

FILES["tools/slim_ci.py"] = _cli(
    """
    dbt build --select state:modified+ --defer against the prod manifest (downloaded from S3).
    """,
    """
    parser.add_argument("--target", default="ci")
    parser.add_argument("--exclude", nargs="*", default=[])
    parser.add_argument("--full-refresh", action="store_true")
    """,
)

FILES["tools/freshness.py"] = _cli(
    """
    dbt source freshness, summarised: which sources are late and by how much.
    """,
    """
    parser.add_argument("--select", default="source:*")
    parser.add_argument("--slack", action="store_true", help="post the summary to #data-alerts")
    """,
)

FILES["tools/train.py"] = _cli(
    """
    Fit the churn model (LightGBM) on a feature snapshot and log params/metrics/artifacts to MLflow.
    """,
    """
    parser.add_argument("--snapshot", required=True, help="feature snapshot date, e.g. 2024-05-31")
    parser.add_argument("--model", choices=["churn", "ltv"], default="churn")
    parser.add_argument("--params", default="models/churn/params.yaml")
    parser.add_argument("--experiment", default="churn")
    """,
)

FILES["tools/evaluate.py"] = _cli(
    """
    Score an MLflow run on the holdout set: AUC, PR-AUC, calibration; writes metrics.json.
    """,
    """
    parser.add_argument("run_id")
    parser.add_argument("--holdout", default="s3://quarry-ml/holdout/churn/latest.parquet")
    """,
)

FILES["tools/promote.py"] = _cli(
    """
    Transition a registered model version to the Production stage and archive the previous one.
    The scoring DAG loads models:/<name>/Production on its next run.
    """,
    """
    parser.add_argument("name")
    parser.add_argument("version", type=int)
    parser.add_argument("--stage", choices=["Staging", "Production"], default="Production")
    """,
)

FILES["tools/drift_report.py"] = _cli(
    """
    PSI per feature between the training snapshot and the last 7 days of scoring inputs; HTML report.
    """,
    """
    parser.add_argument("--model", default="churn")
    parser.add_argument("--window", default="7d")
    parser.add_argument("-o", "--output", default="drift.html")
    """,
)

FILES["tools/sample_table.py"] = _cli(
    "",
    """
    parser.add_argument("table", help="DB.SCHEMA.TABLE")
    parser.add_argument("-n", type=int, default=10000)
    parser.add_argument("-o", "--output", help="parquet file, default <table>.parquet")
    parser.add_argument("--where")
    """,
)

FILES["tools/pii_scan.py"] = _cli(
    """
    Heuristic scan of a schema for columns holding emails, phone numbers, IBANs or national ids.
    Samples 500 rows per column; prints suspects with a confidence score.
    """,
    """
    parser.add_argument("schema", help="DB.SCHEMA")
    parser.add_argument("--sample", type=int, default=500)
    """,
)

FILES["tools/cost_by_user.py"] = _cli(
    """
    Snowflake credit usage by user and warehouse from ACCOUNT_USAGE (last N days).
    """,
    """
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--top", type=int, default=20)
    """,
)

FILES["pyproject.toml"] = dedent(
    """
    [project]
    name = "quarry"
    version = "0.1.0"
    requires-python = ">=3.11"

    [project.scripts]
    quarry = "quarry.cli:main"
    quarry-dq = "quarry.quality.run:main"

    [tool.poe.tasks]
    dbt-docs = { cmd = "dbt docs generate && dbt docs serve --port 8081", help = "Build and serve the dbt docs site" }
    lint = { cmd = "sqlfluff lint models && ruff check .", help = "sqlfluff + ruff" }
    test = "pytest -q"
    compile = { cmd = "dbt compile --target dev", help = "Compile all models without running them" }
    """
)

FILES["noxfile.py"] = dedent(
    '''
    """nox sessions for CI."""

    import nox


    @nox.session(python="3.11")
    def tests(session):
        """Unit tests for the quarry package and the DAG import check."""
        session.install("-e", ".[dev]")
        session.run("pytest", "-q")


    @nox.session
    def dag_integrity(session):
        """Import every DAG file and fail on cycles or import errors."""
        session.install("-e", ".[dev]", "apache-airflow==2.9.3")
        session.run("python", "-m", "quarry.dags.check")


    @nox.session
    def typecheck(session):
        session.install("-e", ".[dev]", "mypy")
        session.run("mypy", "quarry")
    '''
)

FILES["docs/runbooks/late-data.md"] = dedent(
    """
    # Runbook: dashboards show missing or stale data

    Usually an ingestion DAG failed or a source is late.

    1. `python tools/freshness.py` to see which sources are behind.
    2. Airflow UI (MWAA prod): look for red tasks in `ingest_*` DAGs since midnight UTC.
    3. Fix the cause, then `python tools/clear_failed.py --dag 'ingest_*' --since 1d --env prod --downstream`.
    4. The `dbt_hourly` DAG rebuilds marts on the next hour; force it from the UI if needed.
    5. Tell #analytics when numbers are back.
    """
)

FILES["docs/airflow/operations.md"] = dedent(
    """
    # Airflow operations

    We run MWAA (`quarry-prod`, `quarry-dev`) in eu-central-1.

    ## Scheduler not scheduling

    Symptoms: tasks stay in `scheduled`/`queued`, the UI banner says the scheduler heartbeat is old.
    MWAA has no shell; restart by updating the environment:

    ```bash
    aws mwaa update-environment --name quarry-prod --airflow-configuration-options '{"celery.worker_autoscale":"10,10"}'
    ```

    ## Logs

    Task logs go to CloudWatch: `airflow-quarry-prod-Task`. Scheduler logs: `airflow-quarry-prod-Scheduler`.

    ## Deploying DAGs

    Merging to main syncs `dags/` to `s3://quarry-mwaa-prod/dags/`. Requirements changes need an environment update (~25 min).
    """
)

FILES["docs/dbt/deployment.md"] = dedent(
    """
    # dbt in production

    Prod runs from the `dbt_hourly` and `dbt_nightly` DAGs with the `TRANSFORMER` role.
    The prod manifest is uploaded to `s3://quarry-dbt-artifacts/prod/manifest.json` after every run;
    CI uses it for slim builds (`tools/slim_ci.py`).

    Full refresh of an incremental model in prod needs an approval in #data-platform.
    """
)

FILES["docs/warehouse-access.md"] = dedent(
    """
    # Warehouse access

    Snowflake roles: `ANALYST_RO` (everyone), `FINANCE_READER`, `MARKETING_READER`, `TRANSFORMER` (dbt only).
    Request a role in #data-access with your manager's approval; a platform engineer runs
    `tools/grant_role.py <user> <ROLE> --ticket DATA-123`.
    """
)

FILES["docs/oncall.md"] = dedent(
    """
    # Data platform on-call

    Weekly rotation. You own: red DAGs, late sources, failed dbt tests on marts, model scoring failures.
    Start the day with `python tools/freshness.py` and the Airflow UI.
    """
)

FILES["knowledge/snowflake-warehouse-sizing.md"] = dedent(
    """
    ---
    title: Picking a Snowflake warehouse size
    tags: [snowflake, cost, warehouse]
    applies-when:
      - a query or model is slow
      - planning a large reprocessing job
    updated: 2024-06-10
    ---

    # Picking a Snowflake warehouse size

    Start on `TRANSFORM_S`. Each size up doubles credits per hour and roughly halves runtime only when
    the query spills to remote storage (see the query profile). Reprocessing a year of events:
    `TRANSFORM_L`, suspended after 60 s. Never use `XL` for ad-hoc analysis.
    """
)
