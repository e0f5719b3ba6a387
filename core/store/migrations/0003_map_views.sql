-- Spatial views so that QGIS and ogrinfo show readable map layers of the workspace itself:
-- projects with their perimeter and funding totals, and municipalities with the totals of the
-- projects whose perimeter they hold. Registered as GeoPackage feature "tables" (views are
-- allowed by the standard); GDAL uses the integer `fid` column as feature id.
CREATE VIEW projects_map AS
SELECT p.id AS fid,
       a.geom AS geom,
       p.code AS code,
       p.name AS name,
       p.status AS status,
       (SELECT coalesce(sum(c.amount), 0) FROM kk_cost_item c WHERE c.project_id = p.id) / 100.0
           AS cost_eur,
       (SELECT coalesce(sum(w.amount), 0) FROM kk_award w
         WHERE w.project_id = p.id AND w.status = 'granted') / 100.0 AS granted_eur,
       (SELECT coalesce(sum(e.amount), 0) FROM kk_expense e WHERE e.project_id = p.id) / 100.0
           AS spent_eur,
       (SELECT group_concat(g.code, ';') FROM kk_project_programme pp
          JOIN kk_programme g ON g.id = pp.programme_id WHERE pp.project_id = p.id) AS programmes
FROM kk_project p JOIN areas a ON a.fid = p.area_id;

INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)
VALUES ('projects_map', 'features', 'projects_map',
        'Projects with their area and funding totals in euro (read-only view)', 31370);
INSERT INTO gpkg_geometry_columns VALUES ('projects_map', 'geom', 'MULTIPOLYGON', 31370, 0, 0);

CREATE VIEW municipalities_map AS
SELECT a.fid AS fid,
       a.geom AS geom,
       a.code AS nis_code,
       a.name AS name,
       (SELECT count(*) FROM kk_project p WHERE p.area_id = a.fid) AS projects
FROM areas a WHERE a.kind = 'municipality';

INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)
VALUES ('municipalities_map', 'features', 'municipalities_map',
        'Municipality boundaries (read-only view)', 31370);
INSERT INTO gpkg_geometry_columns VALUES ('municipalities_map', 'geom', 'MULTIPOLYGON', 31370, 0, 0);
