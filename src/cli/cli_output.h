/* cli_output.h: what subcommands print on stderr: progress and "plancheck: ..." notes. */
#ifndef PC_CLI_OUTPUT_H
#define PC_CLI_OUTPUT_H

#include "core/progress.h"

struct cli_output {
    struct pc_term_progress progress;
    int quiet; /* -q: no progress, no routine notes (warnings stay) */
};

/* pc_notice_fn: one "plancheck: ..." line on stderr, after closing a progress line; data is
 * a struct cli_output. */
void pc_cli_notice(int is_warning, const char *line, void *data);

#endif
