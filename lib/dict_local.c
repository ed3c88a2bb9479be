/*
 * dict_local.c - local profiles (本地采集要求): parse the line format of
 * spec/utds-2-collection.md section 8, check every reference against the
 * dictionary, refuse any attempt to relax a national rule ([R-2.8.5]), and
 * install the result in slot TRACE__SLOT_PROFILE of an unshared trace_dict.
 * Loading is all or nothing. The input is untrusted: every length is checked
 * and the fuzz target tests/fuzz/fuzz_profile.c drives this file.
 */
#include <stdio.h>
#include <string.h>

#include "dict_int.h"

/* ---- a chunked arena: pointers stay valid while it grows ---- */
struct trace__arena_blk {
    trace__arena_blk *next;
    size_t used, cap;
    char data[];
};

static char *arena_strndup(trace__arena_blk **head, const trace_allocator *a,
                           const char *s, size_t n)
{
    trace__arena_blk *b = *head;
    char *p;
    if (!b || b->cap - b->used < n + 1) {
        size_t cap = n + 1 > 4096 ? n + 1 : 4096;
        b = trace__malloc(a, sizeof(*b) + cap);
        if (!b)
            return NULL;
        b->next = *head, b->used = 0, b->cap = cap;
        *head = b;
    }
    p = b->data + b->used;
    memcpy(p, s, n);
    p[n] = '\0';
    b->used += n + 1;
    return p;
}

static void arena_free(trace__arena_blk *b, const trace_allocator *a)
{
    while (b) {
        trace__arena_blk *n = b->next;
        trace__free(a, b);
        b = n;
    }
}

static void local_set_free(void *data, const trace_allocator *a)
{
    trace__local_set *ls = data;
    size_t i;
    for (i = 0; i < ls->n; i++) {
        arena_free(ls->p[i].arena, a);
        trace__free(a, ls->p[i].rules);
    }
    trace__free(a, ls->p);
    trace__free(a, ls);
}

/* ---- parser state ---- */
#define MAX_TOKENS 64

typedef struct lp_tok {
    const char *s;
    size_t n;
} lp_tok;

typedef struct lp_state {
    trace_dict *d;
    const trace_allocator *a;
    trace_diag_list *diags;
    const char *source;
    uint32_t line;
    int errors, oom;
    trace__local_profile lp;
    size_t cap;
    uint32_t *rule_line; /* line of each rule, for relaxation diagnostics */
    int have[5];         /* name extends title-en title-zh region */
} lp_state;

static void emit(lp_state *st, trace_diag *diag, size_t col)
{
    trace__loc_set_source(&diag->loc, st->source);
    diag->loc.line = st->line;
    diag->loc.column = (uint32_t)col;
    if (diag->severity >= TRACE_SEV_ERROR)
        st->errors++;
    if (st->diags && trace_diag_list_add(st->diags, diag) == TRACE_ENOMEM)
        st->oom = 1;
}

static void emit_simple(lp_state *st, int code, size_t col, const char *key,
                        const char *v, size_t vn)
{
    trace_diag diag;
    trace__diag_init(&diag, code);
    if (key)
        trace__diag_argn(&diag, key, v, vn);
    emit(st, &diag, col);
}

static void emit_count(lp_state *st, size_t col, const char *what, const char *expected,
                       size_t got)
{
    trace_diag diag;
    trace__diag_init(&diag, TRACE__D_LP_ARG_COUNT);
    trace__diag_arg(&diag, "kind", what);
    trace__diag_arg(&diag, "expected", expected);
    trace__diag_argf(&diag, "got", "%zu", got);
    emit(st, &diag, col);
}

static size_t col_of(const char *line, const lp_tok *t)
{
    return (size_t)(t->s - line) + 1;
}

static char *dup(lp_state *st, const char *s, size_t n)
{
    char *p = arena_strndup(&st->lp.arena, st->a, s, n);
    if (!p)
        st->oom = 1;
    return p;
}

static int tok_is(const lp_tok *t, const char *w)
{
    return strlen(w) == t->n && memcmp(t->s, w, t->n) == 0;
}

