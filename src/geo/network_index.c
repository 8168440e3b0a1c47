/* network_index.c: a uniform grid of edge segments and the nearest point on the network. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "geo/network_internal.h"

/* Segments per grid cell aimed at: a few per cell keeps both the cells and the candidate
 * lists of a query short. */
#define PC_SEGMENTS_PER_CELL 4.0

/* Most cells per axis, so a few long edges cannot ask for a huge grid. */
#define PC_GRID_MAX_AXIS 8192

void pc_network_index_free(struct pc_segment_grid *grid)
{
    free(grid->start);
    free(grid->items);
    free(grid->edge_of_segment);
    free(grid->segment_base);
    memset(grid, 0, sizeof *grid);
}

static size_t clamp_cell(double v, size_t n)
{
    if (v < 0)
        return 0;
    if (v >= (double)n)
        return n - 1;
    return (size_t)v;
}

/* The range of cells [i0, i1] x [j0, j1] that the bounding box of segment ab touches. */
static void segment_cells(const struct pc_segment_grid *gr, const double *a, const double *b,
                          size_t *i0, size_t *i1, size_t *j0, size_t *j1)
{
    *i0 = clamp_cell((fmin(a[0], b[0]) - gr->x0) / gr->cell, gr->nx);
    *i1 = clamp_cell((fmax(a[0], b[0]) - gr->x0) / gr->cell, gr->nx);
    *j0 = clamp_cell((fmin(a[1], b[1]) - gr->y0) / gr->cell, gr->ny);
    *j1 = clamp_cell((fmax(a[1], b[1]) - gr->y0) / gr->cell, gr->ny);
}

int pc_network_index(struct pc_network *net)
{
    struct pc_segment_grid *gr = &net->grid;
    pc_network_index_free(gr);
    size_t n_seg = 0;
    double minx = INFINITY, miny = INFINITY, maxx = -INFINITY, maxy = -INFINITY;
    for (size_t e = 0; e < net->n_edges; e++)
        n_seg += net->edges[e].npts - 1;
    for (size_t k = 0; k < net->n_xy; k++) {
        minx = fmin(minx, net->xy[2 * k]);
        maxx = fmax(maxx, net->xy[2 * k]);
        miny = fmin(miny, net->xy[2 * k + 1]);
        maxy = fmax(maxy, net->xy[2 * k + 1]);
    }
    if (n_seg == 0)
        return PC_OK;
    double w = fmax(maxx - minx, 1.0), h = fmax(maxy - miny, 1.0);
    double cell = sqrt(w * h * PC_SEGMENTS_PER_CELL / (double)n_seg);
    cell = fmax(cell, fmax(w, h) / PC_GRID_MAX_AXIS);
    gr->x0 = minx;
    gr->y0 = miny;
    gr->cell = cell;
    gr->nx = (size_t)(w / cell) + 1;
    gr->ny = (size_t)(h / cell) + 1;
    size_t n_cells = gr->nx * gr->ny;
    gr->start = calloc(n_cells + 1, sizeof *gr->start);
    gr->edge_of_segment = malloc(n_seg * sizeof *gr->edge_of_segment);
    gr->segment_base = malloc(net->n_edges * sizeof *gr->segment_base);
    if (gr->start == NULL || gr->edge_of_segment == NULL || gr->segment_base == NULL)
        goto oom;
    size_t s = 0, total = 0;
    for (size_t e = 0; e < net->n_edges; e++) {
        gr->segment_base[e] = s;
        for (size_t k = 0; k + 1 < net->edges[e].npts; k++)
            gr->edge_of_segment[s++] = e;
    }
    /* count, then prefix sums, then fill (the counts run down again as cursors) */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t e = 0; e < net->n_edges; e++) {
            const struct pc_edge *ed = &net->edges[e];
            for (size_t k = 0; k + 1 < ed->npts; k++) {
                const double *a = &net->xy[2 * (ed->first + k)], *b = a + 2;
                size_t i0, i1, j0, j1;
                segment_cells(gr, a, b, &i0, &i1, &j0, &j1);
                for (size_t j = j0; j <= j1; j++)
                    for (size_t i = i0; i <= i1; i++) {
                        size_t c = j * gr->nx + i;
                        if (pass == 0)
                            gr->start[c + 1]++;
                        else
                            gr->items[--gr->start[c + 1]] = gr->segment_base[e] + k;
                    }
            }
        }
        if (pass == 0) {
            for (size_t c = 0; c < n_cells; c++)
                gr->start[c + 1] += gr->start[c];
            total = gr->start[n_cells];
            gr->items = malloc((gr->start[n_cells] ? gr->start[n_cells] : 1) * sizeof *gr->items);
            if (gr->items == NULL)
                goto oom;
            /* cursors: start[c + 1], now the end of cell c, counts down while filling */
        }
    }
    /* filling counted start[c + 1] down to the first item of cell c: shift it into place */
    memmove(gr->start, gr->start + 1, n_cells * sizeof *gr->start);
    gr->start[n_cells] = total;
    return PC_OK;
oom:
    pc_network_index_free(gr);
    return pc_error(PC_ERR_RUN, "out of memory building the network index");
}

/* Squared distance from (x, y) to segment ab, and the parameter t in [0, 1] of the nearest
 * point. */
