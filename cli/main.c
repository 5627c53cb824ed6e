/*
 * main.c -- the dyad command: dispatches to the subcommands.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cli_date_ok(const char *value)
{
    int y, m, d;
    char tail;
    if (sscanf(value, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && m >= 1 && m <= 12 &&
        d >= 1 && d <= 31)
        return 1;
    fprintf(stderr, "dyad: --date takes YYYY-MM-DD, not \"%s\"\n", value);
    return 0;
}

static void usage(FILE *out)
{
    fprintf(out,
            "dyad %s -- political event coder\n\n"
            "usage:\n"
            "  dyad code [FILE...] [--in text|jsonl|tabari] [--out jsonl|tsv]\n"
            "            [--dict PATH]... [--project FILE.project] [--date YYYY-MM-DD]\n"
            "            [--threads N] [--explain] [--quiet]\n"
            "  dyad validate FILE.project [--verbose]\n"
            "  dyad dict compile [--dict PATH]... [--project F] -o OUT.dyd\n"
            "  dyad dict check   [--dict PATH]... [--project F]\n"
            "  dyad dict stats   [--dict PATH]... [--project F]\n"
            "  dyad dict lookup PHRASE [--date YYYY-MM-DD] [--dict PATH]...\n\n"
            "With no FILE, dyad code reads standard input.  Exit status: 0 success,\n"
            "1 some input was rejected (the rest was coded), 2 usage or dictionary error.\n",
            DYAD_VERSION);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "code"))
        return cmd_code(argc - 1, argv + 1);
    if (!strcmp(cmd, "validate"))
        return cmd_validate(argc - 1, argv + 1);
    if (!strcmp(cmd, "dict"))
        return cmd_dict(argc - 1, argv + 1);
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        usage(stdout);
        return EXIT_OK;
    }
    if (!strcmp(cmd, "--version")) {
        printf("dyad %s\n", DYAD_VERSION);
        return EXIT_OK;
    }
    fprintf(stderr, "dyad: unknown command \"%s\"\n\n", cmd);
    usage(stderr);
    return EXIT_USAGE;
}
