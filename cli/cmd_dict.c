/*
 * cmd_dict.c - `tracectl dict list|show`: print the UTDS element dictionary,
 * code lists and business steps compiled into libtrace (UTDS Part 2).
 */
#include <string.h>

#include "cli.h"

static int cmd_dict(int argc, char **argv, cli_io *io);

CLI_COMMAND(dict) = {
    "dict", cmd_dict, "show the UTDS element dictionary, code lists and business steps",
    "dict list [elements|codelists|bizsteps] [--json] [--lang en|zh]\n"
    "       dict show NAME [--json] [--lang en|zh]\n"
    "       dict check ELEMENT VALUE... [--json] [--lang en|zh]\n"
    "  list prints every element (default), code list or business step, one a line.\n"
    "  show prints one element (id, utds:id or URI), the values of a code list,\n"
    "  or a business step (any CBV or UTDS spelling).\n"
    "  check checks each VALUE against the type of ELEMENT.\n"
    "  Exit status: 0 found (check: all valid), 1 NAME unknown (check: any\n"
    "  invalid), 2 usage."};

static const char *name_of(const cli_io *io, const char *en, const char *zh)
{
    return io->lang == TRACE_LANG_ZH ? zh : en;
}

static void json_field(FILE *out, const char *key, const char *v, int first)
{
    fprintf(out, "%s\"%s\":", first ? "{" : ",", key);
    if (v)
        cli_json_str(out, v);
    else
        fputs("null", out);
}

static void placement_words(unsigned p, char *buf, size_t size, const char *sep)
{
    buf[0] = '\0';
    if (p & TRACE_PLACE_EVENT)
        snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", buf[0] ? sep : "",
                 "event");
    if (p & TRACE_PLACE_ILMD)
        snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", buf[0] ? sep : "",
                 "ilmd");
    if (p & TRACE_PLACE_MASTER)
        snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", buf[0] ? sep : "",
                 "master");
}

/* The type with its parameter: "text(any,1-128)", "id(ear-tag)", "enum(family)". */
static void type_words(const trace_element *e, char *buf, size_t size)
{
    const char *t = trace_elem_type_name(e->type);
    switch (e->type) {
    case TRACE_ELEM_TEXT:
        snprintf(buf, size, "%s(%s,%u-%u)", t, trace_charset_name(e->charset), e->min_len,
                 e->max_len);
        break;
    case TRACE_ELEM_ID: snprintf(buf, size, "%s(%s)", t, e->schemes); break;
    case TRACE_ELEM_ENUM: snprintf(buf, size, "%s(%s)", t, e->codelist); break;
    case TRACE_ELEM_DECIMAL:
    case TRACE_ELEM_INTEGER: snprintf(buf, size, "%s(%s)", t, e->unit); break;
    case TRACE_ELEM_GROUP: snprintf(buf, size, "%s(%s)", t, e->members); break;
    default: snprintf(buf, size, "%s", t);
    }
}

static void element_json(cli_io *io, const trace_element *e, int full)
{
    char pl[32];
    FILE *o = io->out;
    json_field(o, "id", e->id, 1);
    if (!full) {
        json_field(o, "type", trace_elem_type_name(e->type), 0);
        json_field(o, "en", e->en, 0);
        json_field(o, "zh", e->zh, 0);
        return;
    }
    json_field(o, "uri", e->uri, 0);
    json_field(o, "type", trace_elem_type_name(e->type), 0);
    if (e->type == TRACE_ELEM_TEXT) {
        json_field(o, "charset", trace_charset_name(e->charset), 0);
        fprintf(o, ",\"minLength\":%u,\"maxLength\":%u", e->min_len, e->max_len);
    }
    if (e->schemes)
        json_field(o, "schemes", e->schemes, 0);
    if (e->codelist)
        json_field(o, "codelist", e->codelist, 0);
    if (e->unit)
        json_field(o, "unit", e->unit, 0);
    if (e->members)
        json_field(o, "members", e->members, 0);
    placement_words(e->placement, pl, sizeof(pl), ",");
    json_field(o, "placement", pl, 0);
    fprintf(o, ",\"repeatable\":%s", e->repeatable ? "true" : "false");
    json_field(o, "en", e->en, 0);
    json_field(o, "zh", e->zh, 0);
    json_field(o, "description", e->desc, 0);
}

