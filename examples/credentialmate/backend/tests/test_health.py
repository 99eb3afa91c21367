from fastapi.testclient import TestClient

from app.main import app


def test_health_reports_git_sha(monkeypatch):
    monkeypatch.setenv("GIT_SHA", "abc1234")
    response = TestClient(app).get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "git_sha": "abc1234"}