static size_t tokenize(const char *s, size_t n, lp_tok *tok)
{
    size_t i = 0, nt = 0;
    while (i < n && nt < MAX_TOKENS) {
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
        if (i == n)
            break;
        tok[nt].s = s + i;
        while (i < n && s[i] != ' ' && s[i] != '\t')
            i++;
        tok[nt].n = (size_t)(s + i - tok[nt].s);
        nt++;
    }
    return nt;
}

/* ---- text checks ---- */

/* Length of the UTF-8 sequence at s (1-4), or 0 when invalid or a control. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    size_t len, i;
    if (s[0] < 0x80)
        return (s[0] >= 0x20 || s[0] == '\t' || s[0] == '\r' || s[0] == '\n') &&
               s[0] != 0x7f;
    if (s[0] >= 0xc2 && s[0] <= 0xdf)
        len = 2;
    else if (s[0] >= 0xe0 && s[0] <= 0xef)
        len = 3;
    else if (s[0] >= 0xf0 && s[0] <= 0xf4)
        len = 4;
    else
        return 0;
    if (len > n)
        return 0;
    for (i = 1; i < len; i++)
        if ((s[i] & 0xc0) != 0x80)
            return 0;
    if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] > 0x9f) ||
        (s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] > 0x8f))
        return 0; /* overlong, surrogate, beyond U+10FFFF */
    return len;
}

static int valid_text(const char *text, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t l = utf8_len((const unsigned char *)text + i, len - i);
        if (!l)
            return 0;
        i += l;
    }
    return 1;
}

/* ---- directives ---- */

static int name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

static void set_name(lp_state *st, const char *line, const lp_tok *t)
{
    const char *why = NULL;
    size_t i;
    for (i = 0; i < t->n && name_char(t->s[i]); i++)
        ;
    if (t->n > 40 || i != t->n || t->s[0] == '-')
        why = "use 1-40 characters a-z 0-9 -";
    else if (trace_dict_profile(st->d, (st->lp.prof.name = dup(st, t->s, t->n))))
        why = "a profile of that name exists";
    if (why) {
        trace_diag diag;
        trace__diag_init(&diag, TRACE__D_LP_BAD_NAME);
        trace__diag_argn(&diag, "name", t->s, t->n);
        trace__diag_arg(&diag, "reason", why);
        emit(st, &diag, col_of(line, t));
    }
}

static void set_extends(lp_state *st, const char *line, const lp_tok *t)
{
    const trace_profile *p;
    char name[48] = "";
    if (t->n < sizeof(name))
        memcpy(name, t->s, t->n);
    p = trace_dict_profile(st->d, name);
    if (!p || p->origin) {
        emit_simple(st, TRACE__D_LP_UNKNOWN_PROFILE, col_of(line, t), "name", t->s, t->n);
        return;
    }
    st->lp.prof.parent = p->name; /* static string */
}

static void set_region(lp_state *st, const char *line, const lp_tok *t)
{
    size_t i;
    for (i = 0; i < t->n && t->s[i] >= '0' && t->s[i] <= '9'; i++)
        ;
    if (t->n != 6 || i != 6) {
        emit_simple(st, TRACE__D_LP_BAD_REGION, col_of(line, t), "region", t->s, t->n);
        return;
    }
    st->lp.prof.region = dup(st, t->s, t->n);
}

/* Rest of the line after token t, trimmed. */
static lp_tok rest_after(const char *line, size_t n, const lp_tok *t)
{
    lp_tok r;
    const char *e = line + n;
    r.s = t->s + t->n;
    while (r.s < e && (*r.s == ' ' || *r.s == '\t'))
        r.s++;
    while (e > r.s && (e[-1] == ' ' || e[-1] == '\t'))
        e--;
    r.n = (size_t)(e - r.s);
    return r;
}

/* ---- rules ---- */

static int rule_id_ok(const lp_tok *t)
{
    size_t i = 1;
    if (t->n < 5 || t->n > 32 || t->s[0] < 'A' || t->s[0] > 'Z')
        return 0;
    while (i < t->n &&
           ((t->s[i] >= 'A' && t->s[i] <= 'Z') || (t->s[i] >= '0' && t->s[i] <= '9')))
        i++;
    if (i + 4 != t->n || t->s[i] != '-')
        return 0;
    for (i++; i < t->n; i++)
        if (t->s[i] < '0' || t->s[i] > '9')
            return 0;
    return 1;
}

