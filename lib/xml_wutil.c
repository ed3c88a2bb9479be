/*
 * xml_wutil.c - writer helpers for the EPCIS XML codec: escaping, the
 * namespace scope (prefix declarations made where they are needed),
 * extension trees, CBV spellings and loss reports (UTDS Part 3,
 * spec/utds-3-xml.md "Writing").
 */
#include <stdio.h>
#include <string.h>

#include "xml_int.h"

static trace__out *out(xml__wstate *ws)
{
    return &ws->w->out;
}

static void put(xml__wstate *ws, const char *s)
{
    trace__out_puts(out(ws), s);
}

static void puts_str(xml__wstate *ws, trace_str s)
{
    trace__out_str(out(ws), s);
}

void xml__w_indent(xml__wstate *ws)
{
    static const char spaces[] = "                                                  ";
    int n;
    if (!ws->pretty)
        return;
    trace__out_putc(out(ws), '\n');
    n = ws->level * 2;
    if (n > (int)sizeof(spaces) - 1)
        n = (int)sizeof(spaces) - 1;
    trace__out_write(out(ws), spaces, (size_t)n);
}

/* A control character XML 1.0 cannot carry. */
static int bad_ctl(unsigned char c)
{
    return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

static void escape(xml__wstate *ws, trace_str s, int attr)
{
    const unsigned char *p, *end, *run;
    int replaced = 0;
    if (!s.len)
        return;
    p = (const unsigned char *)s.s;
    end = p + s.len;
    run = p;
    for (; p < end; p++) {
        const char *rep;
        unsigned char c = *p;
        if (c > '>' && c != 0x7f)
            continue; /* fast path: nothing above '>' needs escaping */
        if (c == '&')
            rep = "&amp;";
        else if (c == '<')
            rep = "&lt;";
        else if (c == '>')
            rep = "&gt;";
        else if (c == '\r')
            rep = "&#13;";
        else if (attr && c == '"')
            rep = "&quot;";
        else if (attr && c == '\n')
            rep = "&#10;";
        else if (attr && c == '\t')
            rep = "&#9;";
        else if (bad_ctl(c)) {
            rep = "\xEF\xBF\xBD"; /* U+FFFD: XML 1.0 has no way to write it */
            replaced = 1;
        } else
            continue;
        trace__out_write(out(ws), run, (size_t)(p - run));
        put(ws, rep);
        run = p + 1;
    }
    trace__out_write(out(ws), run, (size_t)(end - run));
    if (replaced)
        xml__w_loss(ws, TRACE__D_CHANGED, ws->path, "a control character", "U+FFFD");
}

void xml__w_text(xml__wstate *ws, trace_str s)
{
    escape(ws, s, 0);
}

void xml__w_attr_value(xml__wstate *ws, trace_str s)
{
    escape(ws, s, 1);
}

void xml__w_open(xml__wstate *ws, const char *name)
{
    xml__w_indent(ws);
    trace__out_putc(out(ws), '<');
    put(ws, name);
    trace__out_putc(out(ws), '>');
    ws->level++;
}

void xml__w_close(xml__wstate *ws, const char *name)
{
    ws->level--;
    xml__w_indent(ws);
    put(ws, "</");
    put(ws, name);
    trace__out_putc(out(ws), '>');
}

void xml__w_leaf(xml__wstate *ws, const char *name, trace_str text)
{
    xml__w_indent(ws);
    trace__out_putc(out(ws), '<');
    put(ws, name);
    trace__out_putc(out(ws), '>');
    xml__w_text(ws, text);
    put(ws, "</");
    put(ws, name);
    trace__out_putc(out(ws), '>');
}

void xml__w_loss(xml__wstate *ws, int code, const char *where, const char *what, const char *as)
{
    if (code == TRACE__D_CHANGED)
        trace__writer_loss(ws->w, code, ws->record, where, "what", what, "as", as,
                           (const char *)NULL);
    else if (code == TRACE__D_TRUNCATED)
        trace__writer_loss(ws->w, code, ws->record, where, "what", what, "count", as,
                           (const char *)NULL);
    else
        trace__writer_loss(ws->w, code, ws->record, where, "what", what, (const char *)NULL);
}

/* ------------------------------------------------------------ names */

static int name_start(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c >= 0x80;
}

int xml__ncname(trace_str s)
{
    size_t i;
    if (!s.len || !name_start((unsigned char)s.s[0]))
        return 0;
    for (i = 1; i < s.len; i++) {
        unsigned char c = (unsigned char)s.s[i];
        if (!name_start(c) && !(c >= '0' && c <= '9') && c != '-' && c != '.')
            return 0;
    }
    return 1;
}

/* ------------------------------------------------------------ scope */

void xml__w_push(xml__wstate *ws)
{
    if (ws->nmarks < XML__MAX_SCOPE)
        ws->marks[ws->nmarks++] = ws->nscope;
}

void xml__w_pop(xml__wstate *ws)
{
    if (ws->nmarks)
        ws->nscope = ws->marks[--ws->nmarks];
}

int xml__w_bind(xml__wstate *ws, trace_str prefix, trace_str uri)
{
    if (ws->nscope >= XML__MAX_SCOPE)
        return TRACE_ELIMIT;
    ws->scope[ws->nscope].prefix = prefix;
    ws->scope[ws->nscope].uri = uri;
    ws->nscope++;
    return TRACE_OK;
}

static int str_eq(trace_str a, trace_str b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.s, b.s, a.len) == 0);
}

