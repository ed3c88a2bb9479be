/*
 * conform.c - the conformance runner: parse *.vec files (format in
 * spec/conformance.md), run each case through the caller's executor,
 * compare exit status and output bytes, and report as text, JSON or JUnit.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

#define MAX_ARGS 64

typedef struct vcase {
    char *id, *part, *file;
    unsigned line;
    int skipped, failed;
    char *message; /* why it failed or was skipped */
} vcase;

struct trace_conform_report {
    trace_allocator alloc;
    vcase *cases;
    size_t n, cap;
    size_t passed, failed, skipped;
};

typedef struct spec_case {
    char id[128];
    unsigned line;
    trace__buf args, in, out;
    char in_file[512], out_file[512], skip[256];
    int has_args, has_exit, exit_code;
} spec_case;

typedef struct runner {
    const trace_allocator *alloc;
    const trace_conform_options *opts;
    trace_conform_exec_fn exec;
    void *payload;
    trace_conform_report *rep;
    int stop;
    size_t malformed; /* cases rejected for vector syntax: the run returns TRACE_EDATA */
} runner;

/* ---------------------------------------------------------------- report */

static char *dupstr(const trace_allocator *a, const char *s)
{
    return trace__strndup(a, s, strlen(s));
}

static int add_case(runner *r, const char *part, const char *file, const spec_case *c,
                    int status, const char *msg)
{
    trace_conform_report *rep = r->rep;
    vcase *v;
    if (rep->n == rep->cap) {
        size_t cap = rep->cap ? rep->cap * 2 : 64;
        vcase *p = trace__realloc(r->alloc, rep->cases, cap * sizeof(*p));
        if (!p)
            return TRACE_ENOMEM;
        rep->cases = p;
        rep->cap = cap;
    }
    v = &rep->cases[rep->n];
    memset(v, 0, sizeof(*v));
    v->id = dupstr(r->alloc, c->id);
    v->part = dupstr(r->alloc, part);
    v->file = dupstr(r->alloc, file);
    v->message = dupstr(r->alloc, msg ? msg : "");
    if (!v->id || !v->part || !v->file || !v->message) {
        trace__free(r->alloc, v->id), trace__free(r->alloc, v->part);
        trace__free(r->alloc, v->file), trace__free(r->alloc, v->message);
        return TRACE_ENOMEM;
    }
    v->line = c->line;
    v->skipped = status == 2;
    v->failed = status == 1;
    rep->n++;
    if (status == 0)
        rep->passed++;
    else if (status == 1)
        rep->failed++;
    else
        rep->skipped++;
    if (status == 1 && r->opts->progress)
        fprintf(r->opts->progress, "FAIL %s (%s:%u): %s\n", c->id, file, c->line, msg);
    if (status == 1 && r->opts->stop_on_failure)
        r->stop = 1;
    return TRACE_OK;
}

void trace_conform_report_free(trace_conform_report *r)
{
    size_t i;
    if (!r)
        return;
    for (i = 0; i < r->n; i++) {
        trace__free(&r->alloc, r->cases[i].id);
        trace__free(&r->alloc, r->cases[i].part);
        trace__free(&r->alloc, r->cases[i].file);
        trace__free(&r->alloc, r->cases[i].message);
    }
    trace__free(&r->alloc, r->cases);
    trace__free(&r->alloc, r);
}

size_t trace_conform_report_passed(const trace_conform_report *r)
{
    return r ? r->passed : 0;
}

size_t trace_conform_report_failed(const trace_conform_report *r)
{
    return r ? r->failed : 0;
}

size_t trace_conform_report_skipped(const trace_conform_report *r)
{
    return r ? r->skipped : 0;
}

/* ---------------------------------------------------------------- parsing */

/* Split a command line: whitespace separates; '...' is literal; "..." and
 * bare text honour backslash escapes (\n \t \\ \" \' and \xHH). */