static double segment_distance2(double x, double y, const double *a, const double *b, double *t)
{
    double dx = b[0] - a[0], dy = b[1] - a[1];
    double len2 = dx * dx + dy * dy;
    double u = len2 > 0 ? ((x - a[0]) * dx + (y - a[1]) * dy) / len2 : 0.0;
    u = u < 0 ? 0 : u > 1 ? 1 : u;
    double px = a[0] + u * dx - x, py = a[1] + u * dy - y;
    *t = u;
    return px * px + py * py;
}

/* Length of edge e up to the start of its segment k. */
static double along_to_segment(const struct pc_network *net, const struct pc_edge *e, size_t k)
{
    double s = 0;
    for (size_t i = 0; i < k; i++) {
        const double *a = &net->xy[2 * (e->first + i)];
        s += hypot(a[2] - a[0], a[3] - a[1]);
    }
    return s;
}

/* Best candidate so far of a nearest query. */
struct nearest {
    double d2;
    size_t edge, seg;
    double t;
    int found;
};

/* Considers segment id s for the query point. */
static void consider(const struct pc_network *net, size_t s, double x, double y, size_t skip,
                     struct nearest *best)
{
    const struct pc_segment_grid *gr = &net->grid;
    size_t e = gr->edge_of_segment[s];
    if (e == skip)
        return;
    size_t k = s - gr->segment_base[e];
    const double *a = &net->xy[2 * (net->edges[e].first + k)];
    double t;
    double d2 = segment_distance2(x, y, a, a + 2, &t);
    /* ties: lowest edge, then the earliest point along it */
    if (!best->found || d2 < best->d2 ||
        (d2 == best->d2 &&
         (e < best->edge ||
          (e == best->edge && (k < best->seg || (k == best->seg && t < best->t)))))) {
        best->d2 = d2;
        best->edge = e;
        best->seg = k;
        best->t = t;
        best->found = 1;
    }
}

int pc_network_nearest(const struct pc_network *net, double x, double y, size_t skip_edge,
                       double max_dist, struct pc_network_link *link)
{
    const struct pc_segment_grid *gr = &net->grid;
    if (gr->start == NULL)
        return -1;
    double fx = (x - gr->x0) / gr->cell, fy = (y - gr->y0) / gr->cell;
    /* the point's cell, possibly outside the grid */
    double ci = floor(fx), cj = floor(fy);
    double gap_i = ci < 0 ? -ci : ci >= (double)gr->nx ? ci - (double)gr->nx + 1 : 0;
    double gap_j = cj < 0 ? -cj : cj >= (double)gr->ny ? cj - (double)gr->ny + 1 : 0;
    double k0 = fmax(gap_i, gap_j);
    double kmax = k0 + (double)(gr->nx > gr->ny ? gr->nx : gr->ny);
    struct nearest best = {0};
    for (double k = k0; k <= kmax; k++) {
        /* cells at Chebyshev distance k lie at least (k - 1) cells away */
        if ((k - 1) * gr->cell > max_dist)
            break;
        for (double j = cj - k; j <= cj + k; j++) {
            if (j < 0 || j >= (double)gr->ny)
                continue;
            int edge_row = (j == cj - k || j == cj + k);
            for (double i = ci - k; i <= ci + k; i += edge_row ? 1 : 2 * k) {
                if (i >= 0 && i < (double)gr->nx) {
                    size_t c = (size_t)j * gr->nx + (size_t)i;
                    for (size_t p = gr->start[c]; p < gr->start[c + 1]; p++)
                        consider(net, gr->items[p], x, y, skip_edge, &best);
                }
                if (k == 0)
                    break;
            }
        }
        /* every cell not yet visited lies outside the square of rings 0..k around the
         * point's cell: at least as far as the point is from that square's border */
        double margin =
            fmin(fmin(fx - (ci - k), ci + k + 1 - fx), fmin(fy - (cj - k), cj + k + 1 - fy));
        if (best.found && sqrt(best.d2) <= margin * gr->cell)
            break;
    }
    if (!best.found || sqrt(best.d2) > max_dist)
        return -1;
    const struct pc_edge *e = &net->edges[best.edge];
    const double *a = &net->xy[2 * (e->first + best.seg)];
    link->edge = best.edge;
    link->along = along_to_segment(net, e, best.seg) + best.t * hypot(a[2] - a[0], a[3] - a[1]);
    if (link->along > e->len)
        link->along = e->len;
    link->connector = sqrt(best.d2);
    return 0;
}

void pc_edge_point_at(const struct pc_network *net, const struct pc_edge *e, double along,
                      double *x, double *y, size_t *seg)
{
    double s = 0;
    for (size_t k = 0; k + 1 < e->npts; k++) {
        const double *a = &net->xy[2 * (e->first + k)];
        double l = hypot(a[2] - a[0], a[3] - a[1]);
        if (along <= s + l || k + 2 == e->npts) {
            double t = l > 0 ? (along - s) / l : 0.0;
            t = t < 0 ? 0 : t > 1 ? 1 : t;
            *x = a[0] + t * (a[2] - a[0]);
            *y = a[1] + t * (a[3] - a[1]);
            *seg = k;
            return;
        }
        s += l;
    }
    *x = net->xy[2 * e->first];
    *y = net->xy[2 * e->first + 1];
    *seg = 0;
}
