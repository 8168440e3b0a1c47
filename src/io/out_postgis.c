/* out_postgis.c: tables -> a schema of a PostGIS database through GDAL's PostgreSQL driver,
 * written into a staging schema and renamed into place in one transaction. */
#include "io/out_postgis.h"

#include <gdal.h>
#include <ogr_api.h>
#include <cpl_error.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/error.h"
#include "core/interrupt.h"
#include "core/sql_quote.h"
#include "core/util.h"
#include "io/gdal_env.h"
#include "io/ogr_write.h"

int pc_output_is_postgis(const char *out)
{
    return out != NULL && strncasecmp(out, "PG:", 3) == 0;
}

/* Length of the libpq value starting at v: up to a space, or a '...' quoted value with \'
 * escapes. */
static size_t value_length(const char *v)
{
    size_t i = 0;
    if (v[0] == '\'') {
        for (i = 1; v[i] != '\0' && v[i] != '\''; i++)
            if (v[i] == '\\' && v[i + 1] != '\0')
                i++;
        return v[i] == '\'' ? i + 1 : i;
    }
    while (v[i] != '\0' && !isspace((unsigned char)v[i]))
        i++;
    return i;
}

/* Where the value of keyword `key` starts in connection string `conn` (after "PG:"), or
 * NULL. Keywords are matched at the start of a word, followed by '=' (spaces allowed). */
static const char *find_option(const char *conn, const char *key)
{
    size_t n = strlen(key);
    const char *p = conn + 3;
    while (*p != '\0') {
        while (isspace((unsigned char)*p))
            p++;
        const char *word = p;
        while (*p != '\0' && *p != '=' && !isspace((unsigned char)*p))
            p++;
        size_t len = (size_t)(p - word);
        while (isspace((unsigned char)*p))
            p++;
        if (*p != '=')
            continue;
        p++;
        while (isspace((unsigned char)*p))
            p++;
        if (len == n && strncasecmp(word, key, n) == 0)
            return p;
        p += value_length(p);
    }
    return NULL;
}

/* The value of `key` in `conn` without quotes (up to the first comma when `first_of_list`),
 * or NULL when absent; caller frees. */
static char *option_value(const char *conn, const char *key, int first_of_list)
{
    const char *v = find_option(conn, key);
    if (v == NULL)
        return NULL;
    size_t len = value_length(v);
    if (v[0] == '\'' && len >= 2) {
        v++;
        len -= v[len - 1] == '\'' ? 2 : 1;
    }
    if (first_of_list) {
        const char *comma = memchr(v, ',', len);
        if (comma != NULL)
            len = (size_t)(comma - v);
    }
    return pc_strfmt("%.*s", (int)len, v);
}

char *pc_postgis_display(const char *conn)
{
    const char *v = find_option(conn, "password");
    if (v == NULL)
        return pc_strdup(conn);
    return pc_strfmt("%.*s***%s", (int)(v - conn), conn, v + value_length(v));
}

int pc_postgis_source_in_schema(const char *source, const char *layer, const char *schema)
{
    const char *dot = layer != NULL ? strchr(layer, '.') : NULL;
    if (dot != NULL)
        return strlen(schema) == (size_t)(dot - layer) &&
               strncmp(layer, schema, (size_t)(dot - layer)) == 0;
    char *active = option_value(source, "active_schema", 0);
    if (active == NULL)
        active = option_value(source, "schemas", 1);
    int same = strcmp(active != NULL ? active : "public", schema) == 0;
    free(active);
    return same;
}

/* Opens the database (for update when `update`); NULL with pc_error(PC_ERR_USAGE) naming it
 * without its password. */
static GDALDatasetH open_database(const char *conn, int update)
{
    CPLErrorReset();
    GDALDatasetH ds =
        GDALOpenEx(conn, GDAL_OF_VECTOR | (update ? GDAL_OF_UPDATE : 0), NULL, NULL, NULL);
    if (ds == NULL) {
        char *shown = pc_postgis_display(conn);
        pc_error(PC_ERR_USAGE, "cannot open output database <%s>: %s",
                 shown ? shown : "PG:", pc_gdal_error("GDAL cannot connect"));
        free(shown);
    }
    return ds;
}

/* Runs one statement (pc_ogr_exec), naming `what` on failure. */
static int exec_sql(GDALDatasetH ds, char *sql, const char *what)
{
    return pc_ogr_exec(ds, sql, "PostGIS output: cannot", what);
}

/* Runs a query whose first row's first column is an integer into *n (0 without rows).
 * Takes and frees `sql`. Returns PC_OK or PC_ERR_RUN. */
