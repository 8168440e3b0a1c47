/* map_copy.h: the copy of a plan layer with a map role in the output (source_fid, its class
 * and label fields, area_m2, the polygons) and the classes it is drawn by; for a streamed
 * source (the land-use parcels) the copy is filled batch by batch while it is written. */
#ifndef PC_MAP_COPY_H
#define PC_MAP_COPY_H

#include "indicators/eval.h"
#include "map/map.h"

/* What one pass over a role layer found: its distinct class values, each with the first
 * non-NULL label of a feature of that class, and its features by kind. */
struct pc_class_entry {
    char *value; /* owned */
    char *label; /* owned; NULL when no feature of the class had one */
};

struct pc_class_scan {
    size_t n, cap;
    struct pc_class_entry *items; /* owned; distinct values, sorted by value */
    size_t polygons;              /* features drawn */
    size_t skipped;               /* point and line features, which are not drawn */
};

/* Scans every feature of source def (held or streamed) into *scan (zeroed first; free with
 * pc_class_scan_free even on error) and sorts its values. Returns PC_OK or an error as
 * pc_eval_each_batch(). */
int pc_class_scan_layer(struct pc_eval *ev, const struct pc_source_def *def,
                        struct pc_class_scan *scan);

/* Frees the scan's strings and arrays. */
void pc_class_scan_free(struct pc_class_scan *scan);

/* A new table for the copy of def, with its columns and, for a held source, every polygon
 * (copied); for a streamed source, no rows yet and a stream that reads the source again
 * while the table is written (expected_rows rows). NULL with pc_error() on failure. */
struct pc_table *pc_map_copy_layer(struct pc_eval *ev, const struct pc_source_def *def,
                                   size_t expected_rows);

#endif
