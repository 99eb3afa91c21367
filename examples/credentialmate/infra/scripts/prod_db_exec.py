#!/usr/bin/env python3
"""Execute a SQL file against the production database with psql, connecting directly.

Fetches host/port/dbname/username/password from the Secrets Manager secret
credmate/prod/db-credentials and runs `psql -v ON_ERROR_STOP=1 -f FILE` against the RDS
endpoint.

NOTE: this connects straight to prod-credmate-db on port 5432, which is only reachable from
inside the production VPC (it was written to run on the old prod-credmate-ec2 host). From a
laptop the connection times out.

Usage: python3 infra/scripts/prod_db_exec.py path/to/statements.sql [--dry-run]
"""

import argparse
import json
import os
import subprocess
import sys

SECRET_ID = "credmate/prod/db-credentials"


def load_credentials(region: str) -> dict:
    import boto3

    client = boto3.client("secretsmanager", region_name=region)
    return json.loads(client.get_secret_value(SecretId=SECRET_ID)["SecretString"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sql_file", help="file with the SQL statements to execute")
    parser.add_argument("--region", default="us-east-1", help="AWS region of the secret")
    parser.add_argument("--dry-run", action="store_true",
                        help="print the psql command line instead of running it")
    args = parser.parse_args()

    if not os.path.isfile(args.sql_file):
        print(f"no such file: {args.sql_file}", file=sys.stderr)
        return 2

    creds = load_credentials(args.region)
    cmd = ["psql", "-h", creds["host"], "-p", str(creds.get("port", 5432)),
           "-U", creds["username"], "-d", creds["dbname"],
           "-v", "ON_ERROR_STOP=1", "-f", args.sql_file]
    if args.dry_run:
        print(" ".join(cmd))
        return 0
    env = dict(os.environ, PGPASSWORD=creds["password"], PGCONNECT_TIMEOUT="15")
    return subprocess.run(cmd, env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
