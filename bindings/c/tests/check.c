/*
 * The C ABI as a C program uses it, linked against libahrefs_filter_c.a and the header
 * (bindings/c/test.sh builds and runs it). Expected values are worked out by hand from
 * filter-spec.md and the README's examples; the JSON is compared as text, so the field
 * order of the CLI's JSON shapes is checked too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ahrefs_filter.h"

static int failures = 0;
static int passed = 0;

/* Frees `json` after checking that it contains each of the NULL-terminated `parts`. */
static void expect(const char *what, char *json, const char *const *parts) {
    int ok = json != NULL;
    for (const char *const *p = parts; ok && *p != NULL; p++) {
        if (strstr(json, *p) == NULL) {
            fprintf(stderr, "FAIL %s: missing %s\n  in %s\n", what, *p, json);
            ok = 0;
        }
    }
    if (json == NULL) {
        fprintf(stderr, "FAIL %s: NULL\n", what);
    }
    if (ok) {
        passed++;
    } else {
        failures++;
    }
    ahrefs_filter_free(json);
}

/* Frees `json` after checking that it is exactly `want`. */
static void expect_exact(const char *what, char *json, const char *want) {
    if (json != NULL && strcmp(json, want) == 0) {
        passed++;
    } else {
        fprintf(stderr, "FAIL %s:\n  got  %s\n  want %s\n", what, json ? json : "(NULL)", want);
        failures++;
    }
    ahrefs_filter_free(json);
}