static int list_elements(cli_io *io)
{
    size_t i;
    for (i = 0; i < trace_dict_element_count(NULL); i++) {
        const trace_element *e = trace_dict_element_at(NULL, i);
        if (io->json) {
            element_json(io, e, 0);
            fputs("}\n", io->out);
        } else {
            fprintf(io->out, "%-28s %-8s %s\n", e->id, trace_elem_type_name(e->type),
                    name_of(io, e->en, e->zh));
        }
    }
    return CLI_OK;
}

static int list_codelists(cli_io *io)
{
    size_t i;
    for (i = 0; i < trace_dict_codelist_count(NULL); i++) {
        const trace_codelist *l = trace_dict_codelist_at(NULL, i);
        if (io->json) {
            json_field(io->out, "id", l->id, 1);
            fprintf(io->out, ",\"source\":\"%s\",\"values\":%zu", l->source, l->count);
            json_field(io->out, "en", l->en, 0);
            json_field(io->out, "zh", l->zh, 0);
            fputs("}\n", io->out);
        } else {
            fprintf(io->out, "%-22s %-6s %4zu  %s\n", l->id, l->source, l->count,
                    name_of(io, l->en, l->zh));
        }
    }
    return CLI_OK;
}

static void bizstep_line(cli_io *io, const trace_bizstep *b)
{
    if (io->json) {
        json_field(io->out, "name", b->name, 1);
        json_field(io->out, "uri", b->uri, 0);
        json_field(io->out, "cbv", b->cbv, 0);
        json_field(io->out, "origin", b->origin, 0);
        json_field(io->out, "en", b->en, 0);
        json_field(io->out, "zh", b->zh, 0);
        fputs("}\n", io->out);
    } else {
        fprintf(io->out, "%-30s %-4s %-16s %s\n", b->name, b->origin, b->cbv,
                name_of(io, b->en, b->zh));
    }
}

static int list_bizsteps(cli_io *io)
{
    size_t i;
    for (i = 0; i < trace_dict_bizstep_count(NULL); i++)
        bizstep_line(io, trace_dict_bizstep_at(NULL, i));
    return CLI_OK;
}

static void show_element(cli_io *io, const trace_element *e)
{
    static const char *const en_l[] = {"element",   "uri",    "name",       "type",
                                       "placement", "repeat", "description"};
    static const char *const zh_l[] = {"数据元",   "URI",    "名称", "类型",
                                       "出现位置", "可重复", "说明"};
    const char *const *lab = io->lang == TRACE_LANG_ZH ? zh_l : en_l;
    char ty[256], pl[32];
    if (io->json) {
        element_json(io, e, 1);
        fputs("}\n", io->out);
        return;
    }
    type_words(e, ty, sizeof(ty));
    placement_words(e->placement, pl, sizeof(pl), ", ");
    fprintf(io->out, "%s: utds:%s\n%s: %s\n", lab[0], e->id, lab[1], e->uri);
    fprintf(io->out, "%s: %s (%s)\n", lab[2], name_of(io, e->en, e->zh),
            io->lang == TRACE_LANG_ZH ? e->en : e->zh);
    fprintf(io->out, "%s: %s\n%s: %s\n%s: %s\n%s: %s\n", lab[3], ty, lab[4], pl, lab[5],
            e->repeatable ? "yes" : "no", lab[6], e->desc);
}

