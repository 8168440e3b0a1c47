/* network_solve.c: sources, the bounded multi-source Dijkstra pass, the cost at a point on an
 * edge, and the reached parts of edges. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/util.h"
#include "geo/network_internal.h"

void pc_network_clear(struct pc_network *net)
{
    net->n_sources = 0;
    net->solved = 0;
    net->limit = 0;
    for (size_t i = 0; i < net->n_nodes; i++)
        net->node_cost[i] = INFINITY;
}

int pc_network_add_source(struct pc_network *net, const struct pc_network_link *at, double cost)
{
    if (pc_reserve((void **)&net->sources, &net->cap_sources, net->n_sources + 1,
                   sizeof *net->sources) != 0)
        return pc_error(PC_ERR_RUN, "out of memory");
    net->sources[net->n_sources++] = (struct pc_source){at->edge, at->along, cost};
    net->solved = 0;
    return PC_OK;
}

static int by_edge(const void *a, const void *b)
{
    const struct pc_source *x = a, *y = b;
    if (x->edge != y->edge)
        return (x->edge > y->edge) - (x->edge < y->edge);
    return (x->along > y->along) - (x->along < y->along);
}

/* A binary min-heap of (cost, node); stale entries are skipped when popped. */
struct heap {
    double *cost;
    size_t *node;
    size_t n, cap;
};

static int heap_push(struct heap *h, double cost, size_t node)
{
    if (h->n == h->cap) {
        size_t cap = h->cap ? 2 * h->cap : 1024;
        double *c = realloc(h->cost, cap * sizeof *c);
        if (c == NULL)
            return -1;
        h->cost = c;
        size_t *nd = realloc(h->node, cap * sizeof *nd);
        if (nd == NULL)
            return -1;
        h->node = nd;
        h->cap = cap;
    }
    size_t i = h->n++;
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (h->cost[parent] <= cost)
            break;
        h->cost[i] = h->cost[parent];
        h->node[i] = h->node[parent];
        i = parent;
    }
    h->cost[i] = cost;
    h->node[i] = node;
    return 0;
}

static void heap_pop(struct heap *h, double *cost, size_t *node)
{
    *cost = h->cost[0];
    *node = h->node[0];
    double c = h->cost[--h->n];
    size_t nd = h->node[h->n];
    size_t i = 0;
    for (;;) {
        size_t child = 2 * i + 1;
        if (child >= h->n)
            break;
        if (child + 1 < h->n && h->cost[child + 1] < h->cost[child])
            child++;
        if (h->cost[child] >= c)
            break;
        h->cost[i] = h->cost[child];
        h->node[i] = h->node[child];
        i = child;
    }
    h->cost[i] = c;
    h->node[i] = nd;
}

/* Lowers node n's cost to c (when lower and within the limit) and queues it. */
static int relax(struct pc_network *net, struct heap *h, size_t n, double c)
{
    if (c < net->node_cost[n] && c <= net->limit) {
        net->node_cost[n] = c;
        return heap_push(h, c, n);
    }
    return 0;
}

/* Sorts the sources by edge and indexes them per edge. */
static int index_sources(struct pc_network *net)
{
    if (net->n_sources > 0) /* sources is NULL before the first */
        qsort(net->sources, net->n_sources, sizeof *net->sources, by_edge);
    free(net->edge_sources);
    net->edge_sources = calloc(net->n_edges + 1, sizeof *net->edge_sources);
    if (net->edge_sources == NULL)
        return -1;
    for (size_t i = 0; i < net->n_sources; i++)
        net->edge_sources[net->sources[i].edge + 1]++;
    for (size_t e = 0; e < net->n_edges; e++)
        net->edge_sources[e + 1] += net->edge_sources[e];
    return 0;
}