int main(void) {
    /* The README's first example: a having-only column in where. */
    expect("check", ahrefs_filter_check("backlinks_one_per_domain", "domain_rating>30", NULL, NULL),
           (const char *const[]){
               "{\"table\":\"backlinks_one_per_domain\",\"diagnostics\":[{\"severity\":\"error\","
               "\"code\":\"clause-not-allowed\",\"message\":\"column `domain_rating` cannot be used "
               "in `where` of table `backlinks_one_per_domain`\",\"clause\":\"where\","
               "\"span\":{\"start\":0,\"end\":13,\"byte_start\":0,\"byte_end\":13},"
               "\"help\":\"move `domain_rating>30` to `having`\",\"fix\":{",
               "\"canonical\":{\"where\":\"domain_rating>30\",\"having\":null}}",
               NULL});

    /* Spans count bytes in C: `nope` is bytes 16..20 after `é` (2 bytes) and `😀` (4). */
    const char *where = "anchor=\"\xc3\xa9\xf0\x9f\x98\x80\",nope=1";
    char *report = ahrefs_filter_check("anchors", where, NULL, NULL);
    expect("check non-ASCII", report,
           (const char *const[]){"\"code\":\"unknown-column\"",
                                 "\"span\":{\"start\":16,\"end\":20,\"byte_start\":16,\"byte_end\":20}",
                                 NULL});
    if (strncmp(where + 16, "nope", 4) != 0) {
        fprintf(stderr, "FAIL slice\n");
        failures++;
    }

    expect_exact("fix",
                 ahrefs_filter_fix("backlinks_one_per_domain", "domain_rating>30, anchor=seo", NULL, NULL),
                 "{\"where\":\"anchor=\\\"seo\\\"\",\"having\":\"domain_rating>30\",\"applied\":2}");

    expect_exact("format", ahrefs_filter_format("ahrefs_rank > 007 , type:\"lost\""),
                 "\"ahrefs_rank>7,type=\\\"lost\\\"\"");

    expect("format error", ahrefs_filter_format("ahrefs_rank!=1"),
           (const char *const[]){"{\"error\":{\"kind\":\"syntax\",\"message\":\"`!=` is not a v2 operator",
                                 "\"help\":\"v2 writes \\\"not equal\\\" as `<>`\"", NULL});

    expect("parse", ahrefs_filter_parse("gov=true"),
           (const char *const[]){"\"name\":\"gov\"", "\"value\":true", NULL});

    expect("lint_url",
           ahrefs_filter_lint_url("https://apiv2.ahrefs.com/?token=0123abcd&from=refdomains"
                                  "&target=ahrefs.com&mode=domian",
                                  NULL),
           (const char *const[]){"{\"url\":\"https://apiv2.ahrefs.com/?token=***&from=refdomains"
                                 "&target=ahrefs.com&mode=domian\",\"table\":\"refdomains\"",
                                 "\"code\":\"invalid-parameter\"",
                                 /* `domian` is bytes 75..81 of the redacted URL */
                                 "\"span\":{\"start\":75,\"end\":81,",
                                 "\"help\":\"did you mean `domain`?\"", NULL});

    expect("lint_urls", ahrefs_filter_lint_urls("[\"from=pages\", \"from=refdomains&target=a.com&mode=exact\"]", NULL),
           (const char *const[]){"[{\"url\":\"from=pages\"", "\"code\":\"missing-parameter\"",
                                 "{\"url\":\"from=refdomains&target=a.com&mode=exact\",\"table\":\"refdomains\","
                                 "\"diagnostics\":[]",
                                 NULL});

    /* 10 (request) + 2 × 1000 (results) + 5 (where) + 5 (having) */
    expect("cost", ahrefs_filter_cost("backlinks_one_per_domain", 1000, "ahrefs_rank>10", "domain_rating>30", NULL),
           (const char *const[]){"\"table\":\"backlinks_one_per_domain\"", "\"rows\":1000",
                                 "\"where_sent\":true", "\"total\":2020", NULL});
    expect("cost unknown", ahrefs_filter_cost("pages", 1000, NULL, NULL, NULL),
           (const char *const[]){"\"where_sent\":false", "\"total\":null", NULL});
    expect("cost unknown table", ahrefs_filter_cost("backlink", 1, NULL, NULL, NULL),
           (const char *const[]){"{\"error\":{\"kind\":\"unknown-table\"", "did you mean `backlinks`?", NULL});

    expect("tables", ahrefs_filter_tables(NULL),
           (const char *const[]){"{\"tables\":{\"ahrefs_rank\":{", "\"refdomains\":{", NULL});
    expect("table", ahrefs_filter_table("refdomains", NULL),
           (const char *const[]){"{\"tables\":{\"refdomains\":{", "\"domain_rating\":{",
                                 "\"description\":\"Domain Rating of the referring domain.\"", NULL});

    /* Options: a warning turned off, an error code refused, today's date, a user schema. */
    expect_exact("no_lint",
                 ahrefs_filter_check("backlinks", "ahrefs_rank>10,ahrefs_rank>10", NULL, "{\"no_lint\":[\"duplicate\"]}"),
                 "{\"table\":\"backlinks\",\"diagnostics\":[],\"canonical\":{\"where\":\"ahrefs_rank>10,ahrefs_rank>10\",\"having\":null}}");
    expect("no_lint error", ahrefs_filter_check("backlinks", NULL, NULL, "{\"no_lint\":[\"syntax\"]}"),
           (const char *const[]){"{\"error\":{\"kind\":\"invalid-options\",\"message\":\"`syntax` is an error; "
                                 "only warnings can be turned off\",\"diagnostics\":[]}}",
                                 NULL});
    expect("today", ahrefs_filter_check("refdomains", "first_seen=\"2030-01-01\"", NULL, "{\"today\":\"2026-12-01\"}"),
           (const char *const[]){"\"severity\":\"warning\",\"code\":\"future-date\"", NULL});
    expect("schema",
           ahrefs_filter_check("mine", "score=\"x\"", NULL,
                               "{\"schema\":\"{\\\"tables\\\":{\\\"mine\\\":{\\\"columns\\\":{\\\"score\\\":"
                               "{\\\"type\\\":\\\"int\\\",\\\"where\\\":true,\\\"having\\\":false}}}}}\"}"),
           (const char *const[]){"\"table\":\"mine\"", "\"code\":\"type-mismatch\"", NULL});
    expect("bad options", ahrefs_filter_check("backlinks", NULL, NULL, "{\"nolint\":[]}"),
           (const char *const[]){"{\"error\":{\"kind\":\"invalid-options\"", "unknown field `nolint`", NULL});

    /* NULL safety and bad input: an error reply, never a crash. */
    expect("NULL table", ahrefs_filter_check(NULL, NULL, NULL, NULL),
           (const char *const[]){"{\"error\":{\"kind\":\"invalid-arguments\",\"message\":\"`table` is NULL\"", NULL});
    expect("NULL filter", ahrefs_filter_format(NULL),
           (const char *const[]){"\"message\":\"`filter` is NULL\"", NULL});
    expect("not UTF-8", ahrefs_filter_format("anchor=\"\xff\""),
           (const char *const[]){"\"message\":\"`filter` is not UTF-8 (at byte 8)\"", NULL});
    expect("urls not an array", ahrefs_filter_lint_urls("{\"a\":1}", NULL),
           (const char *const[]){"\"kind\":\"invalid-arguments\"", "`urls_json` is not a JSON array of strings", NULL});
    ahrefs_filter_free(NULL);

    printf("%d passed, %d failed\n", passed, failures);
    return failures == 0 ? 0 : 1;
}