static void show_codelist(cli_io *io, const trace_codelist *l)
{
    size_t i;
    if (!io->json)
        fprintf(io->out, "%s (%s, %zu): %s\n", l->id, l->source, l->count,
                name_of(io, l->en, l->zh));
    for (i = 0; i < l->count; i++) {
        const trace_code_value *v = trace_codelist_value_at(l, i);
        if (io->json) {
            json_field(io->out, "list", v->list, 1);
            json_field(io->out, "code", v->code, 0);
            json_field(io->out, "parent", v->parent, 0);
            json_field(io->out, "en", v->en, 0);
            json_field(io->out, "zh", v->zh, 0);
            fputs("}\n", io->out);
        } else {
            fprintf(io->out, "  %-28s %-12s %s\n", v->code, v->parent ? v->parent : "-",
                    name_of(io, v->en, v->zh));
        }
    }
}

static int show(cli_io *io, const char *name)
{
    const trace_element *e = trace_dict_element(NULL, name);
    const trace_codelist *l = trace_dict_codelist(NULL, name);
    const trace_bizstep *b = trace_dict_bizstep(NULL, name, strlen(name));
    if (e)
        show_element(io, e);
    else if (l)
        show_codelist(io, l);
    else if (b)
        bizstep_line(io, b);
    else {
        cli_error(io, "'%s' is not an element, code list or business step", name);
        return CLI_FINDINGS;
    }
    return CLI_OK;
}

static int check_values(cli_io *io, const char *name, char **values, int n)
{
    const trace_element *e = trace_dict_element(NULL, name);
    int i, bad = 0;
    if (!e) {
        cli_error(io, "'%s' is not an element", name);
        return CLI_FINDINGS;
    }
    for (i = 0; i < n; i++) {
        trace_diag d;
        char msg[512] = "";
        int ok =
            trace_element_check_value(NULL, e, values[i], strlen(values[i]), &d) == 1;
        if (!ok)
            trace_diag_message(&d, io->lang, msg, sizeof(msg));
        bad |= !ok;
        if (io->json) {
            json_field(io->out, "element", e->id, 1);
            json_field(io->out, "value", values[i], 0);
            fprintf(io->out, ",\"valid\":%s", ok ? "true" : "false");
            if (!ok) {
                json_field(io->out, "code", d.id, 0);
                json_field(io->out, "message", msg, 0);
            }
            fputs("}\n", io->out);
        } else if (ok) {
            fprintf(io->out, "%s: ok\n", values[i]);
        } else {
            fprintf(io->out, "%s: %s: %s\n", values[i], d.id, msg);
        }
    }
    return bad ? CLI_FINDINGS : CLI_OK;
}

static int cmd_dict(int argc, char **argv, cli_io *io)
{
    static const struct option opts[] = {CLI_COMMON_LONGOPTS, {0, 0, 0, 0}};
    int c;
    const char *what;
    while ((c = getopt_long(argc, argv, "q", opts, NULL)) != -1) {
        int rc = cli_common_opt(c, &cli_cmd_dict, io);
        if (rc >= 0)
            return rc;
    }
    if (optind >= argc)
        return cli_usage_error(io, &cli_cmd_dict, "needs list or show");
    if (!strcmp(argv[optind], "check")) {
        if (argc - optind < 3)
            return cli_usage_error(io, &cli_cmd_dict, "check takes ELEMENT and VALUE...");
        return check_values(io, argv[optind + 1], argv + optind + 2, argc - optind - 2);
    }
    if (!strcmp(argv[optind], "show")) {
        if (argc - optind != 2)
            return cli_usage_error(io, &cli_cmd_dict, "show takes one NAME");
        return show(io, argv[optind + 1]);
    }
    if (strcmp(argv[optind], "list") || argc - optind > 2)
        return cli_usage_error(io, &cli_cmd_dict, "unknown subcommand '%s'",
                               argv[optind]);
    what = argc - optind == 2 ? argv[optind + 1] : "elements";
    if (!strcmp(what, "elements"))
        return list_elements(io);
    if (!strcmp(what, "codelists"))
        return list_codelists(io);
    if (!strcmp(what, "bizsteps"))
        return list_bizsteps(io);
    return cli_usage_error(io, &cli_cmd_dict,
                           "list takes elements, codelists or bizsteps");
}
