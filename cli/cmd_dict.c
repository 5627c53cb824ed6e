/*
 * cmd_dict.c -- "dyad dict compile|check|stats|lookup": dictionary tools.
 *
 *   compile  loads the dictionaries and writes the binary form (-o FILE)
 *   check    loads them and reports every warning and error with file:line;
 *            exits 2 when there is an error
 *   stats    counts of entries, patterns, codes and memory, and load time
 *   lookup   which entries a phrase matches and the code each gives on a date
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void print_hit(void *user, const dyad_lookup_hit *h)
{
    (void)user;
    printf("%-10s %-32s %-14s %s:%ld\n           all codes: %s\n", h->kind, h->entry, h->code,
           h->file, h->line, h->all_codes);
}

int cmd_dict(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "dyad: dict needs compile, check, stats or lookup\n");
        return EXIT_USAGE;
    }
    const char *sub = argv[1];
    dict_args dicts;
    memset(&dicts, 0, sizeof dicts);
    const char *out = NULL, *date = NULL, *phrase = NULL;
    for (int i = 2; i < argc; i++) {
        int r = cli_dict_option(&dicts, argc, argv, &i);
        if (r < 0)
            return EXIT_USAGE;
        if (r > 0)
            continue;
        if (!strcmp(argv[i], "-o") && i + 1 < argc)
            out = argv[++i];
        else if (!strcmp(argv[i], "--date") && i + 1 < argc) {
            date = argv[++i];
            if (!cli_date_ok(date))
                return EXIT_USAGE;
        }
        else if (!strcmp(argv[i], "--quiet"))
            dicts.quiet = 1;
        else if (argv[i][0] != '-' && !phrase)
            phrase = argv[i];
        else {
            fprintf(stderr, "dyad: dict %s: unexpected argument \"%s\"\n", sub, argv[i]);
            return EXIT_USAGE;
        }
    }
    int is_check = !strcmp(sub, "check");
    /* stats and lookup only count warnings; check and compile show them */
    if (!is_check && strcmp(sub, "compile"))
        dicts.quiet = 1;
    double t0 = now_seconds();
    dyad_dict *d = cli_load_dict(&dicts);
    double seconds = now_seconds() - t0;
    if (!d)
        return EXIT_USAGE;
    int status = EXIT_OK;
    if (!strcmp(sub, "compile")) {
        if (!out) {
            fprintf(stderr, "dyad: dict compile needs -o FILE\n");
            status = EXIT_USAGE;
        } else if (dicts.errors) {
            /* a compiled file must not hide the errors its sources had */
            fprintf(stderr, "dyad: %ld dictionary errors; %s not written\n", dicts.errors, out);
            status = EXIT_USAGE;
        } else {
            dyad_error err;
            memset(&err, 0, sizeof err);
            if (dyad_dict_save(d, out, &err)) {
                fprintf(stderr, "dyad: %s: %s\n", err.where, err.message);
                status = EXIT_USAGE;
            } else {
                fprintf(stderr, "dyad: wrote %s\n", out);
            }
        }
    } else if (is_check) {
        printf("%ld errors, %ld warnings\n", dicts.errors, dicts.warnings);
        status = dicts.errors ? EXIT_USAGE : EXIT_OK;
    } else if (!strcmp(sub, "stats")) {
        dyad_dict_stats st;
        dyad_dict_get_stats(d, &st);
        printf("actors        %zu\nagents        %zu\nverbs         %zu\npatterns      %zu\n"
               "synsets       %zu\nnouns         %zu\nadjectives    %zu\ntime phrases  %zu\n"
               "attribution   %zu\nliterals      %zu\ncodes         %zu\nevent codes   %zu\n"
               "memory        %.1f MB\nload time     %.1f ms\n",
               st.actors, st.agents, st.verbs, st.patterns, st.synsets, st.nouns, st.adjectives,
               st.time_phrases, st.attribution_phrases, st.literals, st.codes, st.event_codes,
               (double)st.bytes / 1e6, seconds * 1000);
    } else if (!strcmp(sub, "lookup")) {
        if (!phrase) {
            fprintf(stderr, "dyad: dict lookup needs a phrase\n");
            status = EXIT_USAGE;
        } else if (!dyad_dict_lookup(d, phrase, date, print_hit, NULL)) {
            printf("no entry matches \"%s\"\n", phrase);
            status = EXIT_REJECTED;
        }
    } else {
        fprintf(stderr, "dyad: unknown dict command \"%s\"\n", sub);
        status = EXIT_USAGE;
    }
    dyad_dict_close(d);
    return status;
}
