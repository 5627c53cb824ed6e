/*
 * dictload.c -- command-line dictionary options and loading, shared by all
 * subcommands.  Diagnostics are printed as "file:line: warning: message",
 * the form editors and CI logs recognise.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* The default dictionary, data/dyad compiled at build time (CMakeLists.txt):
 * a dyad run from its build directory uses the build's copy, an installed
 * dyad the installed one (so neither picks up a stale copy of the other). */
#ifndef DYAD_INSTALL_DICT
#define DYAD_INSTALL_DICT "/usr/local/share/dyad/dyad.dyd"
#endif
#ifndef DYAD_BUILD_DICT
#define DYAD_BUILD_DICT "dyad.dyd"
#endif

/* Whether this program runs from the directory that holds `path`. */
static int runs_beside(const char *path)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    const char *slash = strrchr(path, '/');
    if (n <= 0 || !slash)
        return 0;
    exe[n] = '\0';
    char *exe_slash = strrchr(exe, '/');
    return exe_slash && exe_slash - exe == slash - path &&
           !strncmp(exe, path, (size_t)(slash - path));
}

static const char *default_dict(void)
{
    const char *env = getenv("DYAD_DICT");
    if (env && *env)
        return env;
    if (runs_beside(DYAD_BUILD_DICT) || access(DYAD_INSTALL_DICT, R_OK) != 0)
        return DYAD_BUILD_DICT;
    return DYAD_INSTALL_DICT;
}

int cli_dict_option(dict_args *a, int argc, char **argv, int *i)
{
    const char *arg = argv[*i];
    const char *value = NULL;
    if (!strcmp(arg, "--dict") || !strcmp(arg, "--project")) {
        if (*i + 1 >= argc) {
            fprintf(stderr, "dyad: %s needs a file name\n", arg);
            return -1;
        }
        value = argv[++*i];
    } else if (!strncmp(arg, "--dict=", 7)) {
        value = arg + 7;
    } else if (!strncmp(arg, "--project=", 10)) {
        value = arg + 10;
    } else {
        return 0;
    }
    if (a->n == sizeof a->paths / sizeof *a->paths) {
        fprintf(stderr, "dyad: too many dictionaries\n");
        return -1;
    }
    a->paths[a->n++] = value;
    return 1;
}

static void print_diag(void *user, dyad_severity severity, const dyad_error *e)
{
    dict_args *a = user;
    if (severity == DYAD_ERROR)
        a->errors++;
    else
        a->warnings++;
    if (a->quiet && severity == DYAD_WARNING)
        return;
    fprintf(stderr, "%s:%ld: %s: %s\n", e->where, e->line,
            severity == DYAD_ERROR ? "error" : "warning", e->message);
}

dyad_dict *cli_load_dict(dict_args *a)
{
    dyad_dict_source sources[64];
    size_t n = a->n;
    if (n == 0) {
        sources[0].path = default_dict();
        sources[0].kind = DYAD_SOURCE_AUTO;
        n = 1;
    } else {
        for (size_t i = 0; i < n; i++) {
            sources[i].path = a->paths[i];
            sources[i].kind = DYAD_SOURCE_AUTO;
        }
    }
    dyad_error err;
    memset(&err, 0, sizeof err);
    dyad_dict *d = dyad_dict_load(sources, n, print_diag, a, &err);
    if (!d) {
        fprintf(stderr, "dyad: %s%s%s\n", err.where, err.where[0] ? ": " : "", err.message);
        return NULL;
    }
    if (a->warnings && a->quiet)
        fprintf(stderr, "dyad: %ld dictionary warnings (not shown: --quiet)\n", a->warnings);
    return d;
}

char *cli_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "dyad: %s: cannot open file\n", path);
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *bigger = realloc(buf, cap * 2 + 1);
            if (!bigger) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    int bad = ferror(f);
    fclose(f);
    if (!buf || bad) {
        free(buf);
        fprintf(stderr, "dyad: %s: read error\n", path);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}