static int check_rule_id(lp_state *st, const char *line, const lp_tok *t)
{
    char id[40];
    size_t i;
    if (!rule_id_ok(t)) {
        emit_simple(st, TRACE__D_LP_BAD_RULE_ID, col_of(line, t), "rule", t->s, t->n);
        return -1;
    }
    memcpy(id, t->s, t->n);
    id[t->n] = '\0';
    if (trace_dict_rule(st->d, id)) {
        const trace_rule *r = trace_dict_rule(st->d, id);
        emit_simple(st, r->origin ? TRACE__D_LP_DUPLICATE_RULE : TRACE__D_REDEFINE_RULE,
                    col_of(line, t), "rule", t->s, t->n);
        return -1;
    }
    for (i = 0; i < st->lp.nrules; i++)
        if (strcmp(st->lp.rules[i].id, id) == 0) {
            emit_simple(st, TRACE__D_LP_DUPLICATE_RULE, col_of(line, t), "rule", t->s,
                        t->n);
            return -1;
        }
    return 0;
}

static int parse_events(lp_state *st, const char *line, const lp_tok *t, unsigned *mask)
{
    size_t pos = 0;
    *mask = 0;
    if (tok_is(t, "*")) {
        *mask = TRACE_EV_ANY;
        return 0;
    }
    while (pos <= t->n) {
        const char *c = memchr(t->s + pos, ',', t->n - pos);
        size_t n = c ? (size_t)(c - (t->s + pos)) : t->n - pos;
        unsigned bit = trace_dict_event_bit(t->s + pos, n);
        if (!bit) {
            emit_simple(st, TRACE__D_LP_UNKNOWN_EVENT, col_of(line, t) + pos, "event",
                        t->s + pos, n);
            return -1;
        }
        *mask |= bit;
        if (!c)
            break;
        pos += n + 1;
    }
    return 0;
}

/* Normalise a comma list of steps in any spelling to "a,b" in the arena. */
static const char *parse_bizsteps(lp_state *st, const char *line, const lp_tok *t)
{
    char out[TRACE_LOCAL_MAX_LINE];
    size_t pos = 0, ol = 0;
    if (tok_is(t, "*"))
        return "*";
    while (pos <= t->n) {
        const char *c = memchr(t->s + pos, ',', t->n - pos);
        size_t n = c ? (size_t)(c - (t->s + pos)) : t->n - pos;
        const trace_bizstep *b = trace_dict_bizstep(st->d, t->s + pos, n);
        size_t bl;
        if (!b) {
            emit_simple(st, TRACE__D_LP_UNKNOWN_BIZSTEP, col_of(line, t) + pos, "bizstep",
                        t->s + pos, n);
            return NULL;
        }
        bl = strlen(b->name);
        if (ol + bl + 2 > sizeof(out))
            return NULL;
        if (ol)
            out[ol++] = ',';
        memcpy(out + ol, b->name, bl);
        ol += bl;
        if (!c)
            break;
        pos += n + 1;
    }
    return dup(st, out, ol);
}

static int grow_rules(lp_state *st)
{
    size_t cap = st->cap ? st->cap * 2 : 16;
    trace_rule *r;
    uint32_t *l;
    if (st->lp.nrules < st->cap)
        return 0;
    r = trace__realloc(st->a, st->lp.rules, cap * sizeof(*r));
    if (!r)
        return st->oom = 1, -1;
    st->lp.rules = r;
    l = trace__realloc(st->a, st->rule_line, cap * sizeof(*l));
    if (!l)
        return st->oom = 1, -1;
    st->rule_line = l;
    st->cap = cap;
    return 0;
}