static int split_args(char *s, char **argv, int max)
{
    int argc = 0;
    while (*s) {
        char *w, quote = 0;
        while (*s == ' ' || *s == '\t')
            s++;
        if (!*s)
            break;
        if (argc == max - 1)
            return -1;
        argv[argc++] = w = s;
        for (; *s && (quote || (*s != ' ' && *s != '\t')); s++) {
            if (!quote && (*s == '\'' || *s == '"')) {
                quote = *s;
            } else if (quote && *s == quote) {
                quote = 0;
            } else if (*s == '\\' && quote != '\'' && s[1]) {
                s++;
                if (*s == 'n')
                    *w++ = '\n';
                else if (*s == 't')
                    *w++ = '\t';
                else if (*s == 'x' && s[1] && s[2]) {
                    char hex[3] = {s[1], s[2], 0};
                    *w++ = (char)strtol(hex, NULL, 16);
                    s += 2;
                } else
                    *w++ = *s;
            } else {
                *w++ = *s;
            }
        }
        if (quote)
            return -1;
        if (*s)
            s++;
        *w = '\0';
    }
    argv[argc] = NULL;
    return argc;
}

/* Unescape \n \t \\ \r \xHH of an inline stdin value. */
static void unescape_into(trace__buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s != '\\' || !s[1]) {
            trace__buf_putc(b, *s);
            continue;
        }
        s++;
        if (*s == 'n')
            trace__buf_putc(b, '\n');
        else if (*s == 't')
            trace__buf_putc(b, '\t');
        else if (*s == 'r')
            trace__buf_putc(b, '\r');
        else if (*s == 'x' && s[1] && s[2]) {
            char hex[3] = {s[1], s[2], 0};
            trace__buf_putc(b, (char)strtol(hex, NULL, 16));
            s += 2;
        } else
            trace__buf_putc(b, *s);
    }
}

static int read_file(const trace_allocator *a, const char *path, trace__buf *b)
{
    FILE *f;
    char chunk[8192];
    size_t n;
    trace__buf_init(b, a); /* initialised even on failure: callers free it */
    if (!(f = fopen(path, "rb")))
        return TRACE_EIO;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        trace__buf_append(b, chunk, n);
    fclose(f);
    return b->failed ? TRACE_ENOMEM : TRACE_OK;
}

static void case_reset(spec_case *c, const trace_allocator *a)
{
    trace__buf_free(&c->args), trace__buf_free(&c->in), trace__buf_free(&c->out);
    memset(c, 0, sizeof(*c));
    trace__buf_init(&c->args, a), trace__buf_init(&c->in, a), trace__buf_init(&c->out, a);
}

/* ---------------------------------------------------------------- running */

static void first_difference(const char *want, size_t wn, const char *got, size_t gn,
                             char *msg, size_t size)
{
    size_t i = 0, line = 1, ls = 0, we, ge;
    while (i < wn && i < gn && want[i] == got[i]) {
        if (want[i] == '\n')
            line++, ls = i + 1;
        i++;
    }
    for (we = ls; we < wn && want[we] != '\n'; we++)
        ;
    for (ge = ls; ge < gn && got[ge] != '\n'; ge++)
        ;
    snprintf(msg, size, "output line %zu differs: expected \"%.*s\"%s, got \"%.*s\"%s",
             line, (int)(we - ls > 300 ? 300 : we - ls), want + (ls < wn ? ls : wn),
             ls >= wn ? " (end)" : "", (int)(ge - ls > 300 ? 300 : ge - ls),
             got + (ls < gn ? ls : gn), ls >= gn ? " (end)" : "");
}

/* Standard error as one line for a report: newlines become " | ", trailing
 * blanks go, and at most size - 1 bytes are kept. */
