/*
 * validate_event.c - what an ERP system does before it sends a record:
 * build an EPCIS ObjectEvent in C and validate it with libtrace.
 * Build: cc validate_event.c $(pkg-config --cflags --libs libtrace)
 */
#include <stdio.h>

#include <libtrace/trace.h>

int main(void)
{
    trace_ctx *ctx;
    trace_validator *v;
    trace_diag_list *diags;
    trace_validate_options opts = TRACE_VALIDATE_OPTIONS_INIT;
    trace_event ev;
    trace_id epc = {{"urn:epc:id:sgtin:0614141.107346.2017", 36}, TRACE_ID_EPC_URN, {0, 0}};
    size_t i;

    if (trace_ctx_new(&ctx, NULL) || trace_diag_list_new(&diags, 0, NULL))
        return 1;
    opts.now = 1767225600; /* fixed "now" so the output is reproducible */
    if (trace_validator_new(&v, ctx, &opts))
        return 1;

    trace_event_init(&ev); /* a shipping event: bizStep misspelt, no location */
    ev.index = 0;
    ev.type = TRACE_EVENT_OBJECT;
    trace_time_parse(trace_str_c("2025-06-01T08:00:00+08:00"), &ev.event_time);
    ev.tz_offset = trace_str_c("+08:00");
    ev.epc_list.items = &epc, ev.epc_list.n = 1, ev.epc_list.present = 1;
    ev.action = TRACE_ACTION_OBSERVE;
    trace_vocab_set(&ev.biz_step, TRACE_CBV_BIZSTEP, trace_str_c("shiping"));

    if (trace_validate_event(v, &ev, diags) != TRACE_OK) {
        for (i = 0; i < trace_diag_list_count(diags); i++) {
            const trace_diag *d = trace_diag_list_at(diags, i);
            char msg[256];
            trace_diag_message(d, TRACE_LANG_EN, msg, sizeof(msg));
            printf("%s %s: %s\n", d->id, d->loc.path, msg);
            trace_diag_message(d, TRACE_LANG_ZH, msg, sizeof(msg));
            printf("%s %s: %s\n", d->id, d->loc.path, msg);
        }
    }
    trace_validator_free(v);
    trace_diag_list_free(diags);
    trace_ctx_free(ctx);
    return 0;
}