/* Parse the "if" part: atoms joined by &&. */
static int parse_conds(lp_state *st, const char *line, lp_tok rest, trace_rule *r)
{
    size_t pos = 0;
    while (pos <= rest.n) {
        const char *amp = NULL, *p = rest.s + pos;
        size_t n, pl, vl, k;
        lp_tok atom;
        trace_diag diag;
        for (k = pos; k + 1 < rest.n; k++)
            if (rest.s[k] == '&' && rest.s[k + 1] == '&') {
                amp = rest.s + k;
                break;
            }
        n = amp ? (size_t)(amp - p) : rest.n - pos;
        atom.s = p, atom.n = n;
        atom = rest_after(line, (size_t)(p + n - line), &(lp_tok){p, 0});
        if (r->ncond == TRACE_RULE_MAX_COND || !atom.n || memchr(atom.s, ' ', atom.n) ||
            memchr(atom.s, '\t', atom.n)) {
            trace__diag_init(&diag, TRACE__D_LP_BAD_CONDITION);
            trace__diag_argn(&diag, "cond", atom.s, atom.n);
            trace__diag_arg(&diag, "reason",
                            r->ncond == TRACE_RULE_MAX_COND
                                ? "more than 4 atoms"
                                : "one atom without blanks expected");
            emit(st, &diag, col_of(line, &atom));
            return -1;
        }
        if (trace__dict_parse_cond(st->d, atom.s, atom.n, r->events, &r->cond[r->ncond],
                                   &pl, &vl, &diag)) {
            emit(st, &diag, col_of(line, &atom));
            return -1;
        }
        r->cond[r->ncond].path = dup(st, r->cond[r->ncond].path, pl);
        if (r->cond[r->ncond].value)
            r->cond[r->ncond].value = dup(st, r->cond[r->ncond].value, vl);
        r->ncond++;
        if (!amp)
            break;
        pos = (size_t)(amp - rest.s) + 2;
    }
    return 0;
}

/* rule ID EVENTS BIZSTEPS SEVERITY KIND [ARG...] [if COND] */
static void parse_rule(lp_state *st, const char *line, size_t len, const lp_tok *t,
                       size_t nt)
{
    trace_rule r;
    const char *args[2];
    size_t alen[2], i, nargs = 0;
    trace_diag diag;
    memset(&r, 0, sizeof(r));
    if (nt < 6) {
        emit_count(st, col_of(line, &t[0]), "rule", "at least 5", nt - 1);
        return;
    }
    if (check_rule_id(st, line, &t[1]) || parse_events(st, line, &t[2], &r.events) ||
        !(r.bizsteps = parse_bizsteps(st, line, &t[3])))
        return;
    if (trace__dict_parse_severity(t[4].s, t[4].n, &r.severity)) {
        emit_simple(st, TRACE__D_LP_BAD_SEVERITY, col_of(line, &t[4]), "severity", t[4].s,
                    t[4].n);
        return;
    }
    if (trace__dict_parse_kind(t[5].s, t[5].n, &r.kind)) {
        emit_simple(st, TRACE__D_LP_UNKNOWN_KIND, col_of(line, &t[5]), "kind", t[5].s,
                    t[5].n);
        return;
    }
    for (i = 6; i < nt && !tok_is(&t[i], "if"); i++, nargs++)
        if (nargs < 2)
            args[nargs] = t[i].s, alen[nargs] = t[i].n;
    if (trace__dict_check_args(st->d, r.kind, r.events, args, alen, (unsigned)nargs,
                               &r.number, &diag)) {
        emit(st, &diag, col_of(line, nt > 6 ? &t[6] : &t[5]));
        return;
    }
    if (i < nt &&
        (i + 1 == nt || parse_conds(st, line, rest_after(line, len, &t[i]), &r))) {
        if (i + 1 == nt)
            emit_simple(st, TRACE__D_LP_BAD_CONDITION, col_of(line, &t[i]), "cond", "if",
                        2);
        return;
    }
    if (st->lp.nrules >= TRACE_LOCAL_MAX_RULES) {
        emit_simple(st, TRACE__D_LP_TOO_MANY_RULES, 1, "max", "1000", 4);
        return;
    }
    for (i = 0; i < nargs && r.kind != TRACE_RULE_EVENT_TIME; i++)
        r.arg[i] = dup(st, args[i], alen[i]);
    r.id = dup(st, t[1].s, t[1].n);
    if (st->oom || grow_rules(st))
        return;
    st->rule_line[st->lp.nrules] = st->line;
    st->lp.rules[st->lp.nrules++] = r;
}