static void one_line(const char *s, size_t n, char *out, size_t size)
{
    size_t i, k = 0;
    while (n && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\r'))
        n--;
    for (i = 0; i < n && k + 4 < size; i++) {
        if (s[i] == '\n') {
            memcpy(out + k, " | ", 3);
            k += 3;
        } else if (s[i] != '\r') {
            out[k++] = s[i];
        }
    }
    out[k] = '\0';
}

static FILE *open_input(const trace__buf *in)
{
    if (in->len == 0)
        return fopen("/dev/null", "rb");
    return fmemopen(in->data, in->len, "rb");
}

static int run_case(runner *r, const char *part, const char *file, const char *dir,
                    spec_case *c)
{
    char *argv[MAX_ARGS], *line, *mem_out = NULL, *mem_err = NULL, msg[1024];
    size_t out_len = 0, err_len = 0;
    trace__buf expect, words;
    FILE *in, *out, *err;
    int argc, status, rc;
    const char *p;

    if (c->skip[0])
        return add_case(r, part, file, c, 2, c->skip);
    if (!c->has_args || !c->has_exit) {
        r->malformed++;
        return add_case(r, part, file, c, 1, "case lacks args: or exit:");
    }
    /* Substitute {dir} so cases can name files beside the vector file. */
    trace__buf_init(&words, r->alloc);
    for (p = trace__buf_cstr(&c->args); *p; p++) {
        if (strncmp(p, "{dir}", 5) == 0) {
            trace__buf_puts(&words, dir);
            p += 4;
        } else {
            trace__buf_putc(&words, *p);
        }
    }
    line = (char *)trace__buf_cstr(&words);
    if (words.failed) {
        trace__buf_free(&words);
        return TRACE_ENOMEM;
    }
    argc = split_args(line, argv, MAX_ARGS);
    if (argc <= 0) {
        trace__buf_free(&words);
        r->malformed++;
        return add_case(r, part, file, c, 1, "bad args: line");
    }
    if (c->in_file[0]) {
        char path[1024];
        snprintf(path, sizeof(path), "%s/%s", dir, c->in_file);
        trace__buf_free(&c->in);
        if ((rc = read_file(r->alloc, path, &c->in)) != TRACE_OK) {
            trace__buf_free(&words);
            return rc == TRACE_ENOMEM
                       ? rc
                       : add_case(r, part, file, c, 1, "cannot read stdin-file");
        }
    }
    if (c->out_file[0]) {
        char path[1024];
        snprintf(path, sizeof(path), "%s/%s", dir, c->out_file);
        if ((rc = read_file(r->alloc, path, &expect)) != TRACE_OK) {
            trace__buf_free(&words), trace__buf_free(&expect);
            return rc == TRACE_ENOMEM
                       ? rc
                       : add_case(r, part, file, c, 1, "cannot read stdout-file");
        }
    } else {
        expect = c->out;
        trace__buf_init(&c->out, r->alloc); /* ownership moves to expect */
    }
    in = open_input(&c->in);
    out = open_memstream(&mem_out, &out_len);
    err = open_memstream(&mem_err, &err_len);
    if (!in || !out || !err) {
        if (in)
            fclose(in);
        if (out)
            fclose(out);
        if (err)
            fclose(err);
        free(mem_out), free(mem_err);
        trace__buf_free(&words), trace__buf_free(&expect);
        return TRACE_EIO;
    }
    status = r->exec(argc, argv, in, out, err, r->payload);
    fclose(in), fclose(out), fclose(err);
    if (status != c->exit_code) {
        char errline[301];
        one_line(mem_err ? mem_err : "", err_len, errline, sizeof(errline));
        snprintf(msg, sizeof(msg), "exit status %d, expected %d; stderr: %s", status,
                 c->exit_code, errline);
        rc = add_case(r, part, file, c, 1, msg);
    } else if (out_len != expect.len ||
               (out_len && memcmp(mem_out, expect.data, out_len))) {
        first_difference(expect.data ? expect.data : "", expect.len, mem_out, out_len,
                         msg, sizeof(msg));
        rc = add_case(r, part, file, c, 1, msg);
    } else {
        rc = add_case(r, part, file, c, 0, NULL);
    }
    free(mem_out), free(mem_err);
    trace__buf_free(&words), trace__buf_free(&expect);
    return rc;
}

static int matches_filter(const runner *r, const char *part, const spec_case *c)
{
    const char *f = r->opts->filter;
    return !f || !*f || strstr(c->id, f) || strstr(part, f);
}

static char *trim(char *s)
{
    size_t n;
    while (*s == ' ' || *s == '\t')
        s++;
    n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

/* Parse "exit: N": a whole number 0-255, nothing else on the line. */
static const char *parse_exit(spec_case *c, const char *val)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(val, &end, 10);
    if (end == val || *end || errno || v < 0 || v > 255)
        return "exit: takes a number from 0 to 255";
    c->exit_code = (int)v;
    c->has_exit = 1;
    return NULL;
}

/* Parse one "key: value" line of a case into c. Returns 0 or an error text. */
static const char *case_key(spec_case *c, char *line)
{
    char *colon = strchr(line, ':'), *val;
    if (!colon)
        return "expected 'key: value'";
    *colon = '\0';
    val = trim(colon + 1);
    if (!strcmp(line, "args"))
        trace__buf_puts(&c->args, val), c->has_args = 1;
    else if (!strcmp(line, "exit"))
        return parse_exit(c, val);
    else if (!strcmp(line, "stdin"))
        unescape_into(&c->in, val);
    else if (!strcmp(line, "stdin-file"))
        trace__strlcpy(c->in_file, val, sizeof(c->in_file));
    else if (!strcmp(line, "stdout-file"))
        trace__strlcpy(c->out_file, val, sizeof(c->out_file));
    else if (!strcmp(line, "skip"))
        trace__strlcpy(c->skip, val[0] ? val : "skipped", sizeof(c->skip));
    else if (!strcmp(line, "note") || !strcmp(line, "spec"))
        ;
    else
        return "unknown key";
    return NULL;
}

static int finish_case(runner *r, const char *part, const char *file, const char *dir,
                       spec_case *c)
{
    int rc = TRACE_OK;
    /* A buffer that failed to grow holds a truncated case: out of memory, not a
     * malformed vector. */
    if (c->args.failed || c->in.failed || c->out.failed)
        rc = TRACE_ENOMEM;
    else if (c->id[0] && matches_filter(r, part, c))
        rc = run_case(r, part, file, dir, c);
    case_reset(c, r->alloc);
    return rc;
}

static int run_file(runner *r, const char *path, const char *part, const char *dir)
{
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    unsigned lineno = 0;
    spec_case c;
    int rc = TRACE_OK, broken = 0;
    if (!f)
        return TRACE_EIO;
    memset(&c, 0, sizeof(c));
    case_reset(&c, r->alloc);
    while (rc == TRACE_OK && !r->stop && (n = getline(&line, &cap, f)) >= 0) {
        const char *bad = NULL;
        lineno++;
        if (n > 0 && line[n - 1] == '\n')
            line[--n] = '\0';
        if (!strncmp(line, "=== ", 4)) {
            rc = finish_case(r, part, path, dir, &c);
            trace__strlcpy(c.id, trim(line + 4), sizeof(c.id));
            c.line = lineno;
            broken = 0;
        } else if (broken) {
            continue; /* the rest of a case already reported as malformed */
        } else if (line[0] == '>') {
            /* "> text" or ">" alone: one expected output line */
            trace__buf_puts(&c.out, line[1] == ' ' ? line + 2 : line + 1);
            trace__buf_putc(&c.out, '\n');
        } else if (line[0] == '#' || !*trim(line)) {
            continue;
        } else if (!c.id[0]) {
            bad = "key before the first '=== id' line";
        } else {
            bad = case_key(&c, line);
        }
        if (bad) {
            snprintf(c.skip, sizeof(c.skip), "%s", "");
            if (!c.id[0])
                trace__strlcpy(c.id, "(file)", sizeof(c.id));
            c.line = lineno;
            rc = add_case(r, part, path, &c, 1, bad);
            c.id[0] = '\0';
            broken = 1;
            r->malformed++;
        }
    }
    if (rc == TRACE_OK && !r->stop)
        rc = finish_case(r, part, path, dir, &c);
    case_reset(&c, r->alloc);
    trace__buf_free(&c.args), trace__buf_free(&c.in), trace__buf_free(&c.out);
    free(line);
    fclose(f);
    return rc;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walk dir in sorted order; part is the first directory level below the root. */
static int walk(runner *r, const char *dir, const char *part)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0, i;
    int rc = TRACE_OK;
    if (!d)
        return TRACE_EIO;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            char **p = realloc(names, (cap = cap ? cap * 2 : 32) * sizeof(*p));
            if (!p) {
                rc = TRACE_ENOMEM;
                break;
            }
            names = p;
        }
        if (!(names[n] = strdup(e->d_name))) {
            rc = TRACE_ENOMEM;
            break;
        }
        n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof(*names), cmp_names);
    for (i = 0; i < n && rc == TRACE_OK && !r->stop; i++) {
        char path[1024];
        struct stat st;
        size_t len = strlen(names[i]);
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        if (stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            rc = walk(r, path, part ? part : names[i]);
        else if (len > 4 && !strcmp(names[i] + len - 4, ".vec"))
            rc = run_file(r, path, part ? part : "root", dir);
    }
    for (i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

int trace_conform_run(const trace_ctx *ctx, const char *dir,
                      const trace_conform_options *opts, trace_conform_exec_fn exec,
                      void *payload, trace_conform_report **report)
{
    static const trace_conform_options defaults = TRACE_CONFORM_OPTIONS_INIT;
    runner r;
    int rc;
    if (!dir || !exec || !report)
        return TRACE_EINVAL;
    *report = NULL;
    memset(&r, 0, sizeof(r));
    r.alloc = trace__ctx_alloc(ctx);
    r.opts = opts ? opts : &defaults;
    r.exec = exec;
    r.payload = payload;
    r.rep = trace__calloc(r.alloc, 1, sizeof(*r.rep));
    if (!r.rep)
        return TRACE_ENOMEM;
    r.rep->alloc = *r.alloc;
    rc = walk(&r, dir, NULL);
    if (rc == TRACE_ENOMEM) {
        trace_conform_report_free(r.rep);
        return rc;
    }
    *report = r.rep;
    return rc == TRACE_OK && r.malformed ? TRACE_EDATA : rc;
}

/* ---------------------------------------------------------------- writing */

static void xml_text(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '<')
            fputs("&lt;", out);
        else if (*s == '>')
            fputs("&gt;", out);
        else if (*s == '&')
            fputs("&amp;", out);
        else if (*s == '"')
            fputs("&quot;", out);
        else if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t')
            fputc('?', out);
        else
            fputc(*s, out);
    }
}

