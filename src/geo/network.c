/* network.c: building the walking graph: noding the lines, numbering their end points,
 * joining dangling ends within the snap tolerance, and the adjacency lists. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/util.h"
#include "geo/network_internal.h"

/* Nodes by exact coordinates: an open-addressing table (linear probing). */
struct node_table {
    double *xy; /* 2 * n coordinates of node ids 0..n-1 (owned) */
    size_t n, cap_xy;
    size_t *slot; /* cap slots of node id + 1, 0 when empty (owned) */
    size_t cap;   /* a power of two */
};

static uint64_t coordinate_hash(double x, double y)
{
    uint64_t a, b;
    x += 0.0; /* -0.0 and 0.0 are one point */
    y += 0.0;
    memcpy(&a, &x, sizeof a);
    memcpy(&b, &y, sizeof b);
    uint64_t h = a * 0x9E3779B97F4A7C15ULL ^ (b + 0x632BE59BD9B4E019ULL + (a << 6) + (a >> 2));
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ULL;
    return h ^ (h >> 32);
}

/* Doubles the table. Returns 0 or -1 (memory). */
static int node_table_grow(struct node_table *t)
{
    size_t cap = t->cap ? t->cap * 2 : 1024;
    size_t *slot = calloc(cap, sizeof *slot);
    if (slot == NULL)
        return -1;
    for (size_t id = 0; id < t->n; id++) {
        size_t i = coordinate_hash(t->xy[2 * id], t->xy[2 * id + 1]) & (cap - 1);
        while (slot[i] != 0)
            i = (i + 1) & (cap - 1);
        slot[i] = id + 1;
    }
    free(t->slot);
    t->slot = slot;
    t->cap = cap;
    return 0;
}

/* The id of the node at exactly (x, y), added if new. Returns SIZE_MAX on out of memory. */
static size_t node_at(struct node_table *t, double x, double y)
{
    if (2 * (t->n + 1) > t->cap && node_table_grow(t) != 0)
        return SIZE_MAX;
    size_t i = coordinate_hash(x, y) & (t->cap - 1);
    for (; t->slot[i] != 0; i = (i + 1) & (t->cap - 1)) {
        size_t id = t->slot[i] - 1;
        if (t->xy[2 * id] == x && t->xy[2 * id + 1] == y)
            return id;
    }
    if (pc_reserve((void **)&t->xy, &t->cap_xy, 2 * (t->n + 1), sizeof *t->xy) != 0)
        return SIZE_MAX;
    t->xy[2 * t->n] = x;
    t->xy[2 * t->n + 1] = y;
    t->slot[i] = t->n + 1;
    return t->n++;
}

static double polyline_length(const double *xy, size_t npts)
{
    double len = 0;
    for (size_t k = 0; k + 1 < npts; k++)
        len += hypot(xy[2 * k + 2] - xy[2 * k], xy[2 * k + 3] - xy[2 * k + 1]);
    return len;
}

/* Appends an edge over the npts points at xy (copied) from node u to node v. Returns the
 * edge's index, or SIZE_MAX on out of memory. */
static size_t add_edge(struct pc_network *net, const double *xy, size_t npts, size_t u, size_t v)
{
    if (pc_reserve((void **)&net->xy, &net->cap_xy, net->n_xy + npts, 2 * sizeof *net->xy) != 0 ||
        pc_reserve((void **)&net->edges, &net->cap_edges, net->n_edges + 1, sizeof *net->edges) !=
            0)
        return SIZE_MAX;
    memcpy(net->xy + 2 * net->n_xy, xy, 2 * npts * sizeof *xy);
    struct pc_edge *e = &net->edges[net->n_edges];
    e->first = net->n_xy;
    e->npts = npts;
    e->u = u;
    e->v = v;
    e->len = polyline_length(xy, npts);
    net->n_xy += npts;
    return net->n_edges++;
}

/* Adds one noded LineString as an edge. Returns PC_OK or an error. */
static int add_noded_line(struct pc_geos *g, struct pc_network *net, struct node_table *nodes,
                          const GEOSGeometry *line, double **buf, size_t *cap)
{
    const GEOSCoordSequence *seq = GEOSGeom_getCoordSeq_r(g->h, line);
    unsigned int size = 0;
    if (seq == NULL || !GEOSCoordSeq_getSize_r(g->h, seq, &size))
        return pc_geos_fail(g, "reading a noded street line");
    if (size < 2)
        return PC_OK;
    if (pc_reserve((void **)buf, cap, 2 * (size_t)size, sizeof **buf) != 0)
        return pc_error(PC_ERR_RUN, "out of memory");
    if (!GEOSCoordSeq_copyToBuffer_r(g->h, seq, *buf, 0, 0))
        return pc_geos_fail(g, "reading a noded street line");
    const double *xy = *buf;
    size_t u = node_at(nodes, xy[0], xy[1]);
    size_t v = node_at(nodes, xy[2 * size - 2], xy[2 * size - 1]);
    if (u == SIZE_MAX || v == SIZE_MAX || add_edge(net, xy, size, u, v) == SIZE_MAX)
        return pc_error(PC_ERR_RUN, "out of memory");
    return PC_OK;
}