/* ---- lines ---- */

static void once(lp_state *st, int idx, const char *line, const lp_tok *t)
{
    if (st->have[idx]++)
        emit_simple(st, TRACE__D_LP_DUPLICATE_DIRECTIVE, col_of(line, t), "directive",
                    t->s, t->n);
}

static void parse_directive(lp_state *st, const char *line, size_t len, const lp_tok *t,
                            size_t nt)
{
    static const char *const one_arg[] = {"name", "extends", "region"};
    size_t i;
    for (i = 0; i < TRACE__ARRAY_LEN(one_arg); i++)
        if (tok_is(&t[0], one_arg[i]) && nt != 2) {
            emit_count(st, col_of(line, &t[0]), one_arg[i], "1", nt - 1);
            return;
        }
    if (tok_is(&t[0], "rule")) {
        parse_rule(st, line, len, t, nt);
    } else if (tok_is(&t[0], "disable") || tok_is(&t[0], "relax")) {
        emit_simple(st, TRACE__D_RELAX_DISABLE, col_of(line, &t[0]), "rule",
                    nt > 1 ? t[1].s : "?", nt > 1 ? t[1].n : 1);
    } else if (tok_is(&t[0], "name")) {
        once(st, 0, line, &t[0]);
        set_name(st, line, &t[1]);
    } else if (tok_is(&t[0], "extends")) {
        once(st, 1, line, &t[0]);
        set_extends(st, line, &t[1]);
    } else if (tok_is(&t[0], "title-en") || tok_is(&t[0], "title-zh")) {
        lp_tok r = rest_after(line, len, &t[0]);
        int zh = t[0].s[6] == 'z';
        once(st, zh ? 3 : 2, line, &t[0]);
        if (zh)
            st->lp.prof.zh = dup(st, r.s, r.n);
        else
            st->lp.prof.en = dup(st, r.s, r.n);
    } else if (tok_is(&t[0], "region")) {
        once(st, 4, line, &t[0]);
        set_region(st, line, &t[1]);
    } else {
        emit_simple(st, TRACE__D_LP_UNKNOWN_DIRECTIVE, col_of(line, &t[0]), "word",
                    t[0].s, t[0].n);
    }
}

/* Returns 1 once the header was seen, 0 before, -1 on a bad header. */
static int parse_line(lp_state *st, const char *line, size_t len, int header)
{
    lp_tok t[MAX_TOKENS];
    size_t nt = tokenize(line, len, t);
    if (!nt || t[0].s[0] == '#')
        return header;
    if (len > TRACE_LOCAL_MAX_LINE) {
        emit_simple(st, TRACE__D_LP_LINE_TOO_LONG, TRACE_LOCAL_MAX_LINE, "max", "1024",
                    4);
        return header;
    }
    if (!header) {
        if (nt != 2 || !tok_is(&t[0], "utds-profile") || !tok_is(&t[1], "1")) {
            emit_simple(st, TRACE__D_LP_BAD_HEADER, 1, NULL, NULL, 0);
            return -1;
        }
        return 1;
    }
    parse_directive(st, line, len, t, nt);
    return 1;
}

static void parse_text(lp_state *st, const char *text, size_t len)
{
    size_t pos = 0;
    int header = 0;
    while (pos < len && header >= 0 && !st->oom) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
        size_t ln = n;
        st->line++;
        if (ln && text[pos + ln - 1] == '\r')
            ln--;
        header = parse_line(st, text + pos, ln, header);
        pos += n + 1;
    }
    if (header == 0)
        emit_simple(st, TRACE__D_LP_BAD_HEADER, 1, NULL, NULL, 0);
}

/* ---- relaxation checks (dict_relax.c) report through this ---- */

static void relax_emit(void *payload, trace_diag *diag, uint32_t line)
{
    lp_state *st = payload;
    uint32_t saved = st->line;
    st->line = line;
    emit(st, diag, 1);
    st->line = saved;
}

/* ---- install ---- */

