/* run.h: `plancheck run` as a library call: plan -> layers -> indicators -> outputs. */
#ifndef PC_RUN_H
#define PC_RUN_H

#include <stdio.h>

#include "core/progress.h"
#include "indicators/eval.h"

struct pc_run_options {
    const char *plan_path;   /* the plan file */
    const char *out_dir;     /* output directory, created if missing; or "PG:..." */
    const char *schema;      /* with a PG: output, its schema (NULL: the plan's name) */
    int overwrite;           /* replace existing outputs */
    const char *styles_dir;  /* styles folder, or NULL for pc_styles_dir()'s default */
    int json;                /* results as JSON instead of the table */
    FILE *out;               /* where results go (stdout) */
    pc_progress_fn progress; /* may be NULL */
    void *progress_data;
    pc_notice_fn notice; /* may be NULL */
    void *notice_data;
};

/* Runs the plan: checks it and the output paths before reading anything, reads the layers,
 * evaluates every indicator, writes OUT_DIR/<name>.sqlite, the GeoTIFFs with their .qml
 * sidecars and OUT_DIR/<name>.qgs into a staging folder moved into place on success (with a
 * "PG:..." out_dir: the database's tables and layers into a staging schema renamed to
 * o->schema on success, pc_postgis_write), then
 * prints the results to o->out. Returns PC_OK, PC_ERR_USAGE (plan, input
 * or output path problems; nothing written) or PC_ERR_RUN, with pc_error() set. An existing
 * output is never touched unless the run succeeds with o->overwrite. */
int pc_run(const struct pc_run_options *o);

#endif