int pc_network_solve(struct pc_network *net, double limit)
{
    struct heap h = {0};
    for (size_t i = 0; i < net->n_nodes; i++)
        net->node_cost[i] = INFINITY;
    net->limit = limit;
    if (index_sources(net) != 0)
        goto oom;
    for (size_t i = 0; i < net->n_sources; i++) {
        const struct pc_source *s = &net->sources[i];
        const struct pc_edge *e = &net->edges[s->edge];
        if (relax(net, &h, e->u, s->cost + s->along) != 0 ||
            relax(net, &h, e->v, s->cost + (e->len - s->along)) != 0)
            goto oom;
    }
    while (h.n > 0) {
        double c;
        size_t n;
        heap_pop(&h, &c, &n);
        if (c > net->node_cost[n])
            continue; /* a stale entry: the node was settled cheaper */
        for (size_t k = net->adj_start[n]; k < net->adj_start[n + 1]; k++)
            if (relax(net, &h, net->adj_node[k], c + net->edges[net->adj_edge[k]].len) != 0)
                goto oom;
    }
    free(h.cost);
    free(h.node);
    net->solved = 1;
    return PC_OK;
oom:
    free(h.cost);
    free(h.node);
    return pc_error(PC_ERR_RUN, "out of memory in the shortest-path pass");
}

/* The costs of one pass: the network's own or a saved copy. */
struct pc_network_costs {
    const double *node_cost;
    const struct pc_source *sources;
    const size_t *edge_sources;
    double limit;
    int solved;
    void *owned[3]; /* a saved copy's arrays */
};

/* The cost at `at` under costs c (see pc_network_cost_at). */
static double cost_with(const struct pc_network *net, const struct pc_network_costs *c,
                        const struct pc_network_link *at)
{
    if (!c->solved || at->edge >= net->n_edges)
        return INFINITY;
    const struct pc_edge *e = &net->edges[at->edge];
    double best = fmin(c->node_cost[e->u] + at->along, c->node_cost[e->v] + (e->len - at->along));
    for (size_t i = c->edge_sources[at->edge]; i < c->edge_sources[at->edge + 1]; i++) {
        const struct pc_source *s = &c->sources[i];
        best = fmin(best, s->cost + fabs(at->along - s->along));
    }
    return best <= c->limit ? best : INFINITY;
}

double pc_network_cost_at(const struct pc_network *net, const struct pc_network_link *at)
{
    struct pc_network_costs own = {net->node_cost, net->sources, net->edge_sources,
                                   net->limit,     net->solved,  {NULL, NULL, NULL}};
    return cost_with(net, &own, at);
}

/* A copy of n elements of `size` bytes at p (NULL only when p is NULL or out of memory). */
static void *copy_of(const void *p, size_t n, size_t size)
{
    if (p == NULL)
        return NULL;
    void *q = malloc(n ? n * size : 1);
    if (q != NULL && n > 0)
        memcpy(q, p, n * size);
    return q;
}

struct pc_network_costs *pc_network_costs_save(const struct pc_network *net)
{
    struct pc_network_costs *c = calloc(1, sizeof *c);
    if (c == NULL)
        goto oom;
    c->limit = net->limit;
    c->solved = net->solved;
    if (!net->solved)
        return c;
    c->owned[0] = copy_of(net->node_cost, net->n_nodes, sizeof *net->node_cost);
    c->owned[1] = copy_of(net->sources, net->n_sources, sizeof *net->sources);
    c->owned[2] = copy_of(net->edge_sources, net->n_edges + 1, sizeof *net->edge_sources);
    c->node_cost = c->owned[0];
    c->sources = c->owned[1];
    c->edge_sources = c->owned[2];
    if (c->node_cost != NULL && c->edge_sources != NULL &&
        (c->sources != NULL || net->sources == NULL))
        return c;
oom:
    pc_network_costs_free(c);
    pc_error(PC_ERR_RUN, "out of memory saving the costs of a shortest-path pass");
    return NULL;
}

double pc_network_costs_at(const struct pc_network *net, const struct pc_network_costs *c,
                           const struct pc_network_link *at)
{
    return cost_with(net, c, at);
}

void pc_network_costs_free(struct pc_network_costs *c)
{
    if (c == NULL)
        return;
    for (int i = 0; i < 3; i++)
        free(c->owned[i]);
    free(c);
}

/* An interval [lo, hi] of positions along an edge. */
struct interval {
    double lo, hi;
};

static int by_lo(const void *a, const void *b)
{
    const struct interval *x = a, *y = b;
    return (x->lo > y->lo) - (x->lo < y->lo);
}

/* Appends [lo, hi] clipped to [0, len] when it is not empty. */
static int add_interval(struct interval **iv, size_t *n, size_t *cap, double lo, double hi,
                        double len)
{
    lo = fmax(lo, 0.0);
    hi = fmin(hi, len);
    if (!(hi > lo))
        return 0;
    if (pc_reserve((void **)iv, cap, *n + 1, sizeof **iv) != 0)
        return -1;
    (*iv)[(*n)++] = (struct interval){lo, hi};
    return 0;
}