const xml__binding *xml__w_lookup(xml__wstate *ws, trace_str prefix)
{
    size_t i = ws->nscope;
    while (i-- > 0)
        if (str_eq(ws->scope[i].prefix, prefix))
            return &ws->scope[i];
    return NULL;
}

/* 1 when prefix was declared on the element being started (since the last push). */
static const xml__binding *declared_here(xml__wstate *ws, trace_str prefix)
{
    size_t i, from = ws->nmarks ? ws->marks[ws->nmarks - 1] : 0;
    for (i = from; i < ws->nscope; i++)
        if (str_eq(ws->scope[i].prefix, prefix))
            return &ws->scope[i];
    return NULL;
}

/* A prefix not bound in scope: "ns1", "ns2" ... kept in ws->tmp-backed static names. */
static trace_str fresh_prefix(xml__wstate *ws)
{
    static const char *const names[] = {"ns1", "ns2", "ns3", "ns4", "ns5", "ns6", "ns7", "ns8",
                                        "ns9", "ns10", "ns11", "ns12", "ns13", "ns14", "ns15",
                                        "ns16"};
    size_t i;
    for (i = 0; i < TRACE__ARRAY_LEN(names); i++) {
        trace_str p = trace_str_c(names[i]);
        if (!xml__w_lookup(ws, p))
            return p;
    }
    return trace_str_c(names[ws->gen++ % TRACE__ARRAY_LEN(names)]);
}

/*
 * The prefix to write for namespace ns with hint; declares it on the
 * element being started when needed. attr: attributes cannot use the
 * default namespace.
 */
trace_str xml__w_resolve(xml__wstate *ws, trace_str ns, trace_str hint, int attr)
{
    trace_str none = {"", 0};
    const xml__binding *b;
    size_t i;
    if (!ns.len) {
        b = xml__w_lookup(ws, none);
        if (!attr && b && b->uri.len)
            xml__w_bind(ws, none, none); /* undeclare the default namespace */
        return none;
    }
    if (trace_str_eq(ns, XML__NS_XML))
        return trace_str_c("xml");
    if (xml__ncname(hint) && !(hint.len >= 3 && !strncmp(hint.s, "xml", 3))) {
        b = xml__w_lookup(ws, hint);
        if (b && str_eq(b->uri, ns))
            return hint;
        if (!declared_here(ws, hint)) {
            xml__w_bind(ws, hint, ns);
            return hint;
        }
    }
    for (i = ws->nscope; i-- > 0;) {
        b = &ws->scope[i];
        if (str_eq(b->uri, ns) && (b->prefix.len || !attr) &&
            xml__w_lookup(ws, b->prefix) == b)
            return b->prefix;
    }
    hint = fresh_prefix(ws);
    xml__w_bind(ws, hint, ns);
    return hint;
}

