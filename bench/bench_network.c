/* bench_network.c: times the walking network (src/geo/network.h) on a synthetic street grid
 * of about a given number of edges: making the geometries, building the graph, linking
 * parcels and facilities, the shortest-path pass, cost lookups and the reached lines. Prints
 * figures on stdout and asserts nothing (docs/performance.md, "Walking network").
 *   bench_network [EDGES [SEED]]      default 1000000 edges, seed 1 */
#include <malloc.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "core/error.h"
#include "core/util.h"
#include "geo/geos_ctx.h"
#include "geo/network.h"

/* The synthetic city: a grid of BLOCK_M blocks, every vertex moved by up to JITTER_M on each
 * axis. Every LONG_EVERY-th row and column is drawn as polylines of RUN_MIN..RUN_MAX blocks
 * (noding must split them at every cross street); the other streets are one line per block,
 * of which MISSING are left out and SHORT end SHORT_M before their cross street (snapping
 * must join them). A river between two middle rows is crossed only every BRIDGE_EVERY
 * columns, and two avenues run across the grid at an angle, meeting streets mid-block. */
#define BLOCK_M      100.0
#define JITTER_M     12.0
#define LONG_EVERY   7
#define RUN_MIN      10
#define RUN_MAX      60
#define MISSING      0.02
#define SHORT        0.005
#define SHORT_M      1.0
#define BRIDGE_EVERY 25

/* The network and the questions asked of it. */
#define SNAP_M        2.0
#define N_PARCELS     200000
#define N_FACILITIES  2000
#define PARK_RADIUS_M 500.0
#define RUNS          3

/* splitmix64: a small deterministic generator, the same figures on every machine. */
struct rng {
    uint64_t s;
};

