/* run.c: `plancheck run` as a library call: plan -> layers -> indicators -> outputs. */
#include "core/run.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/error.h"
#include "core/interrupt.h"
#include "core/staging.h"
#include "core/util.h"
#include "io/gdal_env.h"
#include "io/layer_read.h"
#include "io/out_json.h"
#include "io/out_postgis.h"
#include "io/out_report.h"
#include "io/out_sqlite.h"
#include "map/map_build.h"
#include "map/map_export.h"
#include "map/map_rasters.h"
#include "map/style.h"

/* Everything a run holds; released in one place. */
struct run {
    const struct pc_run_options *o;
    struct pc_plan plan;
    OGRSpatialReferenceH srs;
    struct pc_geos *g;
    struct pc_eval ev;
    int ev_ready;
    struct pc_styles styles;
    struct pc_map map;
    struct pc_staging staging; /* where every output is written before it moves into place */
    char *db_file;             /* <name>.sqlite */
    char *db_path;             /* OUT_DIR/<name>.sqlite, or the PostGIS output as shown */
    const char *pg_schema;     /* the output schema with -o PG:..., else NULL */
    int refused;               /* set by refuse_existing: an output exists (PC_ERR_USAGE) */
};

/* Checks that the plan CRS is projected and in metres. */
static int check_plan_crs(struct run *r)
{
    const struct pc_plan *plan = &r->plan;
    int line = pc_plan_key_line(plan->section, "crs");
    r->srs = pc_srs_from_text(plan->crs);
    if (r->srs == NULL)
        return pc_error(PC_ERR_USAGE, "%s:%d: crs '%s' in [plan] is not a CRS GDAL knows",
                        plan->ini.path, line, plan->crs);
    if (!OSRIsProjected(r->srs))
        return pc_error(PC_ERR_USAGE,
                        "%s:%d: crs '%s' in [plan] is not projected: distances "
                        "and areas need a projected CRS in metres, such as EPSG:4544",
                        plan->ini.path, line, plan->crs);
    const char *unit = NULL;
    double to_metre = OSRGetLinearUnits(r->srs, (char **)&unit);
    if (fabs(to_metre - 1.0) > 1e-12)
        return pc_error(PC_ERR_USAGE, "%s:%d: crs '%s' in [plan] is in %s, not metres",
                        plan->ini.path, line, plan->crs, unit ? unit : "unknown units");
    return PC_OK;
}

/* Nonzero if the file at `a` is the file at `b` (both existing). */
static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

/* Refuses an output file `name` of the run that exists (without --overwrite); keeps the
 * first refusal in r->refused. */
static void refuse_existing(const char *name, void *data)
{
    struct run *r = data;
    if (r->refused == PC_OK)
        r->refused = pc_output_refuse_existing(r->o->out_dir, name, r->o->overwrite);
}

/* Checks raster file names and their sidecars (<name>.tif and <name>.qml). */
static void refuse_existing_raster(const char *name, void *data)
{
    char sidecar[512];
    refuse_existing(name, data);
    pc_map_sidecar_name(name, sidecar, sizeof sidecar);
    refuse_existing(sidecar, data);
}

/* The PostGIS form of check_output: the schema must not hold a source of the plan, and
 * must be writable (pc_postgis_check). */
