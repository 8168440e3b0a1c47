/* cli_output.c: stderr notes shared by the subcommands. */
#include "cli/cli_output.h"

#include <stdio.h>

void pc_cli_notice(int is_warning, const char *line, void *data)
{
    struct cli_output *out = data;
    if (out->quiet && !is_warning)
        return;
    pc_term_progress_finish(&out->progress);
    fprintf(stderr, "plancheck: %s%s\n", is_warning ? "warning: " : "", line);
}
