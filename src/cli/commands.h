/* commands.h: the subcommands main() dispatches to; each parses its own options. */
#ifndef PC_COMMANDS_H
#define PC_COMMANDS_H

#include <stdio.h>

/* A subcommand: argv[0] is its name. Returns the process exit code (0, 1 or 2). */
typedef int (*pc_command_fn)(int argc, char **argv);

struct pc_command {
    const char *name;
    pc_command_fn fn;
    const char *summary;
};

int pc_cmd_run(int argc, char **argv);
int pc_cmd_export(int argc, char **argv);
int pc_cmd_help(int argc, char **argv);

/* Prints the general usage with the command list to f. */
void pc_print_usage(FILE *f);

/* The command called `name`, or NULL. */
const struct pc_command *pc_command_find(const char *name);

/* Prints "plancheck: MESSAGE" of the last error to stderr and returns its exit code; after
 * SIGINT or SIGTERM, the one line that says so, and 128 + the signal. */
int pc_report_error(void);

#endif
