/* growth.h: the state the `growth` kind shares between its files (ind_growth.c computes the
 * figures and emits rows; growth_layers.c builds the new-patch and crossing layers). */
#ifndef PC_GROWTH_H
#define PC_GROWTH_H

#include <stddef.h>

#include "indicators/eval.h"

/* Control lines growth is checked against, in this order. */
enum { PC_GROWTH_REDLINE, PC_GROWTH_FARMLAND, PC_GROWTH_DEV_BOUNDARY, PC_GROWTH_LINES };

/* A period between two layers (indices into def->growth.layers). */
struct pc_growth_period {
    size_t from, to;
    int consecutive; /* 1 for neighbouring layers: LEI types and new patches exist */
};

/* One figure: its value in base units (m2 for areas, % or the metric's unit otherwise). */
struct pc_growth_cell {
    double value, numerator, denominator;
    int set; /* 0: no row */
};

struct pc_growth {
    struct pc_eval *ev;                         /* borrowed */
    const struct pc_indicator_def *def;         /* borrowed */
    const struct pc_regions *regions;           /* borrowed from ev */
    const GEOSGeometry **built;                 /* owned array of the layers' dissolved polygons */
    const GEOSGeometry *lines[PC_GROWTH_LINES]; /* dissolved control lines, or NULL */
    size_t n_periods;
    struct pc_growth_period *periods; /* owned */
    size_t n_slots;                   /* max(layers, periods): the cell grid's middle size */
    struct pc_growth_cell *cells;     /* owned: [measure][slot][region] */
    struct pc_table *patches;         /* `<id>_new_patches`, owned by ev->tables */
    struct pc_table *crossings;       /* `<id>_crossings`, owned by ev->tables */
};

/* Records one figure of measure m in slot (year or period index) and region. */
void pc_growth_set(struct pc_growth *gr, enum pc_growth_measure m, size_t slot, size_t region,
                   double value, double numerator, double denominator);

/* The value of measure m in slot and region (NaN when not set). */
double pc_growth_value(const struct pc_growth *gr, enum pc_growth_measure m, size_t slot,
                       size_t region);

/* Creates the layers `<id>_new_patches` and `<id>_crossings`. PC_OK or an error code. */
int pc_growth_open_layers(struct pc_growth *gr);

/* The new land of period p (`fresh`, borrowed; NULL when nothing is new) inside each control
 * line, or outside the development boundary: figures per region and pieces in the scope. */
int pc_growth_crossings(struct pc_growth *gr, size_t p, const GEOSGeometry *fresh);

/* The new patches of consecutive period p: LEI and type of each, area by type per region,
 * and the patches in the scope as rows of the new-patch layer. */
int pc_growth_patches(struct pc_growth *gr, size_t p, const GEOSGeometry *fresh);

#endif
