-- Orphaned-migration check for the licenses table.
-- Shows the revision alembic believes is applied, and whether each column that
-- recent migrations add is really present. Read-only.
SELECT
    (SELECT version_num FROM alembic_version) AS alembic_head,
    expected.revision,
    expected.column_name,
    (c.column_name IS NOT NULL) AS present
FROM (VALUES
    ('20260115_0100', 'portal_access_notes'),
    ('20260115_0100', 'portal_username'),
    ('20260115_0100', 'portal_password'),
    ('20260115_0200', 'is_imlc')
) AS expected(revision, column_name)
LEFT JOIN information_schema.columns c
       ON c.table_schema = 'public'
      AND c.table_name = 'licenses'
      AND c.column_name = expected.column_name
ORDER BY expected.revision, expected.column_name;