static int check_postgis_output(struct run *r)
{
    const struct pc_run_options *o = r->o;
    r->pg_schema = o->schema != NULL ? o->schema : r->plan.name;
    char *shown = pc_postgis_display(o->out_dir);
    r->db_path = shown ? pc_strfmt("%s schema=%s", shown, r->pg_schema) : NULL;
    free(shown);
    if (r->db_path == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    for (size_t i = 0; i < r->plan.n_sources; i++) {
        const struct pc_source_def *s = &r->plan.sources[i];
        if (pc_output_is_postgis(s->source) &&
            pc_postgis_source_in_schema(s->source, s->layer, r->pg_schema))
            return pc_error(PC_ERR_USAGE,
                            "output schema <%s> holds the source of [%s %s]: plancheck never "
                            "overwrites an input; choose another --schema",
                            r->pg_schema, s->is_zones ? "zones" : "layer", s->name);
    }
    return pc_postgis_check(o->out_dir, r->pg_schema, o->overwrite);
}

/* Decides the output paths and refuses, before any work: an existing output without
 * --overwrite, an output that is one of the plan's inputs, an unusable output directory. */
static int check_output(struct run *r)
{
    const struct pc_run_options *o = r->o;
    if (pc_output_is_postgis(o->out_dir))
        return check_postgis_output(r);
    if (o->schema != NULL)
        return pc_error(PC_ERR_USAGE, "--schema is for a PostGIS output (-o PG:...), not <%s>",
                        o->out_dir);
    r->db_file = pc_strfmt("%s.sqlite", r->plan.name);
    r->db_path = pc_strfmt("%s/%s.sqlite", o->out_dir, r->plan.name);
    if (r->db_path == NULL || r->db_file == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    for (size_t i = 0; i < r->plan.n_sources; i++) {
        const struct pc_source_def *s = &r->plan.sources[i];
        if (!pc_source_is_connection(s->source) && same_file(s->path, r->db_path))
            return pc_error(PC_ERR_USAGE,
                            "output <%s> is the source of [%s %s]: plancheck "
                            "never overwrites an input; choose another -o",
                            r->db_path, s->is_zones ? "zones" : "layer", s->name);
    }
    char project[256];
    snprintf(project, sizeof project, "%s.qgs", r->plan.name);
    refuse_existing(r->db_file, r);
    refuse_existing(project, r);
    pc_map_raster_names(&r->plan, refuse_existing_raster, r);
    if (r->refused != PC_OK)
        return r->refused;
    /* the directory itself is made only when there is something to write into it */
    struct stat st;
    if (stat(o->out_dir, &st) == 0 && !S_ISDIR(st.st_mode))
        return pc_error(PC_ERR_USAGE, "output directory <%s> is not a directory", o->out_dir);
    if (stat(o->out_dir, &st) == 0 && access(o->out_dir, W_OK) != 0)
        return pc_error(PC_ERR_USAGE, "cannot write into output directory <%s>: %s", o->out_dir,
                        strerror(errno));
    return PC_OK;
}

/* The table run_info: what made this database. */
static struct pc_table *run_info_table(const struct run *r)
{
    struct pc_table *t = pc_table_new("run_info", 0);
    if (t == NULL || pc_table_add_column(t, "key", PC_COL_TEXT) < 0 ||
        pc_table_add_column(t, "value", PC_COL_TEXT) < 0) {
        pc_table_free(t, NULL);
        return NULL;
    }
    char created[32] = "";
    time_t now = time(NULL);
    struct tm utc;
    if (gmtime_r(&now, &utc) != NULL)
        strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%SZ", &utc);
    char quadsegs[16];
    snprintf(quadsegs, sizeof quadsegs, "%d", r->plan.quadrant_segments);
    const char *rows[][2] = {
        {"plancheck_version", PLANCHECK_VERSION},
        {"plan_name", r->plan.name},
        {"plan_title", r->plan.title},
        {"plan_file", r->plan.ini.path},
        {"crs", r->plan.crs},
        {"quadrant_segments", quadsegs},
        {"created_utc", created},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        long row = pc_table_add_row(t, NULL, NULL);
        if (row < 0 || pc_table_set_text(t, (size_t)row, 0, rows[i][0]) ||
            pc_table_set_text(t, (size_t)row, 1, rows[i][1])) {
            pc_table_free(t, NULL);
            return NULL;
        }
    }
    return t;
}

/* Writes the database into the staging folder: results, run_info, the map's tables, then
 * the evaluation's and map's layers. */
static int write_database(struct run *r, const struct pc_progress *progress)
{
    struct pc_table *results = pc_results_table(&r->ev.results);
    struct pc_table *info = run_info_table(r);
    struct pc_table *map_layers = NULL, *map_classes = NULL;
    enum { FIRST = 4 };
    /* borrowed view: our tables first, then the evaluation's */
    struct pc_table **items = malloc((r->ev.tables.n + FIRST) * sizeof *items);
    char *path = pc_strfmt("%s/%s", r->staging.dir, r->db_file);
    int rc = PC_OK;
    if (results == NULL || info == NULL || items == NULL || path == NULL ||
        pc_map_tables(&r->map, &map_layers, &map_classes) != 0) {
        rc = pc_error(PC_ERR_RUN, "out of memory");
        goto done;
    }
    items[0] = results;
    items[1] = info;
    items[2] = map_layers;
    items[3] = map_classes;
    if (r->ev.tables.n > 0)
        memcpy(items + FIRST, r->ev.tables.items, r->ev.tables.n * sizeof *items);
    struct pc_tables all = {
        .n = r->ev.tables.n + FIRST, .cap = r->ev.tables.n + FIRST, .items = items};
    if (r->pg_schema != NULL)
        rc = pc_postgis_write(r->o->out_dir, r->pg_schema, r->o->overwrite, r->srs, &all, r->g,
                              progress);
    else
        rc = pc_sqlite_write(path, r->srs, &all, r->g, progress);
done:
    free(path);
    free(items);
    pc_table_free(results, NULL);
    pc_table_free(info, NULL);
    pc_table_free(map_layers, NULL);
    pc_table_free(map_classes, NULL);
    return rc;
}

/* Every output into the staging folder, then into place: map layers, rasters, database,
 * styles and project. */
static int write_outputs(struct run *r, const struct pc_progress *progress)
{
    struct pc_progress rasters = pc_progress_slice(progress, 0.0, 0.6);
    struct pc_progress database = pc_progress_slice(progress, 0.6, 0.95);
    int rc;
    if (r->pg_schema != NULL) {
        pc_eval_notice(&r->ev, 0,
                       "PostGIS output: tables and layers only; the GeoTIFFs and the QGIS "
                       "project are written with -o DIR");
        if ((rc = pc_map_build_vectors(&r->ev, &r->map)))
            return rc;
        return write_database(r, progress);
    }
    if ((rc = pc_map_build_vectors(&r->ev, &r->map)) ||
        (rc = pc_staging_open(&r->staging, r->o->out_dir, r->plan.name)) ||
        (rc = pc_map_rasters(&r->ev, r->srs, &r->styles, r->staging.dir, &r->map, &rasters)) ||
        (rc = write_database(r, &database)))
        return rc;
    struct pc_map_export e = {
        .dir = r->staging.dir,
        .db_file = r->db_file,
        .name = r->plan.name,
        .title = r->plan.title,
        .styles = &r->styles,
        .map = &r->map,
    };
    if (r->map.n_layers == 0)
        pc_eval_notice(&r->ev, 0,
                       "no map layers (no zones, scope or layer with a 'role'): "
                       "no QGIS project");
    if ((rc = pc_map_export(&e)) || (rc = pc_interrupt_check()))
        return rc;
    return pc_staging_commit(&r->staging, r->o->overwrite);
}

static int print_results(struct run *r)
{
    const struct pc_run_options *o = r->o;
    if (o->json)
        return pc_json_write(o->out, &r->plan, r->db_path, &r->ev.results);
    return pc_report_write(o->out, &r->plan, &r->ev.results);
}

int pc_run(const struct pc_run_options *o)
{
    struct run r = {.o = o};
    struct pc_progress root = {o->progress, o->progress_data, 0.0, 1.0};
    struct pc_progress reading = pc_progress_slice(&root, 0.0, 0.35);
    struct pc_progress computing = pc_progress_slice(&root, 0.35, 0.75);
    struct pc_progress writing = pc_progress_slice(&root, 0.75, 1.0);
    int rc;

    pc_gdal_init();
    if ((rc = pc_plan_load(o->plan_path, &r.plan)) || (rc = check_plan_crs(&r)) ||
        (rc = check_output(&r)) || (rc = pc_styles_load(pc_styles_dir(o->styles_dir), &r.styles)))
        goto done;
    if ((r.g = pc_geos_new()) == NULL) {
        rc = pc_error(PC_ERR_RUN, "cannot create a GEOS context");
        goto done;
    }
    if ((rc = pc_eval_init(&r.ev, &r.plan, r.g)))
        goto done;
    r.ev_ready = 1;
    r.ev.notice = o->notice;
    r.ev.notice_data = o->notice_data;
    if ((rc = pc_eval_load_layers(&r.ev, r.srs, &reading)) ||
        (rc = pc_eval_all(&r.ev, &computing)) || (rc = write_outputs(&r, &writing)))
        goto done;
    pc_progress_report(&root, 1, "done");
    if (o->notice) {
        char line[PATH_MAX + 64];
        if (r.pg_schema != NULL)
            snprintf(line, sizeof line, "results written to <%s>", r.db_path);
        else
            snprintf(line, sizeof line, "results written to <%s> (open <%s/%s.qgs> in QGIS)",
                     r.db_path, o->out_dir, r.plan.name);
        o->notice(0, line, o->notice_data);
    }
    rc = print_results(&r);
done:
    if (r.ev_ready)
        pc_eval_free(&r.ev);
    pc_geos_free(r.g);
    if (r.srs != NULL)
        OSRDestroySpatialReference(r.srs);
    pc_staging_close(&r.staging);
    pc_map_free(&r.map);
    pc_styles_free(&r.styles);
    pc_plan_free(&r.plan);
    free(r.db_file);
    free(r.db_path);
    return rc;
}