int pc_network_lines_add(struct pc_geos *g, struct pc_network_lines *lines,
                         const GEOSGeometry *const *geoms, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (geoms[i] == NULL || GEOSisEmpty_r(g->h, geoms[i]) != 0)
            continue;
        int type = GEOSGeomTypeId_r(g->h, geoms[i]);
        if (type != GEOS_LINESTRING && type != GEOS_MULTILINESTRING)
            continue;
        int k = type == GEOS_LINESTRING ? 1 : GEOSGetNumGeometries_r(g->h, geoms[i]);
        for (int j = 0; j < k; j++) {
            const GEOSGeometry *part =
                type == GEOS_LINESTRING ? geoms[i] : GEOSGetGeometryN_r(g->h, geoms[i], j);
            if (GEOSisEmpty_r(g->h, part) != 0)
                continue;
            if (pc_reserve((void **)&lines->parts, &lines->cap, lines->n + 1,
                           sizeof *lines->parts) != 0)
                return pc_error(PC_ERR_RUN, "out of memory");
            if ((lines->parts[lines->n] = GEOSGeom_clone_r(g->h, part)) == NULL)
                return pc_geos_fail(g, "copying a street line");
            lines->n++;
        }
    }
    return PC_OK;
}

void pc_network_lines_free(struct pc_geos *g, struct pc_network_lines *lines)
{
    for (size_t i = 0; i < lines->n; i++)
        GEOSGeom_destroy_r(g->h, lines->parts[i]);
    free(lines->parts);
    *lines = (struct pc_network_lines){0};
}

/* Nodes the collected lines (taken; *lines emptied) as one MultiLineString: *noded is new
 * (caller destroys), or NULL when there are no lines. */
static int node_lines(struct pc_geos *g, struct pc_network_lines *lines, struct pc_network *net,
                      GEOSGeometry **noded)
{
    *noded = NULL;
    net->stats.n_lines = lines->n;
    if (lines->n == 0) {
        pc_network_lines_free(g, lines);
        return PC_OK;
    }
    GEOSGeometry *all = GEOSGeom_createCollection_r(g->h, GEOS_MULTILINESTRING, lines->parts,
                                                    (unsigned int)lines->n);
    free(lines->parts); /* the collection took the members (or GEOS freed them on failure) */
    *lines = (struct pc_network_lines){0};
    if (all == NULL)
        return pc_geos_fail(g, "collecting the street lines");
    *noded = GEOSNode_r(g->h, all);
    GEOSGeom_destroy_r(g->h, all);
    return *noded ? PC_OK : pc_geos_fail(g, "noding the street lines");
}

/* A dangling end to join: node `from`, to the point `along` on edge `edge`. */
struct snap {
    size_t edge;
    double along;
    size_t from;
    double x, y; /* the point */
    size_t to;   /* the node at the point, set while splitting */
};

static int by_edge_along(const void *a, const void *b)
{
    const struct snap *x = a, *y = b;
    if (x->edge != y->edge)
        return (x->edge > y->edge) - (x->edge < y->edge);
    return (x->along > y->along) - (x->along < y->along);
}

/* Splits edge e at the positions of snaps[0..n) (sorted by along), giving each snap its node.
 * Positions at an end take that end's node. Returns PC_OK or an out-of-memory error. */
