/* progress.c: nested progress slices and the stderr progress printer. */
#include "core/progress.h"

#include <string.h>
#include <unistd.h>

#include "core/interrupt.h"

struct pc_progress pc_progress_slice(const struct pc_progress *parent, double lo, double hi)
{
    struct pc_progress p = {0};
    if (parent == NULL || parent->fn == NULL)
        return p;
    double span = parent->hi - parent->lo;
    p.fn = parent->fn;
    p.data = parent->data;
    p.lo = parent->lo + lo * span;
    p.hi = parent->lo + hi * span;
    return p;
}

int pc_progress_report(const struct pc_progress *p, double done, const char *msg)
{
    if (pc_interrupted())
        return 0; /* a signal cancels, whether or not anyone prints progress */
    if (p == NULL || p->fn == NULL)
        return 1;
    if (done < 0)
        done = 0;
    if (done > 1)
        done = 1;
    return p->fn(p->lo + done * (p->hi - p->lo), msg, p->data);
}

void pc_term_progress_init(struct pc_term_progress *t, FILE *stream)
{
    memset(t, 0, sizeof *t);
    t->stream = stream;
    t->is_tty = isatty(fileno(stream));
    t->last_percent = -1;
}

int pc_term_progress(double done, const char *msg, void *data)
{
    struct pc_term_progress *t = data;
    int percent = (int)(done * 100.0 + 0.5);
    int new_stage = msg != NULL && strcmp(msg, t->last_msg) != 0;

    if (new_stage) {
        snprintf(t->last_msg, sizeof t->last_msg, "%s", msg);
    } else if (percent == t->last_percent || !t->is_tty) {
        return 1; /* on a pipe or file: one line per stage, no percentage churn */
    }
    t->last_percent = percent;
    if (t->is_tty) {
        fprintf(t->stream, "\r\033[K[%3d%%] %s", percent, t->last_msg);
        t->line_open = 1;
    } else {
        fprintf(t->stream, "[%3d%%] %s\n", percent, t->last_msg);
    }
    fflush(t->stream);
    return 1;
}

void pc_term_progress_finish(struct pc_term_progress *t)
{
    if (t->line_open) {
        fputc('\n', t->stream);
        t->line_open = 0;
    }
}
