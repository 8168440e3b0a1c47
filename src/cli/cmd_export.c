/* cmd_export.c: `plancheck export DIR [--styles DIR] [--name NAME] [--overwrite] [-q]`. */
#include <getopt.h>
#include <stdio.h>

#include "cli/cli_output.h"
#include "cli/commands.h"
#include "core/error.h"
#include "core/interrupt.h"
#include "core/export.h"

static const char export_usage[] =
    "usage: plancheck export DIR [--overwrite] [--styles DIR] [--name NAME] [-q]\n"
    "\n"
    "Styles an existing result again: rewrites the default styles in the layer_styles table\n"
    "of DIR/<name>.sqlite, the .qml beside each GeoTIFF and the project DIR/<name>.qgs, from\n"
    "the styles folder. Use it after editing styles, or to make the project again after\n"
    "moving or copying DIR (its paths are relative, so a moved project keeps working).\n"
    "\n"
    "      --overwrite   replace the existing project and .qml files (needed when they exist)\n"
    "      --styles DIR  QGIS styles folder (default: $PLANCHECK_STYLES or the built-in one)\n"
    "      --name NAME   the result to style when DIR holds several databases\n"
    "  -q, --quiet       no routine notes on stderr\n"
    "  -h, --help        this help\n"
    "\n"
    "Exit codes: 0 ok, 1 failed while writing, 2 usage error or not a plancheck result,\n"
    "130 or 143 interrupted by SIGINT (Ctrl-C) or SIGTERM (each file is replaced whole or\n"
    "not at all; no temporary file is left).\n";

static int usage_error(const char *message)
{
    fprintf(stderr, "plancheck export: %s\nsee 'plancheck export --help'\n", message);
    return PC_ERR_USAGE;
}

int pc_cmd_export(int argc, char **argv)
{
    static const struct option options[] = {
        {"overwrite", no_argument, NULL, 'W'},  {"styles", required_argument, NULL, 'S'},
        {"name", required_argument, NULL, 'n'}, {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},       {NULL, 0, NULL, 0},
    };
    struct pc_export_options o = {0};
    struct cli_output out = {0};
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":qh", options, NULL)) != -1) {
        switch (c) {
        case 'W':
            o.overwrite = 1;
            break;
        case 'S':
            o.styles_dir = optarg;
            break;
        case 'n':
            o.name = optarg;
            break;
        case 'q':
            out.quiet = 1;
            break;
        case 'h':
            fputs(export_usage, stdout);
            return PC_OK;
        case ':':
            return usage_error("option needs a value: --styles DIR, --name NAME");
        default: {
            char message[128];
            snprintf(message, sizeof message, "unknown option '%s'", argv[optind - 1]);
            return usage_error(message);
        }
        }
    }
    if (optind >= argc)
        return usage_error("missing the output directory of a run");
    if (optind + 1 < argc)
        return usage_error("give one directory");
    o.dir = argv[optind];
    pc_term_progress_init(&out.progress, stderr);
    o.notice = pc_cli_notice;
    o.notice_data = &out;
    pc_interrupt_install();
    int rc = pc_export(&o);
    int sig = pc_interrupted();
    if (rc != PC_OK && sig != 0) {
        /* each file goes through a temporary and a rename: those renamed before the signal
         * are restyled whole, the rest are as they were */
        fprintf(stderr,
                "plancheck: interrupted by %s: files restyled before it are complete, the "
                "others as they were; no temporary file left\n",
                pc_interrupt_name(sig));
        return 128 + sig;
    }
    return rc == PC_OK ? PC_OK : pc_report_error();
}