/* Write the declarations made on the element being started. */
void xml__w_decls(xml__wstate *ws)
{
    size_t i, from = ws->nmarks ? ws->marks[ws->nmarks - 1] : 0;
    for (i = from; i < ws->nscope; i++) {
        put(ws, ws->scope[i].prefix.len ? " xmlns:" : " xmlns");
        puts_str(ws, ws->scope[i].prefix);
        put(ws, "=\"");
        xml__w_attr_value(ws, ws->scope[i].uri);
        trace__out_putc(out(ws), '"');
    }
}

static void qname(xml__wstate *ws, trace_str prefix, trace_str name)
{
    if (prefix.len) {
        puts_str(ws, prefix);
        trace__out_putc(out(ws), ':');
    }
    puts_str(ws, name);
}

/* ------------------------------------------------------ extension trees */

static void ext_node(xml__wstate *ws, const trace_ext *x, const char *where, int inline_ctx);

/* Make sure the prefix of a QName value (xsi:type="xsd:integer") is declared. */
static void qname_value_prefix(xml__wstate *ws, trace_str v)
{
    const char *colon = v.len ? memchr(v.s, ':', v.len) : NULL;
    trace_str p;
    if (!colon)
        return;
    p.s = v.s;
    p.len = (size_t)(colon - v.s);
    if (xml__w_lookup(ws, p) || !xml__ncname(p))
        return;
    if (trace_str_eq(p, "xsd") || trace_str_eq(p, "xs"))
        xml__w_bind(ws, p, trace_str_c(XML__NS_XSD));
}

static void ext_comment(xml__wstate *ws, const trace_ext *x, const char *where)
{
    size_t i;
    int changed = 0;
    put(ws, "<!--");
    for (i = 0; i < x->text.len; i++) {
        char c = x->text.s[i];
        trace__out_putc(out(ws), c);
        /* "--" and a final "-" are not allowed in a comment: break them with a space */
        if (c == '-' && (i + 1 == x->text.len || x->text.s[i + 1] == '-')) {
            trace__out_putc(out(ws), ' ');
            changed = 1;
        }
    }
    put(ws, "-->");
    if (changed)
        xml__w_loss(ws, TRACE__D_CHANGED, where, "a comment containing \"--\"",
                    "a comment with \"- -\"");
}

static void ext_loss_type(xml__wstate *ws, const trace_ext *x, const char *where)
{
    static const char *const names[] = {"string", "number", "boolean", "null"};
    char what[160];
    if (x->type == TRACE_EXT_STRING || x->xsi_type.len)
        return;
    snprintf(what, sizeof(what), "the JSON %s type of %.*s", names[x->type], (int)x->name.len,
             x->name.s);
    xml__w_loss(ws, TRACE__D_CHANGED, where, what, "XML text");
}

static void ext_attrs(xml__wstate *ws, const trace_ext *x, trace_str *prefixes)
{
    size_t i;
    for (i = 0; i < x->nattrs && i < 64; i++)
        prefixes[i] = xml__w_resolve(ws, x->attrs[i].ns, x->attrs[i].prefix, 1);
}

/* "<p:name xmlns... a="v" xsi:type="t"" (the caller closes the tag). */
static void start_tag(xml__wstate *ws, const trace_ext *x, trace_str ep, const trace_str *prefixes,
                      trace_str xsi)
{
    size_t i;
    trace__out_putc(out(ws), '<');
    qname(ws, ep, x->name);
    xml__w_decls(ws);
    for (i = 0; i < x->nattrs && i < 64; i++) {
        trace__out_putc(out(ws), ' ');
        qname(ws, prefixes[i], x->attrs[i].name);
        put(ws, "=\"");
        xml__w_attr_value(ws, x->attrs[i].value);
        trace__out_putc(out(ws), '"');
    }
    if (x->xsi_type.len) {
        trace__out_putc(out(ws), ' ');
        qname(ws, xsi, trace_str_c("type"));
        put(ws, "=\"");
        xml__w_attr_value(ws, x->xsi_type);
        trace__out_putc(out(ws), '"');
    }
}

