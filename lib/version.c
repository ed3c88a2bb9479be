/*
 * version.c - run-time version, features and status texts.
 */
#include <string.h>

#include "internal.h"

const char *trace_version(void)
{
    return TRACE_VERSION_STRING;
}

unsigned trace_version_number(void)
{
    return TRACE_VERSION_NUMBER;
}

const char *trace_features(void)
{
    return TRACE__FEATURES;
}

trace_lang trace_lang_from_name(const char *name)
{
    if (name && (name[0] == 'z' || name[0] == 'Z') && (name[1] == 'h' || name[1] == 'H'))
        return TRACE_LANG_ZH;
    return TRACE_LANG_EN;
}

const char *trace_strerror(int status, trace_lang lang)
{
    static const struct {
        int status;
        const char *en, *zh;
    } texts[] = {
        {TRACE_OK, "success", "成功"},
        {TRACE_EOF, "end of stream", "数据流结束"},
        {TRACE_EINVAL, "invalid argument", "参数无效"},
        {TRACE_ENOMEM, "out of memory", "内存不足"},
        {TRACE_EIO, "input/output error", "输入输出错误"},
        {TRACE_EDATA, "invalid data", "数据无效"},
        {TRACE_ELIMIT, "limit reached", "超出限制"},
        {TRACE_EUNSUPPORTED, "not supported", "不支持"},
        {TRACE_EVERIFY, "verification failed", "验证失败"},
        {TRACE_ENOTFOUND, "not found", "未找到"},
        {TRACE_EBUFS, "buffer too small", "缓冲区太小"},
    };
    size_t i;
    for (i = 0; i < TRACE__ARRAY_LEN(texts); i++)
        if (texts[i].status == status)
            return lang == TRACE_LANG_ZH ? texts[i].zh : texts[i].en;
    return lang == TRACE_LANG_ZH ? "未知状态" : "unknown status";
}