/* The next 64 random bits. */
static uint64_t rng_next(struct rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double rng_unit(struct rng *r)
{
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/* Uniform in [lo, hi). */
static double rng_range(struct rng *r, double lo, double hi)
{
    return lo + (hi - lo) * rng_unit(r);
}

/* Polylines in one buffer: line k has points start[k] .. start[k + 1] of xy. */
struct lines {
    double *xy; /* owned */
    size_t n_pts, cap_pts;
    size_t *start; /* n + 1 offsets (owned) */
    size_t n, cap_start;
    size_t n_missing, n_short; /* block edges left out, drawn SHORT_M short */
};

/* Out of memory while generating: the benchmark cannot go on. */
static void die_oom(void)
{
    fprintf(stderr, "bench_network: out of memory\n");
    exit(1);
}

/* Appends point (x, y) to the line being drawn. Exits on out of memory. */
static void lines_point(struct lines *l, double x, double y)
{
    if (pc_reserve((void **)&l->xy, &l->cap_pts, l->n_pts + 1, 2 * sizeof *l->xy) != 0)
        die_oom();
    l->xy[2 * l->n_pts] = x;
    l->xy[2 * l->n_pts + 1] = y;
    l->n_pts++;
}

/* Ends the line being drawn (the points since the last end). Exits on out of memory. */
static void lines_end(struct lines *l)
{
    if (pc_reserve((void **)&l->start, &l->cap_start, l->n + 2, sizeof *l->start) != 0)
        die_oom();
    if (l->n == 0)
        l->start[0] = 0;
    l->start[++l->n] = l->n_pts;
}

/* The grid being drawn: nx * ny jittered vertices (owned), the river below row `river`. */
struct grid {
    size_t nx, ny, river;
    double *vx, *vy;
};

/* Whether the river takes away the block edge from vertex k to k + 1 of row or column i:
 * the vertical edges across it, but for its bridges. */
static int crosses_river(const struct grid *gr, int vertical, size_t i, size_t k)
{
    return vertical && k == gr->river && i % BRIDGE_EVERY != BRIDGE_EVERY / 2;
}

/* Vertex k of row (vertical 0) or column (vertical 1) number i, in *x, *y. */
static void grid_vertex(const struct grid *gr, int vertical, size_t i, size_t k, double *x,
                        double *y)
{
    size_t id = vertical ? k * gr->nx + i : i * gr->nx + k;
    *x = gr->vx[id];
    *y = gr->vy[id];
}

/* Draws row or column i (n vertices) as polylines of RUN_MIN..RUN_MAX blocks, broken where
 * the river takes an edge away. */
static void draw_long(struct lines *l, const struct grid *gr, struct rng *r, int vertical, size_t i,
                      size_t n)
{
    for (size_t k = 0; k + 1 < n;) {
        if (crosses_river(gr, vertical, i, k)) {
            k++;
            continue;
        }
        size_t run = RUN_MIN + (size_t)(rng_next(r) % (RUN_MAX - RUN_MIN + 1));
        size_t m = k;
        double x, y;
        grid_vertex(gr, vertical, i, k, &x, &y);
        lines_point(l, x, y);
        while (m + 1 < n && m - k < run && !crosses_river(gr, vertical, i, m)) {
            m++;
            grid_vertex(gr, vertical, i, m, &x, &y);
            lines_point(l, x, y);
        }
        lines_end(l);
        k = m;
    }
}

/* Draws row or column i (n vertices) one block per line: some left out, some ending
 * SHORT_M before the vertex at one of their ends. */
static void draw_blocks(struct lines *l, const struct grid *gr, struct rng *r, int vertical,
                        size_t i, size_t n)
{
    for (size_t k = 0; k + 1 < n; k++) {
        double u = rng_unit(r);
        if (crosses_river(gr, vertical, i, k))
            continue;
        if (u < MISSING) {
            l->n_missing++;
            continue;
        }
        double ax, ay, bx, by;
        grid_vertex(gr, vertical, i, k, &ax, &ay);
        grid_vertex(gr, vertical, i, k + 1, &bx, &by);
        if (u < MISSING + SHORT) {
            l->n_short++;
            double len = hypot(bx - ax, by - ay);
            double dx = (bx - ax) / len * SHORT_M, dy = (by - ay) / len * SHORT_M;
            if (rng_next(r) & 1) {
                bx -= dx;
                by -= dy;
            } else {
                ax += dx;
                ay += dy;
            }
        }
        lines_point(l, ax, ay);
        lines_point(l, bx, by);
        lines_end(l);
    }
}

/* Draws an avenue from (x0, y0) to (x1, y1), bending every 20 blocks by up to a third of a
 * block, so it meets streets between their vertices. */
static void draw_avenue(struct lines *l, struct rng *r, double x0, double y0, double x1, double y1)
{
    double len = hypot(x1 - x0, y1 - y0);
    size_t n = (size_t)(len / (20 * BLOCK_M)) + 1;
    double nx = -(y1 - y0) / len, ny = (x1 - x0) / len;
    for (size_t k = 0; k <= n; k++) {
        double t = (double)k / (double)n;
        double off = k == 0 || k == n ? 0 : rng_range(r, -BLOCK_M / 3, BLOCK_M / 3);
        lines_point(l, x0 + t * (x1 - x0) + off * nx, y0 + t * (y1 - y0) + off * ny);
    }
    lines_end(l);
}

/* The synthetic network of about `edges` edges for `seed`, into *l (caller frees l->xy and
 * l->start) and *gr (caller frees gr->vx and gr->vy). Exits on out of memory. */
static void synthesize(size_t edges, uint64_t seed, struct lines *l, struct grid *gr)
{
    struct rng r = {seed};
    /* 2 n (n - 1) block edges, a few percent of them missing */
    size_t n = (size_t)ceil(sqrt((double)edges / (2 * (1 - MISSING)))) + 1;
    if (n < 4)
        n = 4;
    *gr =
        (struct grid){n, n, n / 2, malloc(n * n * sizeof(double)), malloc(n * n * sizeof(double))};
    if (gr->vx == NULL || gr->vy == NULL)
        die_oom();
    for (size_t j = 0; j < n; j++)
        for (size_t i = 0; i < n; i++) {
            gr->vx[j * n + i] = (double)i * BLOCK_M + rng_range(&r, -JITTER_M, JITTER_M);
            gr->vy[j * n + i] = (double)j * BLOCK_M + rng_range(&r, -JITTER_M, JITTER_M);
        }
    memset(l, 0, sizeof *l);
    for (int vertical = 0; vertical <= 1; vertical++)
        for (size_t i = 0; i < n; i++) {
            if (i % LONG_EVERY == 0)
                draw_long(l, gr, &r, vertical, i, n);
            else
                draw_blocks(l, gr, &r, vertical, i, n);
        }
    double w = (double)(n - 1) * BLOCK_M;
    draw_avenue(l, &r, 0.05 * w, 0, 0.95 * w, w);
    draw_avenue(l, &r, 0, 0.8 * w, w, 0.3 * w);
}

/* Seconds on the monotonic clock. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Peak resident memory of the process so far, MB. */
static double peak_rss_mb(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return NAN;
    return (double)ru.ru_maxrss / 1024.0; /* Linux: kB */
}

/* Heap memory in use (glibc's count of allocated bytes), MB. */
static double heap_mb(void)
{
    struct mallinfo2 mi = mallinfo2();
    return (double)(mi.uordblks + mi.hblkhd) / 1048576.0;
}

/* n with thousands separators, in buf (returned). */
static const char *grouped(size_t n, char buf[32])
{
    char digits[24];
    int len = snprintf(digits, sizeof digits, "%zu", n);
    size_t o = 0;
    for (int k = 0; k < len; k++) {
        if (k > 0 && (len - k) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[k];
    }
    buf[o] = '\0';
    return buf;
}

/* Prints one row of the table: the stage, its seconds, the peak memory so far and the
 * figures (printf-style). */
static void row(const char *stage, double seconds, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void row(const char *stage, double seconds, const char *fmt, ...)
{
    char figures[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(figures, sizeof figures, fmt, ap);
    va_end(ap);
    printf("%-38s %8.3f %8.0f  %s\n", stage, seconds, peak_rss_mb(), figures);
}

/* Prints the library's last error and exits. */
static void die(const char *what)
{
    fprintf(stderr, "bench_network: %s: %s\n", what, pc_error_message());
    exit(1);
}

/* qsort order of doubles, ascending. */
static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Solves RUNS times with `limit`; returns the median seconds, the runs in t[RUNS]. Exits
 * on error. */
static double solve_median(struct pc_network *net, double limit, double t[RUNS])
{
    double sorted[RUNS];
    for (int k = 0; k < RUNS; k++) {
        double t0 = now();
        if (pc_network_solve(net, limit) != PC_OK)
            die("solving");
        sorted[k] = t[k] = now() - t0;
    }
    qsort(sorted, RUNS, sizeof *sorted, by_value);
    return sorted[RUNS / 2];
}

/* Reads a count argument (digits, optionally with ',' or '_' between them); -1 if bad. */
static int parse_count(const char *s, uint64_t *out)
{
    uint64_t v = 0;
    int digits = 0;
    for (; *s; s++) {
        if (*s == ',' || *s == '_')
            continue;
        if (*s < '0' || *s > '9' || v > (UINT64_MAX - 9) / 10)
            return -1;
        v = 10 * v + (uint64_t)(*s - '0');
        digits++;
    }
    *out = v;
    return digits > 0 ? 0 : -1;
}

/* Synthesises the network, times each stage and prints the table. Exits 0, 1 on a library
 * error or out of memory (message on stderr), 2 on bad arguments. */
int main(int argc, char **argv)
{
    uint64_t edges = 1000000, seed = 1;
    if (argc > 3 || (argc > 1 && (parse_count(argv[1], &edges) != 0 || edges == 0)) ||
        (argc > 2 && parse_count(argv[2], &seed) != 0)) {
        fprintf(stderr, "usage: bench_network [EDGES [SEED]]   (default 1000000 edges, seed 1)\n");
        return 2;
    }
    char b1[32], b2[32], b3[32], b4[32];
    struct pc_geos *g = pc_geos_new();
    if (g == NULL)
        die_oom();

    struct lines l;
    struct grid gr;
    synthesize((size_t)edges, seed, &l, &gr);
    double w = (double)(gr.nx - 1) * BLOCK_M;
    printf("bench_network: %s edges asked, seed %llu: %zu x %zu vertices, %.0f m blocks, "
           "%.1f x %.1f km, snap %.0f m, GEOS %s\n",
           grouped((size_t)edges, b1), (unsigned long long)seed, gr.nx, gr.ny, BLOCK_M, w / 1000,
           w / 1000, SNAP_M, GEOSversion());
    printf("%-38s %8s %8s  %s\n", "stage", "seconds", "peak MB", "figures");

    /* the GEOS geometries */
    double t0 = now();
    GEOSGeometry **geoms = malloc(l.n * sizeof *geoms);
    if (geoms == NULL)
        die_oom();
    for (size_t k = 0; k < l.n; k++) {
        GEOSCoordSequence *seq = GEOSCoordSeq_copyFromBuffer_r(
            g->h, l.xy + 2 * l.start[k], (unsigned int)(l.start[k + 1] - l.start[k]), 0, 0);
        if (seq == NULL || (geoms[k] = GEOSGeom_createLineString_r(g->h, seq)) == NULL) {
            pc_geos_fail(g, "making a street line");
            die("making the geometries");
        }
    }
    row("create GEOS geometries", now() - t0, "%s lines, %s points, %s ends 1 m short, %s missing",
        grouped(l.n, b1), grouped(l.n_pts, b2), grouped(l.n_short, b3), grouped(l.n_missing, b4));

    /* the graph */
    struct pc_network *net = NULL;
    double heap0 = heap_mb();
    t0 = now();
    if (pc_network_build(g, (const GEOSGeometry *const *)geoms, l.n, SNAP_M, &net) != PC_OK)
        die("building the network");
    double t_build = now() - t0;
    struct pc_network_stats st = pc_network_stats(net);
    row("pc_network_build (node, snap, index)", t_build,
        "%s nodes, %s edges, %s snapped, %.0f km; graph %.0f MB", grouped(st.n_nodes, b1),
        grouped(st.n_edges, b2), grouped(st.n_snapped, b3), st.length_m / 1000, heap_mb() - heap0);
    for (size_t k = 0; k < l.n; k++)
        GEOSGeom_destroy_r(g->h, geoms[k]);
    free(geoms);

    /* parcels and facilities, uniform over the grid */
    struct rng r = {seed ^ 0x5A5A5A5A5A5A5A5AULL};
    struct pc_network_link *parcels = malloc(N_PARCELS * sizeof *parcels);
    if (parcels == NULL)
        die_oom();
    double *px = malloc(N_PARCELS * 2 * sizeof *px);
    if (px == NULL)
        die_oom();
    for (size_t k = 0; k < 2 * N_PARCELS; k++)
        px[k] = rng_range(&r, 0, w);
    double connectors = 0;
    t0 = now();
    for (size_t k = 0; k < N_PARCELS; k++) {
        if (pc_network_link(net, px[2 * k], px[2 * k + 1], &parcels[k]) != 0) {
            fprintf(stderr, "bench_network: a parcel could not be linked\n");
            return 1;
        }
        connectors += parcels[k].connector;
    }
    row("link parcels", now() - t0, "%s parcels, mean connector %.1f m", grouped(N_PARCELS, b1),
        connectors / N_PARCELS);

    double fxy[2 * N_FACILITIES];
    for (size_t k = 0; k < 2 * N_FACILITIES; k++)
        fxy[k] = rng_range(&r, 0, w);
    t0 = now();
    for (size_t k = 0; k < N_FACILITIES; k++) {
        struct pc_network_link at;
        if (pc_network_link(net, fxy[2 * k], fxy[2 * k + 1], &at) != 0) {
            fprintf(stderr, "bench_network: a facility could not be linked\n");
            return 1;
        }
        if (pc_network_add_source(net, &at, at.connector) != PC_OK)
            die("adding a source");
    }
    row("link + add facilities as sources", now() - t0, "%s facilities", grouped(N_FACILITIES, b1));

    /* the shortest-path pass: the whole graph first, so the 500 m solve is the one left for
     * the lookups below */
    double t_inf[RUNS], t_park[RUNS];
    double m_inf = solve_median(net, INFINITY, t_inf);
    double m_park = solve_median(net, PARK_RADIUS_M, t_park);
    row("pc_network_solve 500 m (median of 3)", m_park, "runs %.3f %.3f %.3f", t_park[0], t_park[1],
        t_park[2]);
    row("pc_network_solve whole graph (median)", m_inf, "runs %.3f %.3f %.3f", t_inf[0], t_inf[1],
        t_inf[2]);

    size_t within = 0;
    t0 = now();
    for (size_t k = 0; k < N_PARCELS; k++)
        if (parcels[k].connector + pc_network_cost_at(net, &parcels[k]) <= PARK_RADIUS_M)
            within++;
    row("pc_network_cost_at parcels", now() - t0, "%s of %s parcels (%.1f%%) within 500 m",
        grouped(within, b1), grouped(N_PARCELS, b4), 100.0 * (double)within / N_PARCELS);

    GEOSGeometry *reached = NULL;
    t0 = now();
    if (pc_network_reached(g, net, PARK_RADIUS_M, &reached) != PC_OK)
        die("reached lines");
    double t_reached = now() - t0;
    double reached_len = 0;
    if (!GEOSLength_r(g->h, reached, &reached_len))
        reached_len = NAN;
    row("pc_network_reached 500 m", t_reached, "%s lines, %.0f km of %.0f km (%.1f%%)",
        grouped((size_t)GEOSGetNumGeometries_r(g->h, reached), b1), reached_len / 1000,
        st.length_m / 1000, 100 * reached_len / st.length_m);
    GEOSGeom_destroy_r(g->h, reached);

    pc_network_free(net);
    free(parcels);
    free(px);
    free(l.xy);
    free(l.start);
    free(gr.vx);
    free(gr.vy);
    pc_geos_free(g);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "bench_network: cannot write the figures\n");
        return 1;
    }
    return 0;
}
