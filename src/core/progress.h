/* progress.h: the one progress signature (DESIGN.md §4.4) and a terminal printer for stderr. */
#ifndef PC_PROGRESS_H
#define PC_PROGRESS_H

#include <stdio.h>

/* Reports `done` in [0,1] of the current work with a short message (may be NULL: unchanged).
 * Returns nonzero to go on, 0 to cancel. */
typedef int (*pc_progress_fn)(double done, const char *msg, void *data);

/* A progress sink mapped onto the slice [lo,hi] of its parent's range. fn NULL: silent. */
struct pc_progress {
    pc_progress_fn fn;
    void *data;
    double lo, hi;
};

/* The slice [lo,hi] (fractions of `parent`'s own range) of `parent`; parent NULL: silent. */
struct pc_progress pc_progress_slice(const struct pc_progress *parent, double lo, double hi);

/* Reports `done` of p's slice; returns nonzero to go on, 0 if the user cancelled. */
int pc_progress_report(const struct pc_progress *p, double done, const char *msg);

/* State of the stderr printer: one line per stage, updated in place on a terminal. */
struct pc_term_progress {
    FILE *stream;
    int is_tty;
    int last_percent;
    int line_open;
    char last_msg[256];
};

/* Initialises a printer writing to `stream` (normally stderr). */
void pc_term_progress_init(struct pc_term_progress *t, FILE *stream);

/* pc_progress_fn printing to a struct pc_term_progress passed as `data`; never cancels. */
int pc_term_progress(double done, const char *msg, void *data);

/* Ends the printer's current line, if any. */
void pc_term_progress_finish(struct pc_term_progress *t);

#endif
