"""credmate-rds-sql-api: run one SQL statement against RDS from inside the VPC.

Invoked by tools/rds-query. Event: {"sql": "...", "mutate": false}.
Returns {"columns": [...], "rows": [[...]], "rowcount": n} or {"error": "..."}.
Credentials come from the Secrets Manager secret named in DB_SECRET_NAME.
"""

import json
import os

import boto3
import psycopg2

MAX_ROWS = 1000
_creds = None


def _credentials() -> dict:
    global _creds
    if _creds is None:
        client = boto3.client("secretsmanager")
        _creds = json.loads(client.get_secret_value(SecretId=os.environ["DB_SECRET_NAME"])["SecretString"])
    return _creds


def lambda_handler(event, context):
    sql = (event or {}).get("sql", "").strip()
    mutate = bool((event or {}).get("mutate"))
    if not sql:
        return {"error": "no sql given"}
    c = _credentials()
    conn = psycopg2.connect(host=c["host"], port=c.get("port", 5432), dbname=c["dbname"],
                            user=c["username"], password=c["password"], connect_timeout=5)
    try:
        conn.set_session(readonly=not mutate)
        with conn.cursor() as cur:
            cur.execute("SET statement_timeout = '25s'")
            cur.execute(sql)
            if cur.description is None:
                conn.commit()
                return {"columns": [], "rows": [], "rowcount": cur.rowcount}
            columns = [d.name for d in cur.description]
            rows = cur.fetchmany(MAX_ROWS)
            conn.commit()
            return {"columns": columns, "rows": json.loads(json.dumps(rows, default=str)),
                    "rowcount": len(rows)}
    except psycopg2.errors.ReadOnlySqlTransaction:
        conn.rollback()
        return {"error": "write statements require mutate=true"}
    except psycopg2.Error as exc:
        conn.rollback()
        return {"error": str(exc).strip()}
    finally:
        conn.close()
