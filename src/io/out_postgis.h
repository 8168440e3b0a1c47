/* out_postgis.h: the results of a run written into a schema of a PostgreSQL/PostGIS database
 * (`-o PG:...`), through a staging schema renamed into place on success. */
#ifndef PC_OUT_POSTGIS_H
#define PC_OUT_POSTGIS_H

#include <ogr_srs_api.h>

#include "core/progress.h"
#include "core/table.h"
#include "geo/geos_ctx.h"

/* Longest output schema name in bytes: PostgreSQL keeps 63, and the staging schema adds a
 * suffix of up to 22. */
#define PC_PG_SCHEMA_MAX 40

/* Nonzero if the output `out` is a PostgreSQL connection string ("PG:...", any case). */
int pc_output_is_postgis(const char *out);

/* The connection `conn` with any password=... replaced by password=***, for messages and
 * results; caller frees, NULL on out of memory. */
char *pc_postgis_display(const char *conn);

/* Nonzero if the PG: source `source` with layer `layer` (NULL: the only layer) reads from
 * schema `schema`: the layer's "schema.table" prefix, else the connection's active_schema
 * or first of schemas, else public. */
int pc_postgis_source_in_schema(const char *source, const char *layer, const char *schema);

/* Checks before any work that the output can be written: the database answers, and schema
 * `schema` is missing, or (with overwrite) holds an earlier plancheck result (a run_info
 * table). Returns PC_OK, PC_ERR_USAGE (exists without overwrite, not a plancheck schema,
 * bad name) or PC_ERR_RUN (cannot connect), with pc_error set naming the schema. */
int pc_postgis_check(const char *conn, const char *schema, int overwrite);

/* Writes every table of `tables` into a new staging schema of database `conn` (geometry
 * tables as MultiPolygon in `srs` with a GiST index built after loading), then in one
 * transaction drops the old `schema` (only with overwrite, only a plancheck result) and
 * renames the staging schema to `schema`. On failure the staging schema is dropped and an
 * earlier result is untouched. Returns PC_OK, PC_ERR_USAGE or PC_ERR_RUN (pc_error set). */
int pc_postgis_write(const char *conn, const char *schema, int overwrite, OGRSpatialReferenceH srs,
                     const struct pc_tables *tables, struct pc_geos *g,
                     const struct pc_progress *progress);

#endif
