/* support.h: fixtures for unit tests: temporary directories, GeoJSON squares, plan files,
 * and evaluating a plan through the library. */
#ifndef PC_TEST_SUPPORT_H
#define PC_TEST_SUPPORT_H

#include <stddef.h>

#include "indicators/eval.h"
#include "plan/plan.h"

/* Fails the test unless |actual - expected| <= tolerance, printing both (cmocka 1.1.5 has no
 * assert_double_equal). */
#define assert_near(actual, expected, tolerance)                                                   \
    fx_assert_near((actual), (expected), (tolerance), #actual, __FILE__, __LINE__)
void fx_assert_near(double actual, double expected, double tolerance, const char *what,
                    const char *file, int line);

/* Fails the test unless `needle` occurs in `text`, printing both. */
#define assert_contains(text, needle) fx_assert_contains((text), (needle), __FILE__, __LINE__)
void fx_assert_contains(const char *text, const char *needle, const char *file, int line);

/* Offset of fixture coordinates: inside Yongchuan in EPSG:4544, so numbers look real. */
#define FX_X0 590000.0
#define FX_Y0 3249000.0

/* Geometry from WKT in context g; fails the test on bad WKT. Caller destroys. */
GEOSGeometry *fx_wkt(struct pc_geos *g, const char *text);

/* A new empty temporary directory (static buffer); aborts the test on failure. */
const char *fx_tempdir(void);

/* Writes `text` to DIR/NAME; returns the path (static buffer, one per call site is enough). */
const char *fx_write(const char *dir, const char *name, const char *text);

/* One feature of a GeoJSON fixture: an axis-aligned rectangle (offsets from FX_X0/FX_Y0)
 * with properties given as a JSON object body such as "\"name\": \"A\"". */
struct fx_rect {
    double x1, y1, x2, y2;
    const char *properties;
};

/* Writes DIR/NAME.geojson in EPSG:4544 holding the rectangles. */
void fx_geojson(const char *dir, const char *name, const struct fx_rect *rects, size_t n);

/* A plan evaluated through the library (as `plancheck run` does, minus the writing). */
struct fx_run {
    struct pc_plan plan;
    struct pc_geos *g;
    struct pc_eval ev;
    int rc; /* PC_OK or the error code of the first failing step */
};

/* Loads and evaluates the plan at path; check run->rc. Release with fx_run_free(). */
void fx_run_plan(const char *path, struct fx_run *run);
void fx_run_free(struct fx_run *run);

/* The result row of indicator id in zone (NULL: the scope row); fails the test if absent. */
const struct pc_result *fx_result(const struct fx_run *run, const char *id, const char *zone);

#endif
