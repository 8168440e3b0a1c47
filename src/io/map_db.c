/* map_db.c: map_layers, map_classes, run_info and layer_styles of a result database, read and
 * written with SQLite's C API (the database is closed by GDAL before this runs). */
#include "io/map_db.h"

#include <sqlite3.h>

#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/util.h"

/* Name plancheck gives its rows in layer_styles; other styles a user saved stay. */
static const char style_name[] = "plancheck";

static int db_error(sqlite3 *db, const char *path, const char *what)
{
    return pc_error(PC_ERR_RUN, "database <%s>: %s: %s", path, what,
                    db ? sqlite3_errmsg(db) : "cannot open");
}

/* Column i of the current row as text, or NULL. */
static const char *text(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

static int has_table(sqlite3 *db, const char *name)
{
    sqlite3_stmt *st = NULL;
    int found = 0;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", -1, &st,
                           NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
        found = sqlite3_step(st) == SQLITE_ROW;
    }
    sqlite3_finalize(st);
    return found;
}

static int read_layers(sqlite3 *db, const char *path, struct pc_map *map)
{
    sqlite3_stmt *st = NULL;
    int rc = PC_OK, step;
    if (sqlite3_prepare_v2(db,
                           "SELECT name, title, type, style, class_field, label_field FROM "
                           "map_layers ORDER BY rowid",
                           -1, &st, NULL) != SQLITE_OK)
        return db_error(db, path, "reading map_layers");
    while (rc == PC_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        int style = text(st, 3) ? pc_style_find(text(st, 3)) : -1;
        if (text(st, 0) == NULL || style < 0) {
            rc = pc_error(PC_ERR_USAGE, "database <%s>: map_layers row with unknown style '%s'",
                          path, text(st, 3) ? text(st, 3) : "NULL");
            break;
        }
        int is_raster = text(st, 2) != NULL && strcmp(text(st, 2), "raster") == 0;
        if (pc_map_add_layer(map, text(st, 0), text(st, 1) ? text(st, 1) : text(st, 0), is_raster,
                             (enum pc_style)style, text(st, 4), text(st, 5)) != 0)
            rc = PC_ERR_RUN;
    }
    if (rc == PC_OK && step != SQLITE_DONE)
        rc = db_error(db, path, "reading map_layers");
    sqlite3_finalize(st);
    return rc;
}

static int read_classes(sqlite3 *db, const char *path, struct pc_map *map)
{
    sqlite3_stmt *st = NULL;
    int rc = PC_OK, step;
    if (sqlite3_prepare_v2(db, "SELECT layer, value, code, label FROM map_classes ORDER BY rowid",
                           -1, &st, NULL) != SQLITE_OK)
        return db_error(db, path, "reading map_classes");
    while (rc == PC_OK && (step = sqlite3_step(st)) == SQLITE_ROW)
        if (text(st, 0) != NULL && text(st, 1) != NULL &&
            pc_map_add_class(map, text(st, 0), text(st, 1), text(st, 2), text(st, 3)) != 0)
            rc = PC_ERR_RUN;
    if (rc == PC_OK && step != SQLITE_DONE)
        rc = db_error(db, path, "reading map_classes");
    sqlite3_finalize(st);
    return rc;
}

static int read_info(sqlite3 *db, const char *path, struct pc_run_info *info)
{
    sqlite3_stmt *st = NULL;
    int rc = PC_OK, step;
    if (sqlite3_prepare_v2(db, "SELECT key, value FROM run_info", -1, &st, NULL) != SQLITE_OK)
        return db_error(db, path, "reading run_info");
    while (rc == PC_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *key = text(st, 0), *value = text(st, 1);
        char **slot = NULL;
        if (key != NULL && strcmp(key, "plan_name") == 0)
            slot = &info->plan_name;
        else if (key != NULL && strcmp(key, "plan_title") == 0)
            slot = &info->plan_title;
        if (slot != NULL && value != NULL) {
            free(*slot);
            if ((*slot = pc_strdup(value)) == NULL)
                rc = pc_error(PC_ERR_RUN, "out of memory");
        }
    }
    if (rc == PC_OK && step != SQLITE_DONE)
        rc = db_error(db, path, "reading run_info");
    sqlite3_finalize(st);
    if (rc == PC_OK && info->plan_name == NULL)
        rc = pc_error(PC_ERR_USAGE, "database <%s>: run_info has no plan_name", path);
    return rc;
}

