/* cmd_help.c: `plancheck help [COMMAND]`. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "core/error.h"

int pc_cmd_help(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        pc_print_usage(stdout);
        return PC_OK;
    }
    const struct pc_command *cmd = pc_command_find(argv[1]);
    if (cmd == NULL) {
        fprintf(stderr, "plancheck help: unknown command '%s'; see 'plancheck --help'\n", argv[1]);
        return PC_ERR_USAGE;
    }
    if (cmd->fn == pc_cmd_help) {
        pc_print_usage(stdout);
        return PC_OK;
    }
    char *help_argv[] = {argv[1], "--help", NULL};
    return cmd->fn(2, help_argv);
}
