/*
 * jsonld.c - registration of the EPCIS 2.0 JSON-LD codec (UTDS Part 3,
 * spec/utds-3-jsonld.md) and its format detection.
 */
#include <string.h>

#include "jsonld_int.h"

/* Score the first bytes: a JSON object naming EPCIS members is JSON-LD. */
static int jsonld_sniff(const unsigned char *p, size_t n)
{
    size_t i = 0;
    const unsigned char *nl;
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        i = 3;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
        i++;
    if (i >= n || p[i] != '{')
        return 0;
    /* JSON Lines: a complete object on the first line, then another line. */
    nl = memchr(p + i, '\n', n - i);
    if (nl && nl > p + i && nl[-1] == '}' && (size_t)(nl - p) + 1 < n && nl[1] == '{')
        return 10;
    {
        const char *s = (const char *)p + i;
        size_t len = n - i;
        static const char *const marks[] = {"\"epcisBody\"", "\"EPCISDocument\"",
                                            "\"EPCISQueryDocument\"", "\"@context\""};
        size_t k, j;
        for (k = 0; k < TRACE__ARRAY_LEN(marks); k++) {
            size_t ml = strlen(marks[k]);
            for (j = 0; j + ml <= len; j++)
                if (s[j] == '"' && !memcmp(s + j, marks[k], ml))
                    return k < 3 ? 80 : 60;
        }
    }
    return 20;
}


TRACE__FORMAT_DEFINE(jsonld) = {TRACE_FMT_JSONLD,       "jsonld",
                                jsonld_sniff,           trace__jsonld_r_open,
                                trace__jsonld_r_next,   trace__jsonld_r_close,
                                trace__jsonld_w_open,   trace__jsonld_w_header,
                                trace__jsonld_w_event,  trace__jsonld_w_close,
                                trace__jsonld_w_free};
