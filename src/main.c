/* main.c: the command table and dispatch; everything else is in the library. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "core/error.h"
#include "core/interrupt.h"

/* git-style command table: one row per subcommand. */
static const struct pc_command commands[] = {
    {"run", pc_cmd_run, "evaluate a plan's indicators and write the results"},
    {"export", pc_cmd_export, "write the QGIS styles and project of a result again"},
    {"help", pc_cmd_help, "show help for a command"},
};

const struct pc_command *pc_command_find(const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

void pc_print_usage(FILE *f)
{
    fprintf(f, "usage: plancheck [--version] [--help] COMMAND [ARGS]\n\n"
               "Checks a city's spatial plan against its map data.\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n'plancheck COMMAND --help' describes a command.\n"
               "Exit codes: 0 ok, 1 the run failed, 2 usage or plan error.\n");
}

int pc_report_error(void)
{
    int sig = pc_interrupted();
    if (sig != 0) {
        /* the command stopped at a checkpoint and cleaned up like after any failure */
        fprintf(stderr,
                "plancheck: interrupted by %s: nothing written, any earlier output left as "
                "it was\n",
                pc_interrupt_name(sig));
        return 128 + sig;
    }
    int code = pc_error_code();
    fprintf(stderr, "plancheck: %s\n", pc_error_message()[0] ? pc_error_message() : "failed");
    return code == PC_OK ? PC_ERR_RUN : code;
}

/* Flushes and closes stdout; a result lost to a full disk or closed pipe is a failure. */
static int close_stdout(int code)
{
    if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
        fprintf(stderr, "plancheck: cannot write the results to standard output\n");
        return code == 0 ? PC_ERR_RUN : code;
    }
    return code;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        pc_print_usage(stderr);
        return PC_ERR_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
        printf("plancheck %s\n", PLANCHECK_VERSION);
        return close_stdout(0);
    }
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        pc_print_usage(stdout);
        return close_stdout(0);
    }
    const struct pc_command *cmd = pc_command_find(name);
    if (cmd == NULL) {
        fprintf(stderr, "plancheck: unknown command '%s'; see 'plancheck --help'\n", name);
        return PC_ERR_USAGE;
    }
    return close_stdout(cmd->fn(argc - 1, argv + 1));
}
