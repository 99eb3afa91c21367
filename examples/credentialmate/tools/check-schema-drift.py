#!/usr/bin/env python3
"""Compare the columns alembic migrations create with the columns production really has.

Reads op.create_table(...) and op.add_column(...) calls in backend/alembic/versions/
statically (no alembic import, no database URL), then fetches information_schema.columns
from production through tools/rds-query (read-only). Reports columns that migrations expect
but production lacks (e.g. a migration marked applied whose columns were dropped by hand)
and columns production has that no migration created.
"""

import argparse
import ast
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VERSIONS = REPO / "backend" / "alembic" / "versions"


def _str(node):
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def expected_columns(versions_dir: Path) -> dict[str, set[str]]:
    """Table -> column names created by the migration files, read with ast."""
    tables: dict[str, set[str]] = defaultdict(set)
    for path in sorted(versions_dir.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        upgrade = next((n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "upgrade"), None)
        for call in ast.walk(upgrade) if upgrade else ():
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)):
                continue
            if call.func.attr == "create_table" and call.args and _str(call.args[0]):
                for col in call.args[1:]:
                    if isinstance(col, ast.Call) and col.args and _str(col.args[0]):
                        tables[_str(call.args[0])].add(_str(col.args[0]))
            elif call.func.attr == "add_column" and len(call.args) >= 2 and _str(call.args[0]):
                col = call.args[1]
                if isinstance(col, ast.Call) and col.args and _str(col.args[0]):
                    tables[_str(call.args[0])].add(_str(col.args[0]))
    return tables


def actual_columns(table: str | None) -> dict[str, set[str]]:
    sql = ("SELECT table_name, column_name FROM information_schema.columns "
           "WHERE table_schema = 'public'")
    if table:
        sql += f" AND table_name = '{table}'"
    out = subprocess.run([sys.executable, str(REPO / "tools" / "rds-query"), "--json", sql],
                         check=True, capture_output=True, text=True).stdout
    tables: dict[str, set[str]] = defaultdict(set)
    for table_name, column_name in json.loads(out)["rows"]:
        tables[table_name].add(column_name)
    return tables


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--table", help="only check this table")
    parser.add_argument("--versions-dir", type=Path, default=VERSIONS,
                        help="alembic versions folder (default: backend/alembic/versions)")
    parser.add_argument("--json", action="store_true", help="print the drift report as JSON")
    parser.add_argument("--fail-on-drift", action="store_true",
                        help="exit 1 when any drift is found (for CI and make migrate-check)")
    args = parser.parse_args()

    expected = expected_columns(args.versions_dir)
    actual = actual_columns(args.table)
    report = {}
    for table in sorted(set(expected) | set(actual)):
        if args.table and table != args.table:
            continue
        missing = sorted(expected.get(table, set()) - actual.get(table, set()))
        unexpected = sorted(actual.get(table, set()) - expected.get(table, set()))
        if missing or unexpected:
            report[table] = {"missing_in_production": missing, "not_in_migrations": unexpected}

    if args.json:
        print(json.dumps(report, indent=2))
    elif not report:
        print("OK: production schema matches the migrations")
    else:
        for table, drift in report.items():
            for col in drift["missing_in_production"]:
                print(f"MISSING  {table}.{col}  (a migration adds it; production lacks it)")
            for col in drift["not_in_migrations"]:
                print(f"EXTRA    {table}.{col}  (in production; no migration creates it)")
    return 1 if report and args.fail_on_drift else 0


if __name__ == "__main__":
    sys.exit(main())
