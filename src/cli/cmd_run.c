/* cmd_run.c: `plancheck run PLAN -o DIR|PG:... [--schema NAME] [--overwrite] [--json] [-q]`. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_output.h"
#include "cli/commands.h"
#include "core/error.h"
#include "core/interrupt.h"
#include "core/progress.h"
#include "core/run.h"
#include "core/util.h"

static const char run_usage[] =
    "usage: plancheck run PLAN -o DIR [--overwrite] [--json] [--styles DIR] [-q]\n"
    "       plancheck run PLAN -o PG:CONNECTION [--schema NAME] [--overwrite] [--json] [-q]\n"
    "\n"
    "Reads the layers of the plan file PLAN, evaluates its indicators for the scope and\n"
    "every zone, and writes into DIR:\n"
    "  <name>.sqlite  SpatiaLite: indicator_results, zone layers with each indicator as a\n"
    "                 column, <indicator>_service_area, <indicator>_gaps, growth's\n"
    "                 <indicator>_new_patches and <indicator>_crossings, conflict pieces\n"
    "                 <indicator>_conflicts, _outside and _noise, counted _features,\n"
    "                 <indicator>_structure tables, walking coverage's <indicator>_parcels\n"
    "                 (each parcel's network_m), the plan's map layers, and a default\n"
    "                 QGIS style for each (layer_styles)\n"
    "  *.tif          GeoTIFFs: <indicator>_distance and <indicator>_coverage of straight-line\n"
    "                 coverage, land use, builtup_year; each with a .qml style beside it\n"
    "  <name>.qgs     a styled QGIS project of all of them\n"
    "With -o PG:CONNECTION (a libpq connection string, e.g. PG:\"dbname=city host=db\"), the\n"
    "tables and layers of <name>.sqlite go into schema NAME of that PostGIS database instead,\n"
    "written into a staging schema and renamed into place on success; no GeoTIFFs or project.\n"
    "The results table goes to stdout; progress and notes go to stderr.\n"
    "\n"
    "  -o, --output DIR  output directory (created if missing), or PG:CONNECTION\n"
    "      --schema NAME the PostGIS output's schema (default: the plan's name)\n"
    "      --overwrite   replace existing outputs\n"
    "      --styles DIR  QGIS styles folder (default: $PLANCHECK_STYLES or the built-in one)\n"
    "      --json        print the results as one JSON document instead of a table\n"
    "  -q, --quiet       no progress or routine notes on stderr (warnings stay)\n"
    "  -h, --help        this help\n"
    "\n"
    "Environment: PLANCHECK_THREADS=N measures parcels and unions service areas on N\n"
    "threads (default: one per processor). PLANCHECK_BATCH=N reads a layer that is\n"
    "streamed (parcels, residents and streets used feature by feature) N features at a time\n"
    "(default 16384). Tables with a row per parcel wait for the database in a scratch file\n"
    "in TMPDIR (default /tmp), its name removed at once so nothing is left behind.\n"
    "\n"
    "Exit codes: 0 ok (whatever the pass/fail statuses), 1 the run failed,\n"
    "2 usage, plan or input error (nothing is written then), 130 or 143 interrupted by\n"
    "SIGINT (Ctrl-C) or SIGTERM (nothing is written then either).\n"
    "The plan file format is described in docs/plan-file.md.\n";

static int usage_error(const char *message)
{
    fprintf(stderr, "plancheck run: %s\n%s", message, "see 'plancheck run --help'\n");
    return PC_ERR_USAGE;
}

/* Nonzero if environment variable `name` is unset or a whole number of at least 1; else
 * prints the usage error "NAME='...' is not a number of WHAT (1 or more)" and returns 0. */
static int env_count_ok(const char *name, const char *what)
{
    const char *value = getenv(name);
    int n = 0;
    if (value == NULL || (pc_parse_int(value, &n) == 0 && n >= 1))
        return 1;
    char message[160];
    snprintf(message, sizeof message, "%s='%.40s' is not a number of %s (1 or more)", name, value,
             what);
    usage_error(message);
    return 0;
}

int pc_cmd_run(int argc, char **argv)
{
    static const struct option options[] = {
        {"output", required_argument, NULL, 'o'}, {"overwrite", no_argument, NULL, 'W'},
        {"json", no_argument, NULL, 'j'},         {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},         {"styles", required_argument, NULL, 'S'},
        {"schema", required_argument, NULL, 's'}, {NULL, 0, NULL, 0},
    };
    struct pc_run_options o = {.out = stdout};
    struct cli_output out = {0};
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:qh", options, NULL)) != -1) {
        switch (c) {
        case 'o':
            o.out_dir = optarg;
            break;
        case 'W':
            o.overwrite = 1;
            break;
        case 'j':
            o.json = 1;
            break;
        case 'S':
            o.styles_dir = optarg;
            break;
        case 's':
            o.schema = optarg;
            break;
        case 'q':
            out.quiet = 1;
            break;
        case 'h':
            fputs(run_usage, stdout);
            return PC_OK;
        case ':':
            return usage_error("option needs a value: -o DIR, --styles DIR, --schema NAME");
        default: {
            char message[128];
            snprintf(message, sizeof message, "unknown option '%s'", argv[optind - 1]);
            return usage_error(message);
        }
        }
    }
    if (optind >= argc)
        return usage_error("missing the plan file");
    if (optind + 1 < argc)
        return usage_error("give one plan file");
    if (o.out_dir == NULL)
        return usage_error("missing -o DIR (the output directory)");
    if (!env_count_ok("PLANCHECK_THREADS", "threads") ||
        !env_count_ok("PLANCHECK_BATCH", "features"))
        return PC_ERR_USAGE;
    o.plan_path = argv[optind];

    pc_term_progress_init(&out.progress, stderr);
    if (!out.quiet) {
        o.progress = pc_term_progress;
        o.progress_data = &out.progress;
    }
    o.notice = pc_cli_notice;
    o.notice_data = &out;
    pc_interrupt_install();
    int rc = pc_run(&o);
    pc_term_progress_finish(&out.progress);
    return rc == PC_OK ? PC_OK : pc_report_error();
}
