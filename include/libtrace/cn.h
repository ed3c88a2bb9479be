/*
 * libtrace/cn.h - data for the Chinese identifier schemes (UTDS Part 1):
 * loading the full GB/T 2260 administrative division list a platform
 * supplies. The province-level codes are compiled in; county-level codes
 * change every year, so the full list is data loaded at run time into a
 * dictionary, which the region, resident-id, ear-tag, SC/JY licence and
 * UTDS trace code schemes then consult (see spec/utds-1-coding-cn.md).
 *
 * Thread-safety: load into a dictionary before handing it to a context;
 * after that the dictionary is immutable and lookups are reentrant.
 */
#ifndef LIBTRACE_CN_H
#define LIBTRACE_CN_H

#include "common.h"
#include "error.h"
#include "ctx.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Load a GB/T 2260 region list from text: one region per line, a 6-digit
 * code, a tab and the name (UTF-8); lines starting with '#' and blank lines
 * are ignored. Replaces any list loaded before.
 * @param dict  dictionary not yet given to a context
 * @param text  the list, text[0..len)
 * @param diags receives a TR-CN-0013 diagnostic per bad line, or NULL
 * @return TRACE_OK (bad lines are skipped and reported), TRACE_EINVAL,
 *         TRACE_ENOMEM, TRACE_EDATA when no line was usable.
 * Ownership: the dictionary copies what it needs.
 */
TRACE_API int trace_dict_load_regions_mem(trace_dict *dict, const char *text, size_t len,
                                          trace_diag_list *diags);

/**
 * Load a GB/T 2260 region list from a file (same format).
 * @return as trace_dict_load_regions_mem, or TRACE_EIO when the file cannot be read.
 */
TRACE_API int trace_dict_load_regions(trace_dict *dict, const char *path,
                                      trace_diag_list *diags);

/**
 * Name of a 6-digit region code: the loaded list's name when the context's
 * dictionary has one, else the built-in province name for "PP0000" codes.
 * @return static or dictionary-owned string (valid while the dictionary
 *         lives), or NULL when unknown.
 */
TRACE_API const char *trace_cn_region_name(const trace_ctx *ctx, const char *code6);

#ifdef __cplusplus
}
#endif
#endif
