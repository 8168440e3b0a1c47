/* network.h: a walking graph built from line features, points joined to it, and one bounded
 * multi-source shortest-path pass (docs/walking-network.md; DESIGN.md §3 "Walking access").
 *
 * The graph: every line noded at every intersection (GEOSNode); each piece between nodes is
 * an edge with its planar length; then every dangling end (a node of degree 1) within the
 * snap tolerance of another edge is joined to the nearest point on that edge by a straight
 * connector edge of its length, the edge being split there.
 *
 * Costs: sources sit at points on edges with a starting cost (a connector length, possibly
 * less a facility's radius); one Dijkstra pass gives every node its least cost, bounded by a
 * limit; the cost at any point on an edge then follows exactly from the edge's two nodes and
 * the sources on that edge. */
#ifndef PC_NETWORK_H
#define PC_NETWORK_H

#include <stddef.h>

#include "geo/geos_ctx.h"

struct pc_network; /* opaque */

/* Figures of a built graph, for notices and the benchmark. */
struct pc_network_stats {
    size_t n_lines;   /* input LineStrings (parts of multi-lines counted one by one) */
    size_t n_nodes;   /* after noding and snapping */
    size_t n_edges;   /* including connector edges */
    size_t n_snapped; /* dangling ends joined by a connector edge */
    double length_m;  /* total length of the edges */
};

/* A point joined to the network: the nearest point on an edge, at `along` metres from the
 * edge's first node, and the straight connector length from the point to it. */
struct pc_network_link {
    size_t edge;
    double along;
    double connector;
};

/* Builds the graph from n borrowed geometries (LineString or MultiLineString; other types
 * and empty geometries are skipped). snap_m >= 0 is the dangling-end tolerance in metres.
 * Returns PC_OK with *out (free with pc_network_free; it borrows nothing), or PC_ERR_RUN
 * with pc_error() set (GEOS failure, out of memory). An input without lines gives a graph
 * with no edges: linking then fails. */
int pc_network_build(struct pc_geos *g, const GEOSGeometry *const *lines, size_t n, double snap_m,
                     struct pc_network **out);

/* Street lines collected for pc_network_build_lines, a batch at a time. */
struct pc_network_lines {
    GEOSGeometry **parts; /* owned: copies of the LineStrings */
    size_t n, cap;
};

/* Adds copies of the LineStrings of geoms[0..n-1] (borrowed; other types and empty
 * geometries skipped, multi-lines split) to *lines. Returns PC_OK or PC_ERR_RUN. */
int pc_network_lines_add(struct pc_geos *g, struct pc_network_lines *lines,
                         const GEOSGeometry *const *geoms, size_t n);

/* Frees collected lines and empties *lines. */
void pc_network_lines_free(struct pc_geos *g, struct pc_network_lines *lines);

/* As pc_network_build, from collected lines, which it takes (*lines is emptied, also on
 * error). */
int pc_network_build_lines(struct pc_geos *g, struct pc_network_lines *lines, double snap_m,
                           struct pc_network **out);

/* Releases the graph; NULL is fine. */
void pc_network_free(struct pc_network *net);

/* Figures of the graph. */
struct pc_network_stats pc_network_stats(const struct pc_network *net);

/* Joins point (x, y) to the nearest point on any edge (ties: the lowest edge, then the least
 * `along`). Returns 0 and fills *link, or -1 when the graph has no edges. */
int pc_network_link(const struct pc_network *net, double x, double y, struct pc_network_link *link);

/* Removes every source and every computed cost. */
void pc_network_clear(struct pc_network *net);

/* Adds a source at `at` with starting cost `cost` (any finite number; negative costs are
 * fine: they stand for a connector less a radius). Returns PC_OK or PC_ERR_RUN (memory). */
int pc_network_add_source(struct pc_network *net, const struct pc_network_link *at, double cost);

/* One multi-source Dijkstra pass from the sources added since the last pc_network_clear():
 * every node whose least cost is at most `limit` gets it; the others stay unreached. Returns
 * PC_OK or PC_ERR_RUN (memory). */
int pc_network_solve(struct pc_network *net, double limit);

/* The least cost at the linked point (its connector not included) after pc_network_solve():
 * the least of the edge's first node + along, its second node + the rest of the edge, and
 * every source on the same edge + the distance between them along it. INFINITY when no
 * source reaches it within the limit. */
double pc_network_cost_at(const struct pc_network *net, const struct pc_network_link *at);

/* The costs of one pass, kept when a later pass replaces the network's own. */
struct pc_network_costs;

/* A copy of the costs of the last pc_network_solve() (before any: nothing reached); the
 * network's edges must stay as they are while it is used. Free with pc_network_costs_free.
 * NULL with pc_error() on out of memory. */
struct pc_network_costs *pc_network_costs_save(const struct pc_network *net);

/* As pc_network_cost_at(), with saved costs c of net. */
double pc_network_costs_at(const struct pc_network *net, const struct pc_network_costs *c,
                           const struct pc_network_link *at);

/* Frees saved costs; NULL is fine. */
void pc_network_costs_free(struct pc_network_costs *c);

/* The parts of edges whose cost is at most `limit` (<= the limit solved with) after
 * pc_network_solve(), edges cut exactly where the cost reaches the limit, as a new
 * MultiLineString in *out (empty when nothing is reached; caller destroys). Returns PC_OK or
 * PC_ERR_RUN. */
int pc_network_reached(struct pc_geos *g, const struct pc_network *net, double limit,
                       GEOSGeometry **out);

#endif
