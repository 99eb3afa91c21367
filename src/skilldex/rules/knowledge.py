"""SKD7xx: knowledge objects, the `knowledge/*.md` files that say what was learned (`skilldex knowledge check`)."""

from skilldex.rules.registry import doc, rule

MISSING_FIELD = rule(
    "SKD701",
    "knowledge-missing-field",
    "error",
    "A knowledge object lacks `title`, `tags` or `applies-when`.",
    "Add the field: `title:` a headline, `tags: [database]`, `applies-when:` a list of situations.",
    doc(
        "Reports a knowledge object whose frontmatter has no `title`, `tags` or `applies-when`, or leaves one empty.",
        "Knowledge is surfaced by matching the situation an agent is in against `applies-when` and the tags; "
        "without them the object is only found by luck.",
        "```yaml\ntitle: Production database access\ntags: [database]\n```\n(no `applies-when`)",
    ),
)

UNKNOWN_KEY = rule(
    "SKD702",
    "knowledge-unknown-key",
    "warning",
    "The frontmatter has a key the knowledge format does not define.",
    "Rename the key to one of the format's (`skilldex knowledge schema`), or remove it.",
    doc(
        "Reports a frontmatter key other than title, tags, repos, applies-when, updated, review-by, expires, "
        "supersedes, tools, skills, docs and description, and suggests the closest one.",
        "A misspelt key (`applies_when`, `review_by`, `tag`) is silently ignored by every reader: the date is "
        "never checked, the situations are never matched.",
        "```yaml\nreview_by: 2026-06-01\n```",
    ),
)

NOT_A_LIST = rule(
    "SKD703",
    "knowledge-value-not-list",
    "error",
    "`tags`, `repos`, `applies-when` or another list field is written as a single value.",
    "Write a YAML list: `tags: [database, production]` or one `- item` per line.",
    doc(
        "Reports a list field (tags, repos, applies-when, supersedes, tools, skills, docs) whose value is a "
        "string, a number or a mapping.",
        "`tags: database, production` is one tag named 'database, production'; it matches no vocabulary and no search.",
        "```yaml\ntags: database, production\n```",
    ),
)

INVALID_DATE = rule(
    "SKD704",
    "knowledge-invalid-date",
    "error",
    "`updated`, `review-by` or `expires` is not a date.",
    "Write the date as YYYY-MM-DD, e.g. `updated: 2026-02-02`.",
    doc(
        "Reports a date field whose value is not a real calendar date in ISO form (YYYY-MM-DD).",
        "Dates decide whether knowledge is still trusted: an unparsable `review-by` is never due, an "
        "unparsable `expires` never expires.",
        "```yaml\nupdated: Feb 2nd\nreview-by: 2026-02-30\n```",
    ),
)

NOT_TEXT = rule(
    "SKD705",
    "knowledge-value-not-text",
    "error",
    "`title`, `description` or an entry of a list field is not plain text.",
    "Give it a plain string; quote values that YAML would read otherwise.",
    doc(
        "Reports a title or description written as a list or mapping, and list entries that are lists, "
        "mappings or empty.",
        "Structured values are flattened or dropped by readers, so the object no longer says what you wrote.",
        "```yaml\ntags:\n  - database\n  - {prod: true}\n```",
    ),
)

MISSING_SECTION = rule(
    "SKD706",
    "knowledge-missing-section",
    "warning",
    "The body has no *When you need to*, *Do* or *Don't* section, or leaves one empty.",
    "Add the section as a heading (`## Don't`) with at least one line under it.",
    doc(
        "Reports a knowledge object whose body lacks one of the conventional sections When you need to, "
        "Do and Don't (as `##` headings or `**Don't**:` labels), or has the heading with nothing under it.",
        "The Don't lines are what saves the next agent an hour: skilldex ranks and shows them first. A "
        "missing section is usually knowledge that was never written down.",
        "```markdown\n## Do\n- Use `tools/rds-query`.\n```\n(no `## Don't`)",
    ),
)

UNDATED = rule(
    "SKD707",
    "knowledge-undated",
    "warning",
    "The frontmatter has no `updated` date.",
    "Add `updated: YYYY-MM-DD`, the day it was last checked to be true.",
    doc(
        "Reports a knowledge object without an `updated` date.",
        "Infrastructure moves; a reader cannot tell an undated object from a stale one.",
        "```yaml\ntitle: Production database access\n```",
    ),
)

UNKNOWN_TAG = rule(
    "SKD708",
    "knowledge-unknown-tag",
    "warning",
    "A tag is neither a built-in tag, a repo's name, nor declared in `knowledge/tags.yaml`.",
    "Use a known tag (`skilldex knowledge schema` lists them) or declare it in the folder's `knowledge/tags.yaml`.",
    doc(
        "Reports a tag outside the vocabulary: the capability names (database, migrations, logs, deploy, ...), "
        "the process tags (production, staging, process, incident, security, knowledge), the names of the repos "
        "the object concerns, and the tags declared in a `tags.yaml` of the object's `knowledge/` folder.",
        "Free-form tags drift (`db`, `database`, `Database`, `prod-db`); objects tagged differently are never "
        "found together.",
        "```yaml\ntags: [db, prod]\n```",
    ),
)