int pc_map_db_read(const char *path, struct pc_map *map, struct pc_run_info *info)
{
    memset(map, 0, sizeof *map);
    memset(info, 0, sizeof *info);
    sqlite3 *db = NULL;
    int rc = PC_OK;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        rc = db_error(db, path, "cannot open");
        goto done;
    }
    if (!has_table(db, "map_layers") || !has_table(db, "map_classes") ||
        !has_table(db, "run_info")) {
        rc = pc_error(PC_ERR_USAGE,
                      "database <%s> is not a plancheck result with a map (no map_layers, "
                      "map_classes or run_info table): run 'plancheck run' again",
                      path);
        goto done;
    }
    if ((rc = read_layers(db, path, map)) || (rc = read_classes(db, path, map)))
        goto done;
    rc = read_info(db, path, info);
done:
    sqlite3_close(db);
    return rc;
}

void pc_run_info_free(struct pc_run_info *info)
{
    if (info == NULL)
        return;
    free(info->plan_name);
    free(info->plan_title);
    memset(info, 0, sizeof *info);
}

/* The columns QGIS itself creates (DESIGN reference/qgis-styling/README.md). */
static const char create_sql[] =
    "CREATE TABLE IF NOT EXISTS layer_styles ("
    "id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog VARCHAR(256), "
    "f_table_schema VARCHAR(256), f_table_name VARCHAR(256), f_geometry_column VARCHAR(256), "
    "styleName TEXT, styleQML TEXT, styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, "
    "owner VARCHAR(30), ui TEXT, update_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP)";

int pc_map_db_write_styles(const char *path, const struct pc_map *map, char *const *qmls)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *del = NULL, *ins = NULL;
    int rc = PC_OK;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        rc = db_error(db, path, "cannot open for writing");
        goto done;
    }
    sqlite3_busy_timeout(db, 5000);
    if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(db, create_sql, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "DELETE FROM layer_styles WHERE styleName = ?", -1, &del, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "INSERT INTO layer_styles (f_table_catalog, f_table_schema, "
                           "f_table_name, f_geometry_column, styleName, styleQML, styleSLD, "
                           "useAsDefault, description, owner, ui) VALUES (?, ?, ?, 'geometry', "
                           "?, ?, '', 1, ?, 'plancheck', '')",
                           -1, &ins, NULL) != SQLITE_OK) {
        rc = db_error(db, path, "preparing layer_styles");
        goto done;
    }
    sqlite3_bind_text(del, 1, style_name, -1, SQLITE_STATIC);
    if (sqlite3_step(del) != SQLITE_DONE) {
        rc = db_error(db, path, "clearing old styles");
        goto done;
    }
    for (size_t i = 0; i < map->n_layers && rc == PC_OK; i++) {
        const struct pc_map_layer *L = &map->layers[i];
        if (L->is_raster || qmls[i] == NULL)
            continue;
        /* spatialite provider: schema and catalog NULL; ogr provider: '' */
        for (int ogr = 0; ogr < 2 && rc == PC_OK; ogr++) {
            sqlite3_reset(ins);
            if (ogr) {
                sqlite3_bind_text(ins, 1, "", -1, SQLITE_STATIC);
                sqlite3_bind_text(ins, 2, "", -1, SQLITE_STATIC);
            } else {
                sqlite3_bind_null(ins, 1);
                sqlite3_bind_null(ins, 2);
            }
            sqlite3_bind_text(ins, 3, L->name, -1, SQLITE_STATIC);
            sqlite3_bind_text(ins, 4, style_name, -1, SQLITE_STATIC);
            sqlite3_bind_text(ins, 5, qmls[i], -1, SQLITE_STATIC);
            sqlite3_bind_text(ins, 6, L->title, -1, SQLITE_STATIC);
            if (sqlite3_step(ins) != SQLITE_DONE)
                rc = db_error(db, path, "writing layer_styles");
        }
    }
    if (rc == PC_OK && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        rc = db_error(db, path, "committing layer_styles");
done:
    sqlite3_finalize(del);
    sqlite3_finalize(ins);
    if (rc != PC_OK && db != NULL)
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(db);
    return rc;
}