static void json_text(FILE *out, const char *s)
{
    trace__buf b;
    trace__buf_init(&b, NULL);
    trace__buf_json_str(&b, s, strlen(s));
    fwrite(b.data, 1, b.len, out);
    trace__buf_free(&b);
}

typedef struct part_sum {
    const char *part;
    size_t passed, failed, skipped;
} part_sum;

/* Per-part totals in first-seen order; returns the number of parts. */
static size_t summarise(const trace_conform_report *r, part_sum *sums, size_t max)
{
    size_t i, j, n = 0;
    for (i = 0; i < r->n; i++) {
        const vcase *v = &r->cases[i];
        for (j = 0; j < n && strcmp(sums[j].part, v->part); j++)
            ;
        if (j == n) {
            if (n == max)
                continue;
            sums[n].part = v->part;
            sums[n].passed = sums[n].failed = sums[n].skipped = 0;
            n++;
        }
        if (v->failed)
            sums[j].failed++;
        else if (v->skipped)
            sums[j].skipped++;
        else
            sums[j].passed++;
    }
    return n;
}

static void write_text(const trace_conform_report *r, FILE *out)
{
    part_sum sums[64];
    size_t i, n = summarise(r, sums, 64);
    for (i = 0; i < r->n; i++)
        if (r->cases[i].failed)
            fprintf(out, "FAIL %s/%s (%s:%u): %s\n", r->cases[i].part, r->cases[i].id,
                    r->cases[i].file, r->cases[i].line, r->cases[i].message);
    for (i = 0; i < n; i++)
        fprintf(out, "%-12s %5zu passed, %zu failed, %zu skipped\n", sums[i].part,
                sums[i].passed, sums[i].failed, sums[i].skipped);
    if (r->skipped)
        fprintf(out, "%zu passed, %zu failed, %zu skipped\n", r->passed, r->failed,
                r->skipped);
    else
        fprintf(out, "%zu passed, %zu failed\n", r->passed, r->failed);
}

