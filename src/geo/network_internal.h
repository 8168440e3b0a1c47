/* network_internal.h: the walking graph's representation, shared by network.c (building),
 * network_index.c (nearest edge) and network_solve.c (costs). Not for other modules. */
#ifndef PC_NETWORK_INTERNAL_H
#define PC_NETWORK_INTERNAL_H

#include <stddef.h>

#include "geo/network.h"

/* One edge: a polyline of `npts` points starting at xy[2 * first], from node u to node v. */
struct pc_edge {
    size_t first;
    size_t npts;
    size_t u, v;
    double len;
};

/* Uniform grid of edge segments for nearest-point queries: cell (i, j) holds the segments
 * whose bounding box touches it, as items[start[c] .. start[c + 1]). */
struct pc_segment_grid {
    double x0, y0, cell;
    size_t nx, ny;
    size_t *start;           /* nx * ny + 1 offsets (owned) */
    size_t *items;           /* segment ids: edge_first_segment[edge] + k (owned) */
    size_t *edge_of_segment; /* segment id -> edge (owned) */
    size_t *segment_base;    /* edge -> its first segment id (owned) */
};

/* One source of a solve: a point on an edge with its starting cost. */
struct pc_source {
    size_t edge;
    double along, cost;
};

struct pc_network {
    double *xy; /* owned; x, y of every edge point */
    size_t n_xy, cap_xy;
    struct pc_edge *edges; /* owned */
    size_t n_edges, cap_edges;
    size_t n_nodes;
    struct pc_network_stats stats;
    /* adjacency in CSR form: the neighbours of node n are adj_node[adj_start[n] ..
     * adj_start[n + 1]), reached over edges adj_edge[...] (all owned) */
    size_t *adj_start, *adj_node, *adj_edge;
    struct pc_segment_grid grid;
    /* sources and costs of the current solve (owned) */
    struct pc_source *sources;
    size_t n_sources, cap_sources;
    size_t *edge_sources; /* n_edges + 1 offsets into sources sorted by edge, after solving */
    double *node_cost;    /* n_nodes, INFINITY when unreached */
    double limit;
    int solved;
};

/* Builds net->grid over the current edges. PC_OK or PC_ERR_RUN (memory). */
int pc_network_index(struct pc_network *net);

/* Frees the grid and zeroes it. */
void pc_network_index_free(struct pc_segment_grid *grid);

/* Nearest point to (x, y) on any edge but `skip_edge` (SIZE_MAX: none) within max_dist
 * (INFINITY: any). Returns 0 with *link, or -1 when no edge is within max_dist. Ties: the
 * lowest edge, then the least along. */
int pc_network_nearest(const struct pc_network *net, double x, double y, size_t skip_edge,
                       double max_dist, struct pc_network_link *link);

/* The point at `along` metres on edge e, in *x, *y; *seg = the segment index it lies on. */
void pc_edge_point_at(const struct pc_network *net, const struct pc_edge *e, double along,
                      double *x, double *y, size_t *seg);

#endif
