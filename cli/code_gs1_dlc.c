/*
 * code_gs1_dlc.c - `tracectl code dl --compress`: the compressed Digital Link
 * of an input, carrying the non-GS1 query pairs of a Digital Link input.
 */
#include <string.h>

#include "code_gs1.h"

/* The query pairs of a URI input whose key is not all digits (GS1 AIs are in
 * the parsed elements already), copied "k=v&k2=v2" into buf. */
static size_t non_gs1_params(const char *in, char *buf, size_t size)
{
    const char *q = strchr(in, '?'), *end;
    size_t n = 0;
    if (strncmp(in, "http", 4) || !q)
        return 0;
    end = strchr(q, '#');
    if (!end)
        end = q + strlen(q);
    for (q++; q < end;) {
        const char *b = memchr(q, '&', (size_t)(end - q)), *k;
        size_t len;
        if (!b)
            b = end;
        len = (size_t)(b - q);
        for (k = q; k < b && *k >= '0' && *k <= '9'; k++)
            ;
        if (len && (k == q || (k < b && *k != '=')) && n + len + 2 < size) {
            if (n)
                buf[n++] = '&';
            memcpy(buf + n, q, len);
            n += len;
        }
        q = b + 1;
    }
    buf[n] = '\0';
    return n;
}

int cli_gs1_dlc(const char *in, const trace_code_result *res, const char *stem,
                unsigned flags, char *out, size_t size)
{
    char params[8192];
    size_t n = non_gs1_params(in, params, sizeof params);
    return trace_gs1_dl_compress(NULL, res, stem, flags, n ? params : NULL, n, out, size);
}
