/*
 * validate_profile.c - validator layer 6: the UTDS profile of the event's
 * product family (element dictionary, profiles, local profiles).
 * Until the dictionary module (profiles as data) is built in, no profile is
 * known: naming one is reported as unknown, and no profile rules run.
 */
#include "validate_int.h"

int trace__validate_profile_init(trace_validator *v)
{
    const char *name = v->opts.profile ? v->opts.profile : v->profile_name;
    v->profile = NULL;
    return name && *name ? TRACE_ENOTFOUND : TRACE_OK;
}

void trace__validate_profile(trace__vrun *c)
{
    (void)c;
}