/* The sub-line of edge e from lo to hi as a new LineString, or NULL with pc_error() set. */
static GEOSGeometry *sub_line(struct pc_geos *g, const struct pc_network *net,
                              const struct pc_edge *e, double lo, double hi, double **buf,
                              size_t *cap)
{
    if (pc_reserve((void **)buf, cap, 2 * (e->npts + 2), sizeof **buf) != 0) {
        pc_error(PC_ERR_RUN, "out of memory");
        return NULL;
    }
    double *p = *buf;
    size_t np = 0, seg_lo, seg_hi;
    pc_edge_point_at(net, e, lo, &p[0], &p[1], &seg_lo);
    np = 1;
    double x, y;
    pc_edge_point_at(net, e, hi, &x, &y, &seg_hi);
    for (size_t k = seg_lo + 1; k <= seg_hi; k++) {
        p[2 * np] = net->xy[2 * (e->first + k)];
        p[2 * np + 1] = net->xy[2 * (e->first + k) + 1];
        np++;
    }
    p[2 * np] = x;
    p[2 * np + 1] = y;
    np++;
    GEOSCoordSequence *seq = GEOSCoordSeq_copyFromBuffer_r(g->h, p, (unsigned int)np, 0, 0);
    GEOSGeometry *line = seq ? GEOSGeom_createLineString_r(g->h, seq) : NULL;
    if (line == NULL)
        pc_geos_fail(g, "making a reached street line");
    return line;
}

int pc_network_reached(struct pc_geos *g, const struct pc_network *net, double limit,
                       GEOSGeometry **out)
{
    struct interval *iv = NULL;
    size_t n_iv = 0, cap_iv = 0, n_lines = 0, cap_lines = 0, cap_buf = 0;
    GEOSGeometry **lines = NULL;
    double *buf = NULL;
    int rc = PC_OK;
    *out = NULL;
    if (limit > net->limit)
        limit = net->limit;
    for (size_t ei = 0; ei < net->n_edges && rc == PC_OK && net->solved; ei++) {
        const struct pc_edge *e = &net->edges[ei];
        n_iv = 0;
        int oom = add_interval(&iv, &n_iv, &cap_iv, 0, limit - net->node_cost[e->u], e->len) ||
                  add_interval(&iv, &n_iv, &cap_iv, e->len - (limit - net->node_cost[e->v]), e->len,
                               e->len);
        for (size_t i = net->edge_sources[ei]; i < net->edge_sources[ei + 1] && !oom; i++) {
            const struct pc_source *s = &net->sources[i];
            double reach = limit - s->cost;
            if (reach >= 0)
                oom = add_interval(&iv, &n_iv, &cap_iv, s->along - reach, s->along + reach, e->len);
        }
        if (oom) {
            rc = pc_error(PC_ERR_RUN, "out of memory");
            break;
        }
        if (n_iv > 0) /* iv is NULL until the first interval */
            qsort(iv, n_iv, sizeof *iv, by_lo);
        for (size_t i = 0; i < n_iv && rc == PC_OK;) {
            double lo = iv[i].lo, hi = iv[i].hi;
            size_t j = i + 1;
            while (j < n_iv && iv[j].lo <= hi)
                hi = fmax(hi, iv[j++].hi);
            i = j;
            if (pc_reserve((void **)&lines, &cap_lines, n_lines + 1, sizeof *lines) != 0) {
                rc = pc_error(PC_ERR_RUN, "out of memory");
                break;
            }
            if ((lines[n_lines] = sub_line(g, net, e, lo, hi, &buf, &cap_buf)) == NULL)
                rc = PC_ERR_RUN;
            else
                n_lines++;
        }
    }
    if (rc == PC_OK) {
        *out =
            GEOSGeom_createCollection_r(g->h, GEOS_MULTILINESTRING, lines, (unsigned int)n_lines);
        if (*out == NULL)
            rc = pc_geos_fail(g, "collecting the reached street lines");
        else
            n_lines = 0; /* the collection took them */
    }
    for (size_t i = 0; i < n_lines; i++)
        GEOSGeom_destroy_r(g->h, lines[i]);
    free(lines);
    free(iv);
    free(buf);
    return rc;
}
