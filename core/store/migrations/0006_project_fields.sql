-- The values a project entered on the application form of one of its programmes: the fields a
-- programme plugin declares for its programme types (core/plugin/plugin_host.h, FieldDef). One
-- row per project, programme and field; every row of one project and programme names the same
-- programme type (the instrument chosen among the plugin's types). Values are canonical text
-- (core/plugin/programme_fields.h): money in integer cents, rates as exact fractions, dates
-- ISO, flags 1/0, municipality lists as ';'-separated NIS codes; '' is a field left empty.
-- A form belongs to the project's membership of the programme: unlinking the programme (or
-- deleting the project) deletes it by cascade, so writers that need undo remove its rows
-- through the ChangeSet first (docs/adr/0005-project-programme-forms.md).
CREATE TABLE kk_project_field (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES kk_project(id) ON DELETE CASCADE,
    programme_id INTEGER NOT NULL,
    programme_type TEXT NOT NULL CHECK (programme_type <> ''),
    field TEXT NOT NULL CHECK (field <> ''),
    value TEXT NOT NULL DEFAULT '',
    UNIQUE (project_id, programme_id, field),
    FOREIGN KEY (project_id, programme_id)
        REFERENCES kk_project_programme(project_id, programme_id) ON DELETE CASCADE
);