static void write_json(const trace_conform_report *r, FILE *out)
{
    part_sum sums[64];
    size_t i, n = summarise(r, sums, 64);
    fprintf(out, "{\"passed\":%zu,\"failed\":%zu,\"skipped\":%zu,\"parts\":[", r->passed,
            r->failed, r->skipped);
    for (i = 0; i < n; i++) {
        fprintf(out, "%s{\"part\":", i ? "," : "");
        json_text(out, sums[i].part);
        fprintf(out, ",\"passed\":%zu,\"failed\":%zu,\"skipped\":%zu}", sums[i].passed,
                sums[i].failed, sums[i].skipped);
    }
    fputs("],\"cases\":[", out);
    for (i = 0; i < r->n; i++) {
        const vcase *v = &r->cases[i];
        fprintf(out, "%s{\"id\":", i ? "," : "");
        json_text(out, v->id);
        fputs(",\"part\":", out);
        json_text(out, v->part);
        fputs(",\"file\":", out);
        json_text(out, v->file);
        fprintf(out, ",\"line\":%u,\"status\":\"%s\"", v->line,
                v->failed    ? "failed"
                : v->skipped ? "skipped"
                             : "passed");
        if (v->message[0]) {
            fputs(",\"message\":", out);
            json_text(out, v->message);
        }
        fputc('}', out);
    }
    fputs("]}\n", out);
}

