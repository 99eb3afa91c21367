"""Database session: credentials come from Secrets Manager (DB_SECRET_NAME) on Lambda,
or from DATABASE_URL for local development."""

import json
import os
from contextlib import contextmanager

from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker


def _database_url() -> str:
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    import boto3

    secret = boto3.client("secretsmanager").get_secret_value(SecretId=os.environ["DB_SECRET_NAME"])
    c = json.loads(secret["SecretString"])
    return f"postgresql+psycopg2://{c['username']}:{c['password']}@{c['host']}:{c.get('port', 5432)}/{c['dbname']}"


_Session = None


@contextmanager
def session_scope():
    global _Session
    if _Session is None:
        _Session = sessionmaker(bind=create_engine(_database_url(), pool_pre_ping=True))
    session = _Session()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()
