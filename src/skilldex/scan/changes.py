"""Whether a tool changes shared state, and the evidence: a mutating flag, a dry-run switch, or a command
it runs that changes things (`git push`, `kubectl apply`, `DROP TABLE`...), outside comments and echoes.
"""

from __future__ import annotations

import re

# Commands that change shared state when a script runs them (not in comments or echo/print lines).
_CHANGING_COMMANDS = re.compile(
    r"\b(git push|git tag|docker push|kubectl (?:apply|delete|rollout restart|scale|patch|replace|create|drain|"
    r"cordon|label|annotate)|helm (?:upgrade|install|uninstall|rollback)|"
    r"terraform (?:apply|destroy|import|force-unlock|state (?:rm|mv|push))|pulumi (?:up|destroy)|"
    r"(?:npm|pnpm|yarn) publish|twine upload|gh release create|sam deploy|cdk deploy|serverless deploy|"
    r"fly(?:ctl)? (?:deploy|secrets set|scale)|vercel deploy|netlify deploy|firebase deploy|"
    r"gcloud (?:[\w-]+ ){1,4}(?:deploy|delete|create|update)|"
    r"aws s3 (?:rm|cp|sync|mv)|aws \w+ (?:delete|put|update|create)-[\w-]+|rm -r[f]?|"
    r"DROP (?:TABLE|DATABASE|SCHEMA|INDEX|VIEW)|ALTER TABLE|TRUNCATE|DELETE FROM|INSERT INTO|GRANT|REVOKE|"
    r"alembic upgrade|alembic downgrade|prisma migrate deploy|rails db:migrate)\b"
)
_QUIET_LINE = re.compile(r"^\s*(#|//|\*|echo\b|print|console\.log|printf\b)")
MAX_EVIDENCE = 5
MAX_COMMAND_LINE = 2000


def changing_commands(text: str) -> list[str]:
    found: list[str] = []
    for line in text.splitlines()[:5000]:
        if _QUIET_LINE.match(line) or len(line) > MAX_COMMAND_LINE:
            continue  # a 100 KB line is data (a bundle, a blob), not a command
        for match in _CHANGING_COMMANDS.finditer(line):
            command = f"runs `{match.group(1)}`"
            if command not in found:
                found.append(command)
        if len(found) >= MAX_EVIDENCE:
            break
    return found


def evidence(info, text: str) -> list[str]:
    """Why the described tool (a ToolInfo) counts as changing things; [] when nothing says so."""
    found = [f"flag {f.flags[0]}" for f in info.flags if f.mutating and f.flags]
    if info.mutating and not found:
        found.append("has a dry-run switch")
    return found + changing_commands(text)
