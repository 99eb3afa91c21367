"""FastAPI application; runs on AWS Lambda through Mangum (see infra/template.yaml)."""

import os

from fastapi import FastAPI
from mangum import Mangum

from app.models import License

app = FastAPI(title="CredentialMate API")


@app.get("/health")
def health() -> dict:
    return {"status": "ok", "git_sha": os.environ.get("GIT_SHA", "dev")}


@app.get("/coordinator/licenses")
def coordinator_licenses() -> list[dict]:
    """Coordinator dashboard: every license with its portal access details."""
    from app.db import session_scope

    with session_scope() as session:
        return [lic.to_dict() for lic in session.query(License).order_by(License.expires_on)]


handler = Mangum(app, lifespan="off")