static int split_edge(struct pc_network *net, size_t e, struct snap *snaps, size_t n)
{
    struct pc_edge whole = net->edges[e];
    double *piece = malloc(2 * (whole.npts + 2) * sizeof *piece);
    if (piece == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    /* the tail not yet emitted starts at point (sx, sy) on segment `from_seg`, node `start` */
    size_t start = whole.u, from_seg = 0, emitted = 0;
    double sx = net->xy[2 * whole.first], sy = net->xy[2 * whole.first + 1], last_along = 0;
    int rc = PC_OK;
    for (size_t i = 0; i < n; i++) {
        struct snap *s = &snaps[i];
        if (s->along <= 0) {
            s->to = whole.u;
            continue;
        }
        if (s->along >= whole.len) {
            s->to = whole.v;
            continue;
        }
        if (i > 0 && s->along == last_along && emitted > 0) {
            s->to = start; /* the same point as the previous snap */
            continue;
        }
        double x, y;
        size_t seg;
        pc_edge_point_at(net, &whole, s->along, &x, &y, &seg);
        size_t np = 0;
        piece[np++] = sx;
        piece[np++] = sy;
        for (size_t k = from_seg + 1; k <= seg; k++) {
            piece[np++] = net->xy[2 * (whole.first + k)];
            piece[np++] = net->xy[2 * (whole.first + k) + 1];
        }
        piece[np++] = x;
        piece[np++] = y;
        size_t node = net->n_nodes++;
        size_t id = add_edge(net, piece, np / 2, start, node);
        if (id == SIZE_MAX) {
            rc = pc_error(PC_ERR_RUN, "out of memory");
            goto done;
        }
        s->to = node;
        start = node;
        from_seg = seg;
        sx = x;
        sy = y;
        last_along = s->along;
        emitted++;
    }
    if (emitted > 0) {
        size_t np = 0;
        piece[np++] = sx;
        piece[np++] = sy;
        for (size_t k = from_seg + 1; k < whole.npts; k++) {
            piece[np++] = net->xy[2 * (whole.first + k)];
            piece[np++] = net->xy[2 * (whole.first + k) + 1];
        }
        if (add_edge(net, piece, np / 2, start, whole.v) == SIZE_MAX) {
            rc = pc_error(PC_ERR_RUN, "out of memory");
            goto done;
        }
        /* the whole edge gives way to its pieces: it becomes an edge of no length between
         * its first node and itself, which nothing can link to (its one point is the node) */
        net->edges[e].npts = 1;
        net->edges[e].v = whole.u;
        net->edges[e].len = 0;
    }
done:
    free(piece);
    return rc;
}

/* Joins every dangling end within snap_m of another edge to the nearest point on it. */
static int snap_dangling_ends(struct pc_network *net, const struct node_table *nodes, double snap_m)
{
    size_t n_nodes = net->n_nodes, n_edges = net->n_edges;
    size_t *degree = calloc(n_nodes ? n_nodes : 1, sizeof *degree);
    size_t *edge_of = malloc((n_nodes ? n_nodes : 1) * sizeof *edge_of);
    struct snap *snaps = NULL;
    size_t n_snaps = 0, cap = 0;
    int rc = PC_OK;
    if (degree == NULL || edge_of == NULL) {
        rc = pc_error(PC_ERR_RUN, "out of memory");
        goto done;
    }
    for (size_t e = 0; e < n_edges; e++) {
        degree[net->edges[e].u]++;
        degree[net->edges[e].v]++;
        edge_of[net->edges[e].u] = e;
        edge_of[net->edges[e].v] = e;
    }
    if ((rc = pc_network_index(net)) != PC_OK)
        goto done;
    for (size_t n = 0; n < n_nodes; n++) {
        struct pc_network_link link;
        if (degree[n] != 1 || pc_network_nearest(net, nodes->xy[2 * n], nodes->xy[2 * n + 1],
                                                 edge_of[n], snap_m, &link) != 0)
            continue;
        if (pc_reserve((void **)&snaps, &cap, n_snaps + 1, sizeof *snaps) != 0) {
            rc = pc_error(PC_ERR_RUN, "out of memory");
            goto done;
        }
        struct snap *sn = &snaps[n_snaps++];
        size_t seg;
        *sn = (struct snap){link.edge, link.along, n, 0, 0, SIZE_MAX};
        pc_edge_point_at(net, &net->edges[link.edge], link.along, &sn->x, &sn->y, &seg);
    }
    if (n_snaps > 0) /* snaps is NULL without any */
        qsort(snaps, n_snaps, sizeof *snaps, by_edge_along);
    for (size_t i = 0; i < n_snaps && rc == PC_OK;) {
        size_t j = i;
        while (j < n_snaps && snaps[j].edge == snaps[i].edge)
            j++;
        rc = split_edge(net, snaps[i].edge, snaps + i, j - i);
        i = j;
    }
    for (size_t i = 0; i < n_snaps && rc == PC_OK; i++) {
        const struct snap *sn = &snaps[i];
        double xy[4] = {nodes->xy[2 * sn->from], nodes->xy[2 * sn->from + 1], sn->x, sn->y};
        if (add_edge(net, xy, 2, sn->from, sn->to) == SIZE_MAX)
            rc = pc_error(PC_ERR_RUN, "out of memory");
    }
    net->stats.n_snapped = n_snaps;
done:
    free(degree);
    free(edge_of);
    free(snaps);
    return rc;
}

/* Drops the edges that gave way to their pieces (a single point). */
static void drop_split_edges(struct pc_network *net)
{
    size_t k = 0;
    for (size_t e = 0; e < net->n_edges; e++)
        if (net->edges[e].npts > 1)
            net->edges[k++] = net->edges[e];
    net->n_edges = k;
}

/* Fills the adjacency arrays from the edges. */
static int build_adjacency(struct pc_network *net)
{
    size_t n = net->n_nodes, m = net->n_edges;
    net->adj_start = calloc(n + 1, sizeof *net->adj_start);
    net->adj_node = malloc((m ? 2 * m : 1) * sizeof *net->adj_node);
    net->adj_edge = malloc((m ? 2 * m : 1) * sizeof *net->adj_edge);
    net->node_cost = malloc((n ? n : 1) * sizeof *net->node_cost);
    if (net->adj_start == NULL || net->adj_node == NULL || net->adj_edge == NULL ||
        net->node_cost == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    for (size_t e = 0; e < m; e++) {
        net->adj_start[net->edges[e].u + 1]++;
        net->adj_start[net->edges[e].v + 1]++;
    }
    for (size_t i = 0; i < n; i++)
        net->adj_start[i + 1] += net->adj_start[i];
    size_t *fill = malloc((n ? n : 1) * sizeof *fill);
    if (fill == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    memcpy(fill, net->adj_start, n * sizeof *fill);
    for (size_t e = 0; e < m; e++) {
        const struct pc_edge *ed = &net->edges[e];
        net->adj_node[fill[ed->u]] = ed->v;
        net->adj_edge[fill[ed->u]++] = e;
        net->adj_node[fill[ed->v]] = ed->u;
        net->adj_edge[fill[ed->v]++] = e;
    }
    free(fill);
    return PC_OK;
}

int pc_network_build(struct pc_geos *g, const GEOSGeometry *const *lines, size_t n, double snap_m,
                     struct pc_network **out)
{
    struct pc_network_lines collected = {0};
    int rc = pc_network_lines_add(g, &collected, lines, n);
    if (rc != PC_OK) {
        *out = NULL;
        pc_network_lines_free(g, &collected);
        return rc;
    }
    return pc_network_build_lines(g, &collected, snap_m, out);
}

int pc_network_build_lines(struct pc_geos *g, struct pc_network_lines *lines, double snap_m,
                           struct pc_network **out)
{
    struct pc_network *net = calloc(1, sizeof *net);
    struct node_table nodes = {0};
    GEOSGeometry *noded = NULL;
    double *buf = NULL;
    size_t cap = 0;
    int rc;
    *out = NULL;
    if (net == NULL) {
        pc_network_lines_free(g, lines);
        return pc_error(PC_ERR_RUN, "out of memory");
    }
    if ((rc = node_lines(g, lines, net, &noded)) != PC_OK)
        goto done;
    int parts = noded ? GEOSGetNumGeometries_r(g->h, noded) : 0;
    for (int i = 0; i < parts && rc == PC_OK; i++)
        rc = add_noded_line(g, net, &nodes, GEOSGetGeometryN_r(g->h, noded, i), &buf, &cap);
    if (rc != PC_OK)
        goto done;
    net->n_nodes = nodes.n;
    if ((rc = snap_dangling_ends(net, &nodes, snap_m)) != PC_OK)
        goto done;
    drop_split_edges(net);
    if ((rc = build_adjacency(net)) != PC_OK || (rc = pc_network_index(net)) != PC_OK)
        goto done;
    net->stats.n_nodes = net->n_nodes;
    net->stats.n_edges = net->n_edges;
    for (size_t e = 0; e < net->n_edges; e++)
        net->stats.length_m += net->edges[e].len;
    pc_network_clear(net);
done:
    if (noded != NULL)
        GEOSGeom_destroy_r(g->h, noded);
    free(buf);
    free(nodes.xy);
    free(nodes.slot);
    if (rc != PC_OK)
        pc_network_free(net);
    else
        *out = net;
    return rc;
}

void pc_network_free(struct pc_network *net)
{
    if (net == NULL)
        return;
    free(net->xy);
    free(net->edges);
    free(net->adj_start);
    free(net->adj_node);
    free(net->adj_edge);
    pc_network_index_free(&net->grid);
    free(net->sources);
    free(net->edge_sources);
    free(net->node_cost);
    free(net);
}

struct pc_network_stats pc_network_stats(const struct pc_network *net)
{
    return net->stats;
}

int pc_network_link(const struct pc_network *net, double x, double y, struct pc_network_link *link)
{
    return pc_network_nearest(net, x, y, SIZE_MAX, INFINITY, link);
}