static int query_count(GDALDatasetH ds, char *sql, long long *n)
{
    *n = 0;
    if (sql == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    CPLErrorReset();
    OGRLayerH result = GDALDatasetExecuteSQL(ds, sql, NULL, NULL);
    int rc = PC_OK;
    if (result == NULL || CPLGetLastErrorType() >= CE_Failure) {
        rc = pc_ogr_fail("PostGIS output: query failed", sql);
    } else {
        OGRFeatureH f = OGR_L_GetNextFeature(result);
        if (f != NULL)
            *n = OGR_F_GetFieldAsInteger64(f, 0);
        OGR_F_Destroy(f);
    }
    if (result != NULL)
        GDALDatasetReleaseResultSet(ds, result);
    free(sql);
    return rc;
}

/* Whether schema `schema` exists (*exists) and holds a plancheck run_info table
 * (*is_result). Returns PC_OK or PC_ERR_RUN. */
static int schema_state(GDALDatasetH ds, const char *schema, int *exists, int *is_result)
{
    char *lit = pc_sql_literal(schema);
    long long n_schema = 0, n_info = 0;
    int rc = lit == NULL ? pc_error(PC_ERR_RUN, "out of memory") : PC_OK;
    if (rc == PC_OK)
        rc = query_count(ds, pc_strfmt("SELECT count(*) FROM pg_namespace WHERE nspname = %s", lit),
                         &n_schema);
    if (rc == PC_OK)
        rc = query_count(ds,
                         pc_strfmt("SELECT count(*) FROM information_schema.tables WHERE "
                                   "table_schema = %s AND table_name = 'run_info'",
                                   lit),
                         &n_info);
    free(lit);
    *exists = n_schema > 0;
    *is_result = n_info > 0;
    return rc;
}

/* The refusals shared by the check before the run and the commit after it. */
static int refuse_schema(GDALDatasetH ds, const char *schema, int overwrite)
{
    int exists = 0, is_result = 0;
    int rc = schema_state(ds, schema, &exists, &is_result);
    if (rc != PC_OK || !exists)
        return rc;
    if (!overwrite)
        return pc_error(PC_ERR_USAGE, "output schema <%s> exists: use --overwrite to replace it",
                        schema);
    if (!is_result)
        return pc_error(PC_ERR_USAGE,
                        "output schema <%s> exists and is not a plancheck result (no run_info "
                        "table): plancheck replaces only its own results; choose another "
                        "--schema",
                        schema);
    return PC_OK;
}

int pc_postgis_check(const char *conn, const char *schema, int overwrite)
{
    if (schema[0] == '\0' || strlen(schema) > PC_PG_SCHEMA_MAX)
        return pc_error(PC_ERR_USAGE, "output schema name <%s> must have 1 to %d bytes", schema,
                        PC_PG_SCHEMA_MAX);
    GDALDatasetH ds = open_database(conn, 0);
    if (ds == NULL)
        return PC_ERR_USAGE;
    long long postgis = 0;
    int rc = query_count(
        ds, pc_strdup("SELECT count(*) FROM pg_extension WHERE extname = 'postgis'"), &postgis);
    if (rc == PC_OK && postgis == 0)
        rc = pc_error(PC_ERR_USAGE,
                      "output database has no PostGIS: run CREATE EXTENSION postgis in it first");
    if (rc == PC_OK)
        rc = refuse_schema(ds, schema, overwrite);
    GDALClose(ds);
    return rc;
}

/* Builds the GiST index and statistics of geometry table t in schema `quoted` (quoted). */
static int index_table(GDALDatasetH ds, const char *quoted, const struct pc_table *t)
{
    char *table = pc_sql_ident(t->name);
    int rc = table == NULL ? pc_error(PC_ERR_RUN, "out of memory") : PC_OK;
    if (rc == PC_OK && t->has_geometry)
        rc = exec_sql(
            ds,
            pc_strfmt("CREATE INDEX ON %s.%s USING GIST (" PC_GEOMETRY_COLUMN ")", quoted, table),
            "index a table");
    if (rc == PC_OK)
        rc = exec_sql(ds, pc_strfmt("ANALYZE %s.%s", quoted, table), "analyze a table");
    free(table);
    return rc;
}

/* Writes every table into staging schema `staging` (name) / `quoted` (quoted). */
static int write_tables(GDALDatasetH ds, const char *staging, const char *quoted,
                        OGRSpatialReferenceH srs, const struct pc_tables *tables, struct pc_geos *g,
                        const struct pc_progress *progress)
{
    char schema_option[128];
    snprintf(schema_option, sizeof schema_option, "SCHEMA=%s", staging);
    /* LAUNDER=NO keeps our names (GDAL quotes them); PRECISION=NO gives plain float8 and
     * text columns; the spatial index is built after loading; the key is GDAL's ogc_fid, as
     * in SpatiaLite, since some tables have a column fid of their own */
    const char *const layer_options[] = {schema_option,        "GEOMETRY_NAME=" PC_GEOMETRY_COLUMN,
                                         "SPATIAL_INDEX=NONE", "LAUNDER=NO",
                                         "PRECISION=NO",       NULL};
    struct pc_ogr_writer w;
    int rc = pc_ogr_writer_init(&w, ds, srs, g, layer_options, tables, progress);
    for (size_t i = 0; i < tables->n && rc == PC_OK; i++)
        rc = pc_ogr_write_table(&w, tables->items[i]);
    pc_ogr_writer_done(&w);
    /* GDAL ends the last COPY when the layers are synced */
    if (rc == PC_OK) {
        CPLErrorReset();
        GDALFlushCache(ds);
        if (CPLGetLastErrorType() >= CE_Failure)
            rc = pc_ogr_fail("PostGIS output: cannot finish writing into schema", staging);
    }
    for (size_t i = 0; i < tables->n && rc == PC_OK; i++)
        rc = index_table(ds, quoted, tables->items[i]);
    return rc;
}

/* Replaces `schema` by the staging schema in one transaction. */
static int commit_schema(GDALDatasetH ds, const char *schema, const char *quoted_schema,
                         const char *quoted_staging, int overwrite)
{
    if (pc_interrupt_check() != PC_OK) /* the last point a signal stops the run */
        return PC_ERR_RUN;
    if (GDALDatasetStartTransaction(ds, FALSE) != OGRERR_NONE)
        return pc_ogr_fail("PostGIS output: cannot start a transaction for schema", schema);
    int rc = refuse_schema(ds, schema, overwrite);
    if (rc == PC_OK)
        rc = exec_sql(ds, pc_strfmt("DROP SCHEMA IF EXISTS %s CASCADE", quoted_schema),
                      "drop the earlier result schema");
    if (rc == PC_OK)
        rc = exec_sql(ds, pc_strfmt("ALTER SCHEMA %s RENAME TO %s", quoted_staging, quoted_schema),
                      "rename the staging schema");
    if (rc != PC_OK) {
        GDALDatasetRollbackTransaction(ds);
        return rc;
    }
    if (GDALDatasetCommitTransaction(ds) != OGRERR_NONE)
        return pc_ogr_fail("PostGIS output: cannot commit schema", schema);
    return PC_OK;
}

int pc_postgis_write(const char *conn, const char *schema, int overwrite, OGRSpatialReferenceH srs,
                     const struct pc_tables *tables, struct pc_geos *g,
                     const struct pc_progress *progress)
{
    char *staging = pc_strfmt("%s__plancheck_%ld", schema, (long)getpid());
    char *quoted_staging = staging ? pc_sql_ident(staging) : NULL;
    char *quoted_schema = pc_sql_ident(schema);
    GDALDatasetH ds = NULL;
    int rc = PC_OK, made = 0;
    if (quoted_staging == NULL || quoted_schema == NULL) {
        rc = pc_error(PC_ERR_RUN, "out of memory");
        goto done;
    }
    if ((ds = open_database(conn, 1)) == NULL) {
        rc = PC_ERR_USAGE;
        goto done;
    }
    if ((rc = exec_sql(ds, pc_strfmt("DROP SCHEMA IF EXISTS %s CASCADE", quoted_staging),
                       "drop an old staging schema")) ||
        (rc = exec_sql(ds, pc_strfmt("CREATE SCHEMA %s", quoted_staging),
                       "create the staging schema")))
        goto done;
    made = 1;
    if ((rc = write_tables(ds, staging, quoted_staging, srs, tables, g, progress)) ||
        (rc = commit_schema(ds, schema, quoted_schema, quoted_staging, overwrite)))
        goto done;
    made = 0;
    pc_progress_report(progress, 1, NULL);
done:
    if (made) {
        /* keep the first error: the cleanup's own failure is not the run's */
        char first[1024];
        snprintf(first, sizeof first, "%s", pc_error_message());
        exec_sql(ds, pc_strfmt("DROP SCHEMA IF EXISTS %s CASCADE", quoted_staging),
                 "drop the staging schema");
        pc_error(rc, "%s", first);
    }
    if (ds != NULL)
        GDALClose(ds);
    free(staging);
    free(quoted_staging);
    free(quoted_schema);
    return rc;
}