static int install(lp_state *st)
{
    trace__dict_ext *slot = &st->d->slot[TRACE__SLOT_PROFILE];
    trace__local_set *ls = slot->data;
    trace__local_profile *p;
    size_t i;
    if (!ls) {
        ls = trace__calloc(st->a, 1, sizeof(*ls));
        if (!ls)
            return TRACE_ENOMEM;
        slot->data = ls;
        slot->free_fn = local_set_free;
    }
    p = trace__realloc(st->a, ls->p, (ls->n + 1) * sizeof(*p));
    if (!p)
        return TRACE_ENOMEM;
    ls->p = p;
    if (!st->lp.prof.en)
        st->lp.prof.en = st->lp.prof.name;
    if (!st->lp.prof.zh)
        st->lp.prof.zh = st->lp.prof.name;
    st->lp.prof.nrules = st->lp.nrules;
    for (i = 0; i < st->lp.nrules; i++) {
        st->lp.rules[i].profile = st->lp.prof.name;
        st->lp.rules[i].origin = st->lp.prof.name;
    }
    ls->p[ls->n++] = st->lp;
    return TRACE_OK;
}

static int finish(lp_state *st)
{
    if (!st->errors && !st->oom && !st->have[0])
        emit_simple(st, TRACE__D_LP_MISSING, 1, "directive", "name", 4);
    if (!st->errors && !st->oom && !st->have[1])
        emit_simple(st, TRACE__D_LP_MISSING, 1, "directive", "extends", 7);
    if (!st->errors && !st->oom && st->lp.prof.parent)
        trace__dict_check_relax(st->d, st->lp.prof.parent, st->lp.rules, st->rule_line,
                                st->lp.nrules, relax_emit, st);
    if (!st->errors && !st->oom)
        st->lp.prof.origin = dup(st, st->source, strlen(st->source));
    if (st->oom)
        return TRACE_ENOMEM;
    return st->errors ? TRACE_EDATA : install(st);
}

int trace_dict_load_profile(trace_dict *d, const char *text, size_t len,
                            const char *source, trace_diag_list *diags)
{
    lp_state st;
    int rc;
    if (!d || (!text && len) || __atomic_load_n(&d->refcount, __ATOMIC_ACQUIRE) != 1)
        return TRACE_EINVAL;
    memset(&st, 0, sizeof(st));
    st.d = d, st.a = &d->alloc, st.diags = diags, st.source = source ? source : "";
    if (len > TRACE_LOCAL_MAX_BYTES) {
        trace_diag diag;
        trace__diag_init(&diag, TRACE__D_LP_TOO_BIG);
        trace__diag_argf(&diag, "length", "%zu", len);
        trace__diag_argf(&diag, "max", "%u", TRACE_LOCAL_MAX_BYTES);
        emit(&st, &diag, 0);
        return TRACE_ELIMIT;
    }
    if (!valid_text(text, len)) {
        emit_simple(&st, TRACE__D_LP_BAD_TEXT, 0, NULL, NULL, 0);
        return TRACE_EDATA;
    }
    parse_text(&st, text, len);
    rc = finish(&st);
    trace__free(st.a, st.rule_line);
    if (rc != TRACE_OK) {
        arena_free(st.lp.arena, st.a);
        trace__free(st.a, st.lp.rules);
    }
    return rc;
}

int trace_dict_load_profile_file(trace_dict *d, const char *path, trace_diag_list *diags)
{
    FILE *f;
    char *buf;
    size_t n;
    int rc;
    if (!d || !path)
        return TRACE_EINVAL;
    f = fopen(path, "rb");
    if (!f)
        return TRACE_EIO;
    buf = trace__malloc(&d->alloc, TRACE_LOCAL_MAX_BYTES + 1);
    if (!buf) {
        fclose(f);
        return TRACE_ENOMEM;
    }
    n = fread(buf, 1, TRACE_LOCAL_MAX_BYTES + 1, f);
    rc = ferror(f) ? TRACE_EIO : trace_dict_load_profile(d, buf, n, path, diags);
    fclose(f);
    trace__free(&d->alloc, buf);
    return rc;
}
