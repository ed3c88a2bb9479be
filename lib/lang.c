/*
 * lang.c - Chinese renderings of the words diagnostics carry in arguments.
 *
 * Catalogue messages exist in English and Chinese (spec/errors), but some
 * arguments are English words chosen by the code ("drug approval number",
 * "expected 01-12"). Rendering a message in Chinese looks such an argument up
 * in the compiled spec/lang/zh-terms.tsv so no English fragment is left in
 * the Chinese text. Data arguments (values, AIs, positions) are never looked
 * up: only the keys listed in WORD_KEYS carry words (a "check" argument
 * names a check algorithm or, generically, "check").
 */
#include <string.h>

#include "internal.h"

struct zh_term {
    const char *en, *zh;
};

#include "zh_terms.inc"

#define N_EXACT   (sizeof(ZH_EXACT) / sizeof(ZH_EXACT[0]))
#define N_WILD    (sizeof(ZH_WILD) / sizeof(ZH_WILD[0]))
#define MAX_HOLES 4

static const char *const WORD_KEYS[] = {"what", "form",  "reason", "segment", "expected",
                                        "need", "where", "as",     "list",    "check"};

static int is_word_key(const char *key)
{
    size_t i;
    for (i = 0; i < sizeof(WORD_KEYS) / sizeof(WORD_KEYS[0]); i++)
        if (strcmp(WORD_KEYS[i], key) == 0)
            return 1;
    return 0;
}

static const char *exact(const char *val)
{
    size_t lo = 0, hi = N_EXACT;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(val, ZH_EXACT[mid].en);
        if (c == 0)
            return ZH_EXACT[mid].zh;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* A captured run of the value: [s, s + n). */
struct hole {
    const char *s;
    size_t n;
};

/* First occurrence of the n bytes at p in [from, end), or NULL. */
static const char *find(const char *from, const char *end, const char *p, size_t n)
{
    for (; from + n <= end; from++)
        if (memcmp(from, p, n) == 0)
            return from;
    return NULL;
}

/*
 * Match val against a pattern with "{}" holes; each hole takes the shortest
 * non-empty run up to the next literal piece, the last one up to the final
 * piece at the end. Returns the number of literal bytes matched (the score:
 * more literal text is a better match), or -1.
 */
static long match(const char *pat, const char *val, struct hole *h, int *nh)
{
    const char *p = pat, *v = val, *end = val + strlen(val);
    long lit = 0;
    *nh = 0;
    for (;;) {
        const char *hole = strstr(p, "{}");
        size_t piece = hole ? (size_t)(hole - p) : strlen(p);
        if (*nh > 0) { /* the open hole ends where this piece starts */
            const char *at = hole ? find(v + 1, end, p, piece)
                                  : ((size_t)(end - v) > piece ? end - piece : NULL);
            if (!at)
                return -1;
            h[*nh - 1].n = (size_t)(at - v);
            v = at;
        }
        if ((size_t)(end - v) < piece || memcmp(v, p, piece) != 0)
            return -1;
        v += piece;
        lit += (long)piece;
        if (!hole)
            return v == end ? lit : -1;
        if (*nh == MAX_HOLES)
            return -1;
        h[*nh].s = v;
        h[(*nh)++].n = 0;
        p = hole + 2;
    }
}

/* Copy zh into buf, replacing "{1}".."{4}" with the captured holes. */
static const char *fill(const char *zh, const struct hole *h, int nh, char *buf,
                        size_t size)
{
    size_t len = 0;
    const char *p;
    if (!size)
        return NULL;
    for (p = zh; *p; p++) {
        const char *s = p;
        size_t n = 1;
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '0' + nh && p[2] == '}') {
            s = h[p[1] - '1'].s;
            n = h[p[1] - '1'].n;
            p += 2;
        }
        if (len + n >= size)
            return NULL; /* too long: keep the English text rather than cut it */
        memcpy(buf + len, s, n);
        len += n;
    }
    buf[len] = '\0';
    return buf;
}

const char *trace__zh_arg(const char *key, const char *val, char *buf, size_t size)
{
    const char *zh;
    struct hole best[MAX_HOLES], cur[MAX_HOLES];
    int best_n = 0, best_i = -1, n;
    long best_score = -1, score;
    size_t i;
    if (!key || !val || !*val || !is_word_key(key))
        return NULL;
    if ((zh = exact(val)) != NULL)
        return zh;
    for (i = 0; i < N_WILD; i++) {
        score = match(ZH_WILD[i].en, val, cur, &n);
        if (score > best_score) {
            best_score = score;
            best_i = (int)i;
            best_n = n;
            memcpy(best, cur, sizeof(cur));
        }
    }
    return best_i < 0 ? NULL : fill(ZH_WILD[best_i].zh, best, best_n, buf, size);
}

size_t trace__zh_term_count(void)
{
    return N_EXACT + N_WILD;
}

const char *trace__zh_term_at(size_t i, const char **zh)
{
    const struct zh_term *t = i < N_EXACT ? &ZH_EXACT[i] : &ZH_WILD[i - N_EXACT];
    if (i >= N_EXACT + N_WILD)
        return NULL;
    *zh = t->zh;
    return t->en;
}
