/*
 * cli.h -- pieces shared by the dyad subcommands: loading dictionaries
 * from the command line with diagnostics on stderr, and small helpers.
 * The CLI is a client of the public header only.
 */
#ifndef DYAD_CLI_H
#define DYAD_CLI_H

#include <stdio.h>

#include "dyad.h"

/* Exit codes (DESIGN.md: the contract other tools rely on). */
enum { EXIT_OK = 0, EXIT_REJECTED = 1, EXIT_USAGE = 2 };

typedef struct dict_args {
    const char *paths[64];
    size_t n;
    int quiet;         /* --quiet: no warnings */
    long warnings, errors;
} dict_args;

/* Consumes --dict PATH / --project FILE (and --dict=PATH) at argv[*i];
 * returns 1 when it did, 0 when argv[*i] is something else, -1 on a
 * missing value. */
int cli_dict_option(dict_args *a, int argc, char **argv, int *i);

/* Loads the dictionaries named (or dyad's default one).  Warnings and
 * errors go to stderr as "file:line: warning: ..."; returns NULL after
 * printing the reason when nothing could be loaded. */
dyad_dict *cli_load_dict(dict_args *a);

/* Whether a --date value is a YYYY-MM-DD date; prints the usage message
 * when it is not. */
int cli_date_ok(const char *value);

/* Reads a whole file; NULL (and a message on stderr) on failure. */
char *cli_read_file(const char *path, size_t *len);

int cmd_code(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_dict(int argc, char **argv);

#endif