BAD_VOCABULARY = rule(
    "SKD709",
    "knowledge-bad-tag-vocabulary",
    "error",
    "`knowledge/tags.yaml` cannot be read as a list or mapping of tags.",
    "Write `tags:` followed by a mapping of tag to meaning (`rds: Amazon RDS`) or a list of tags.",
    doc(
        "Reports a `tags.yaml` next to knowledge objects that is not valid YAML, is not `tags:` with a list or "
        "mapping, or declares tags that are not lowercase words joined by hyphens.",
        "The declared tags are the vocabulary every object in the folder is checked against; a broken file "
        "makes every declared tag unknown.",
        "```yaml\ntags: rds lambda\n```",
    ),
)

MISSING_REFERENCE = rule(
    "SKD710",
    "knowledge-missing-reference",
    "error",
    "A tool, skill or path the object names does not exist in the repos it concerns.",
    "Fix the name or path, or update the object: what it points to was renamed or removed.",
    doc(
        "Reports `tools`, `skills` and `docs` entries that match no item of the object's repos, and backticked "
        "paths in the body (`tools/rds-query`, `docs/runbook.md`) whose top folder exists in one of those "
        "repos but the path does not.",
        "Knowledge that sends the agent to a tool that no longer exists costs the hour it was written to save; "
        "the seed incident started with a documented skill that was never implemented.",
        "```yaml\nskills: [apply-production-migrations]\n```",
    ),
)

UNKNOWN_REPO = rule(
    "SKD711",
    "knowledge-unknown-repo",
    "warning",
    "`repos` names a repo the workspace does not know, so its references cannot be checked.",
    "Use the repo's name from `skilldex.yaml` (`skilldex repos` lists them), or add the repo there.",
    doc(
        "Reports a `repos` entry that is neither a name in the workspace's `skilldex.yaml` nor the folder name of "
        "the repo holding the object.",
        "The object is surfaced for the repos it names; a misspelt repo means it is never shown where it applies.",
        "```yaml\nrepos: [credentialmte]\n```",
    ),
)

REVIEW_OVERDUE = rule(
    "SKD712",
    "knowledge-review-overdue",
    "warning",
    "The `review-by` date has passed.",
    "Check the object is still true, then move `review-by` forward and set `updated` to today.",
    doc(
        "Reports a knowledge object whose `review-by` date is before today.",
        "The author asked for it to be re-checked by then; past that date it may describe infrastructure that "
        "has moved.",
        "```yaml\nreview-by: 2025-01-01\n```",
    ),
)

EXPIRED = rule(
    "SKD713",
    "knowledge-expired",
    "error",
    "The `expires` date has passed.",
    "Delete the object, or rewrite it for the current setup with a new `updated` date.",
    doc(
        "Reports a knowledge object whose `expires` date is before today. skilldex no longer shows it in the "
        "startup brief or the prompt hint, and ranks it lower in `find`.",
        "Its author said it stops being true then; an agent following it acts on a setup that no longer exists.",
        "```yaml\nexpires: 2026-01-08  # EC2 hosts retired\n```",
    ),
)

CONTRADICTION = rule(
    "SKD714",
    "knowledge-contradiction",
    "warning",
    "Two knowledge objects disagree: one says do, the other says don't, about the same tool or path.",
    "Reconcile them: fix the wrong one, scope both to their situations, or mark the old one with `supersedes`.",
    doc(
        "Reports, on both files, a *Do* line and a *Don't* line of two different knowledge objects concerning "
        "the same repo that name the same path, `/command` or listed tool or skill, unless one supersedes the "
        "other.",
        "An agent that finds one of them follows it; which one it finds first is luck.",
        "`a.md`: `## Do` `- Run infra/scripts/prod_db_exec.py` and `b.md`: `## Don't` `- Use "
        "infra/scripts/prod_db_exec.py`",
    ),
)

PLACEHOLDER = rule(
    "SKD715",
    "knowledge-placeholder",
    "warning",
    "A section still holds the placeholder text `skilldex knowledge new` wrote.",
    "Replace the `TODO:` line with what you learned, or delete it.",
    doc(
        "Reports a line starting with `TODO:` in a knowledge object's body, as `skilldex knowledge new` leaves "
        "them for what it could not fill in.",
        "An unfinished object surfaces like a finished one and tells the next agent nothing.",
        "```markdown\n## Don't\n- TODO: what did not work, and why.\n```",
    ),
)
