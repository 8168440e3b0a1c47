/* export.h: `plancheck export` as a library call: styles and project for an existing result. */
#ifndef PC_EXPORT_H
#define PC_EXPORT_H

#include "indicators/eval.h"

struct pc_export_options {
    const char *dir;        /* output directory of an earlier run */
    const char *name;       /* plan name when dir holds several results, or NULL */
    const char *styles_dir; /* styles folder, or NULL for pc_styles_dir()'s default */
    int overwrite;          /* replace an existing project and sidecars */
    pc_notice_fn notice;    /* may be NULL */
    void *notice_data;
};

/* Finds the result database in o->dir (DIR/<name>.sqlite with a map_layers table), and
 * writes again its layer_styles rows, a .qml beside each GeoTIFF and DIR/<name>.qgs, from
 * the styles folder. Returns PC_OK, PC_ERR_USAGE (no or several results, missing GeoTIFF,
 * existing project without o->overwrite, bad styles folder) or PC_ERR_RUN. */
int pc_export(const struct pc_export_options *o);

#endif