static void ext_element(xml__wstate *ws, const trace_ext *x, const char *where, int inline_ctx)
{
    trace_str prefixes[64], ep, xsi = {NULL, 0};
    size_t i;
    int mixed = 0;
    if (!xml__ncname(x->name)) {
        char what[160];
        snprintf(what, sizeof(what), "extension member \"%.*s\" (not an XML name)",
                 (int)x->name.len, x->name.s ? x->name.s : "");
        xml__w_loss(ws, TRACE__D_DROPPED, where, what, NULL);
        return;
    }
    if (x->nattrs > 64)
        xml__w_loss(ws, TRACE__D_DROPPED, where, "attributes beyond the 64th", NULL);
    ext_loss_type(ws, x, where);
    if (!inline_ctx)
        xml__w_indent(ws);
    xml__w_push(ws);
    ep = xml__w_resolve(ws, x->ns, x->prefix, 0);
    ext_attrs(ws, x, prefixes);
    if (x->xsi_type.len) {
        xsi = xml__w_resolve(ws, trace_str_c(XML__NS_XSI), trace_str_c("xsi"), 1);
        qname_value_prefix(ws, x->xsi_type);
    }
    start_tag(ws, x, ep, prefixes, xsi);
    if (!x->nchildren && !x->text.len) {
        put(ws, "/>");
        xml__w_pop(ws);
        return;
    }
    trace__out_putc(out(ws), '>');
    if (x->nchildren) {
        for (i = 0; i < x->nchildren && !mixed; i++)
            mixed = x->children[i].kind == TRACE_EXT_TEXT;
        if (x->text.len)
            xml__w_loss(ws, TRACE__D_DROPPED, where, "text beside child elements", NULL);
        ws->level++;
        for (i = 0; i < x->nchildren; i++)
            ext_node(ws, &x->children[i], where, inline_ctx || mixed);
        ws->level--;
        if (!inline_ctx && !mixed)
            xml__w_indent(ws);
    } else {
        xml__w_text(ws, x->text);
    }
    put(ws, "</");
    qname(ws, ep, x->name);
    trace__out_putc(out(ws), '>');
    xml__w_pop(ws);
}

static void ext_node(xml__wstate *ws, const trace_ext *x, const char *where, int inline_ctx)
{
    switch (x->kind) {
    case TRACE_EXT_TEXT:
        xml__w_text(ws, x->text);
        break;
    case TRACE_EXT_COMMENT:
        if (!inline_ctx)
            xml__w_indent(ws);
        ext_comment(ws, x, where);
        break;
    case TRACE_EXT_ELEMENT:
        ext_element(ws, x, where, inline_ctx);
        break;
    }
}

/* A JSON array of one member cannot be told from a single member in XML. */
static void array_loss(xml__wstate *ws, const trace_ext *ext, size_t n, size_t i,
                       const char *where)
{
    size_t j;
    char what[160];
    if (!ext[i].array)
        return;
    for (j = 0; j < n; j++)
        if (j != i && ext[j].array && str_eq(ext[j].name, ext[i].name) &&
            str_eq(ext[j].ns, ext[i].ns))
            return;
    snprintf(what, sizeof(what), "the JSON array around the single %.*s", (int)ext[i].name.len,
             ext[i].name.s ? ext[i].name.s : "");
    xml__w_loss(ws, TRACE__D_DROPPED, where, what, NULL);
}

void xml__w_ext_one(xml__wstate *ws, const trace_ext *ext, size_t n, size_t i, const char *where)
{
    if (ext[i].kind == TRACE_EXT_TEXT) {
        if (ext[i].text.len)
            xml__w_loss(ws, TRACE__D_DROPPED, where, "text outside an extension element", NULL);
        return;
    }
    array_loss(ws, ext, n, i, where);
    ext_node(ws, &ext[i], where, 0);
}