static void write_junit(const trace_conform_report *r, FILE *out)
{
    part_sum sums[64];
    size_t i, j, n = summarise(r, sums, 64);
    fprintf(out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites tests=\"%zu\" "
            "failures=\"%zu\" skipped=\"%zu\">\n",
            r->n, r->failed, r->skipped);
    for (j = 0; j < n; j++) {
        fputs("  <testsuite name=\"", out);
        xml_text(out, sums[j].part);
        fprintf(out, "\" tests=\"%zu\" failures=\"%zu\" skipped=\"%zu\">\n",
                sums[j].passed + sums[j].failed + sums[j].skipped, sums[j].failed,
                sums[j].skipped);
        for (i = 0; i < r->n; i++) {
            const vcase *v = &r->cases[i];
            if (strcmp(v->part, sums[j].part))
                continue;
            fputs("    <testcase classname=\"", out);
            xml_text(out, v->part);
            fputs("\" name=\"", out);
            xml_text(out, v->id);
            fputs("\"", out);
            if (v->failed || v->skipped) {
                fputs(v->failed ? "><failure message=\"" : "><skipped message=\"", out);
                xml_text(out, v->message);
                fputs("\"/></testcase>\n", out);
            } else {
                fputs("/>\n", out);
            }
        }
        fputs("  </testsuite>\n", out);
    }
    fputs("</testsuites>\n", out);
}

int trace_conform_report_write(const trace_conform_report *r, const char *fmt, FILE *out)
{
    if (!r || !fmt || !out)
        return TRACE_EINVAL;
    if (!strcmp(fmt, "text"))
        write_text(r, out);
    else if (!strcmp(fmt, "json"))
        write_json(r, out);
    else if (!strcmp(fmt, "junit"))
        write_junit(r, out);
    else
        return TRACE_EINVAL;
    return ferror(out) ? TRACE_EIO : TRACE_OK;
}
