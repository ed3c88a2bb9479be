/*
 * fuzz_conform.c - the conformance-vector parser and runner on arbitrary
 * vector files (vectors may come from any standards body, so they are
 * untrusted input). Each input is written as <tmpdir>/part/f.vec and run
 * through a trivial executor. Properties: never crash or leak; every case is
 * counted exactly once; every report format writes.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libtrace/trace.h"

static char root[64], part[96], file[128];

static void cleanup(void)
{
    unlink(file);
    rmdir(part);
    rmdir(root);
}

/* Executor: print the words and return the word count mod 5 as the status. */
static int echo_exec(int argc, char **argv, FILE *in, FILE *out, FILE *err, void *payload)
{
    int i;
    (void)in, (void)err, (void)payload;
    for (i = 0; i < argc; i++)
        fprintf(out, "%s%c", argv[i], i + 1 < argc ? ' ' : '\n');
    return argc % 5;
}

static void write_report(const trace_conform_report *r, const char *fmt)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        abort();
    if (trace_conform_report_write(r, fmt, f) != TRACE_OK)
        abort();
    fclose(f);
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    trace_conform_report *r = NULL;
    FILE *f;
    int rc;
    if (!root[0]) {
        snprintf(root, sizeof(root), "/tmp/fuzz-conform-XXXXXX");
        if (!mkdtemp(root))
            abort();
        snprintf(part, sizeof(part), "%s/part", root);
        snprintf(file, sizeof(file), "%s/f.vec", part);
        mkdir(part, 0700);
        atexit(cleanup);
    }
    if (!(f = fopen(file, "wb")))
        abort();
    fwrite(data, 1, size, f);
    fclose(f);
    rc = trace_conform_run(NULL, root, NULL, echo_exec, NULL, &r);
    if (rc != TRACE_OK && rc != TRACE_EDATA) {
        /* seen once and never reproduced: say which status, and errno for I/O */
        fprintf(stderr, "trace_conform_run returned %d (%s), errno %d\n", rc,
                trace_strerror(rc, TRACE_LANG_EN), errno);
        abort();
    }
    write_report(r, "text");
    write_report(r, "json");
    write_report(r, "junit");
    trace_conform_report_free(r);
    return 0;
}