void xml__w_ext_list(xml__wstate *ws, const trace_ext *ext, size_t n, const char *where)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (ext[i].kind == TRACE_EXT_TEXT) {
            if (ext[i].text.len)
                xml__w_loss(ws, TRACE__D_DROPPED, where, "text outside an extension element",
                            NULL);
            continue;
        }
        array_loss(ws, ext, n, i, where);
        ext_node(ws, &ext[i], where, 0);
    }
}

void xml__w_ext_mixed(xml__wstate *ws, const trace_ext *ext, size_t n, const char *where)
{
    size_t i;
    int mixed = 0;
    for (i = 0; i < n && !mixed; i++)
        mixed = ext[i].kind == TRACE_EXT_TEXT;
    if (!mixed) {
        xml__w_ext_list(ws, ext, n, where);
        return;
    }
    /* text between elements is content here: no indentation may be added */
    for (i = 0; i < n; i++) {
        array_loss(ws, ext, n, i, where);
        ext_node(ws, &ext[i], where, 1);
    }
}

void xml__w_ext_wrapped(xml__wstate *ws, const trace_ext *ext, size_t n, const char *where)
{
    size_t i, nloc = 0, last_q = 0;
    int seen_q = 0, reordered = 0;
    for (i = 0; i < n; i++) {
        if (ext[i].kind != TRACE_EXT_ELEMENT)
            continue;
        if (ext[i].ns.len) {
            seen_q = 1;
            last_q = i;
        } else {
            nloc++;
            reordered |= seen_q;
        }
    }
    (void)last_q;
    if (nloc) {
        /* unqualified members only fit the ##local "extension" wrapper, which comes first */
        if (reordered)
            xml__w_loss(ws, TRACE__D_CHANGED, where, "the order of extension elements",
                        "unqualified ones first, in the extension wrapper");
        xml__w_open(ws, "extension");
        for (i = 0; i < n; i++)
            if (ext[i].kind == TRACE_EXT_ELEMENT && !ext[i].ns.len) {
                array_loss(ws, ext, n, i, where);
                ext_node(ws, &ext[i], where, 0);
            }
        xml__w_close(ws, "extension");
    }
    for (i = 0; i < n; i++) {
        if (ext[i].kind == TRACE_EXT_ELEMENT && !ext[i].ns.len)
            continue;
        if (ext[i].kind == TRACE_EXT_TEXT) {
            if (ext[i].text.len)
                xml__w_loss(ws, TRACE__D_DROPPED, where, "text outside an extension element",
                            NULL);
            continue;
        }
        array_loss(ws, ext, n, i, where);
        ext_node(ws, &ext[i], where, 0);
    }
}

/* -------------------------------------------------------------- CBV */

trace_str xml__w_vocab_str(xml__wstate *ws, const trace_vocab *v, trace_cbv_list list,
                           const char *where, char *buf, size_t size)
{
    trace_cbv_style style = ws->w->opts.cbv;
    size_t n;
    trace_str r;
    if (v->form == TRACE_CBV_BARE) {
        /* XML has no bare CBV values: the URN (or the Web URI when asked) is written. */
        if (style != TRACE_CBV_STYLE_WEB) {
            char what[TRACE_DIAG_ARG_SIZE];
            snprintf(what, sizeof(what), "the bare CBV value %.*s", (int)v->raw.len, v->raw.s);
            if (style != TRACE_CBV_STYLE_URN)
                xml__w_loss(ws, TRACE__D_CHANGED, where, what, "a CBV URN");
            style = TRACE_CBV_STYLE_URN;
        }
    } else if (style == TRACE_CBV_STYLE_BARE) {
        style = TRACE_CBV_STYLE_URN; /* reported once when the writer opened */
    }
    n = trace_vocab_format(v, list, style, buf, size);
    if (n >= size)
        return v->raw;
    r.s = buf;
    r.len = n;
    return r;
}

void xml__w_vocab(xml__wstate *ws, const char *name, const trace_vocab *v, trace_cbv_list list)
{
    char buf[512];
    xml__w_leaf(ws, name, xml__w_vocab_str(ws, v, list, name, buf, sizeof(buf)));
}
