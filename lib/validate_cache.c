/*
 * validate_cache.c - a small set-associative cache of identifier verdicts.
 * A trace document names the same parties, places and products in event
 * after event; parsing each of them once per validator instead of once per
 * occurrence (and per rule) keeps full validation close to the parse cost.
 */
#include <string.h>

#include "validate_int.h"

#define CACHE_SLOTS 256
#define CACHE_WAYS 4 /* least recently used way goes: one-off identifiers (a serial
                        number per event) never push out the parties and places that
                        recur, and two recurring keys that hash alike do not take turns */
#define CACHE_KEY 112
#define CACHE_REASON 160

struct trace__vcache {
    struct {
        uint64_t hash;
        const char *schemes; /* the scheme list (or name) the verdict is for: its address */
        uint16_t len;
        int8_t verdict;      /* 1 valid, 0 invalid, -1 cannot tell; slot empty when len == 0 */
        uint8_t kind;        /* TRACE__VC_SCHEME or TRACE__VC_LIST */
        char id[CACHE_KEY];
        char reason[CACHE_REASON];
        const char *code;    /* catalogue id of the reason (static) */
        uint32_t used;       /* clock of the last use (least recently used goes) */
    } slot[CACHE_SLOTS];
    uint32_t clock;
};

/* Keyed by the address of the scheme string, not its text: callers pass
 * strings that live as long as the validator (registry names, dictionary
 * rules), so equal addresses mean equal lists; equal text at another
 * address only costs a miss. */
static uint64_t fnv(int kind, const char *schemes, trace_str s)
{
    uint64_t h = 1469598103934665603ull ^ (uint64_t)s.len, w;
    size_t i = 0;
    /* eight bytes a step: this runs for every identifier of every event */
    for (; i + 8 <= s.len; i += 8) {
        memcpy(&w, s.s + i, 8);
        h = (h ^ w) * 0x9e3779b97f4a7c15ull;
        h ^= h >> 29;
    }
    for (; i < s.len; i++)
        h = (h ^ (unsigned char)s.s[i]) * 1099511628211ull;
    h = (h ^ (uint64_t)(uintptr_t)schemes) * 1099511628211ull;
    h = (h ^ (uint64_t)kind) * 0x9e3779b97f4a7c15ull;
    return h ^ (h >> 32);
}

/* First slot of the set of hash h. */
static unsigned set_of(uint64_t h)
{
    return (unsigned)(h % (CACHE_SLOTS / CACHE_WAYS)) * CACHE_WAYS;
}

int trace__vcache_get(trace_validator *v, int kind, const char *schemes, trace_str id,
                      char *reason, size_t size, const char **code)
{
    uint64_t h;
    unsigned i, w;
    if (!v->cache || id.len >= CACHE_KEY)
        return -2;
    h = fnv(kind, schemes, id);
    for (i = set_of(h), w = 0; w < CACHE_WAYS; w++, i++)
        if (v->cache->slot[i].hash == h && v->cache->slot[i].len == id.len &&
            v->cache->slot[i].schemes == schemes && v->cache->slot[i].kind == kind &&
            !memcmp(v->cache->slot[i].id, id.s, id.len))
            break;
    if (w == CACHE_WAYS)
        return -2;
    v->cache->slot[i].used = ++v->cache->clock;
    if (reason)
        trace__strlcpy(reason, v->cache->slot[i].reason, size);
    if (code)
        *code = v->cache->slot[i].code;
    return v->cache->slot[i].verdict;
}

void trace__vcache_put(trace_validator *v, int kind, const char *schemes, trace_str id,
                       int verdict, const char *reason, const char *code)
{
    uint64_t h;
    unsigned i, w, lru;
    if (id.len == 0 || id.len >= CACHE_KEY || strlen(schemes) >= 256)
        return;
    if (!v->cache && !(v->cache = trace__calloc(v->alloc, 1, sizeof(*v->cache))))
        return;
    h = fnv(kind, schemes, id);
    for (lru = i = set_of(h), w = 0; w < CACHE_WAYS; w++, i++)
        if (v->cache->slot[i].used < v->cache->slot[lru].used)
            lru = i; /* empty slots have used == 0 */
    i = lru;
    v->cache->slot[i].used = ++v->cache->clock;
    v->cache->slot[i].hash = h;
    v->cache->slot[i].schemes = schemes;
    v->cache->slot[i].kind = (uint8_t)kind;
    v->cache->slot[i].len = (uint16_t)id.len;
    v->cache->slot[i].verdict = (int8_t)verdict;
    memcpy(v->cache->slot[i].id, id.s, id.len);
    trace__strlcpy(v->cache->slot[i].reason, reason ? reason : "", CACHE_REASON);
    v->cache->slot[i].code = code;
}

/* ------------------------------------------------------------ look-up memo */

#define MEMO_SLOTS 64
#define MEMO_KEY 80

struct trace__vmemo {
    int tag;           /* slot empty when 0 */
    uint16_t len;
    char key[MEMO_KEY];
    const void *val;
    int ival;
};

static unsigned memo_slot(int tag, const char *s, size_t len)
{
    uint32_t h = 2166136261u ^ (uint32_t)tag;
    size_t i;
    for (i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    h ^= h >> 16; /* FNV's low bits depend on the low bits of each byte only: mix */
    h *= 0x7feb352du;
    h ^= h >> 15;
    return h % MEMO_SLOTS;
}

static int memo_is(const trace__vmemo *m, int tag, const char *s, size_t len)
{
    return m->tag == tag && m->len == len && !memcmp(m->key, s, len);
}

/* Two-way: a value lives in its slot or the slot's pair, so that two keys
 * that hash alike do not evict each other event after event. */
int trace__vmemo_get(trace_validator *v, int tag, const char *s, size_t len, const void **val,
                     int *ival)
{
    const trace__vmemo *m;
    unsigned i;
    if (!v->memo || len >= MEMO_KEY || !s)
        return 0;
    i = memo_slot(tag, s, len);
    m = &v->memo[i];
    if (!memo_is(m, tag, s, len)) {
        m = &v->memo[i ^ 1u];
        if (!memo_is(m, tag, s, len))
            return 0;
    }
    if (val)
        *val = m->val;
    if (ival)
        *ival = m->ival;
    return 1;
}

void trace__vmemo_put(trace_validator *v, int tag, const char *s, size_t len, const void *val,
                      int ival)
{
    trace__vmemo *m;
    unsigned i;
    if (len >= MEMO_KEY || !s)
        return;
    if (!v->memo && !(v->memo = trace__calloc(v->alloc, MEMO_SLOTS, sizeof(*v->memo))))
        return;
    i = memo_slot(tag, s, len);
    if (v->memo[i].tag) /* the older entry moves to the pair slot */
        v->memo[i ^ 1u] = v->memo[i];
    m = &v->memo[i];
    m->tag = tag;
    m->len = (uint16_t)len;
    memcpy(m->key, s, len);
    m->val = val;
    m->ival = ival;
}
