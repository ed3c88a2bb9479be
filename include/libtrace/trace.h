/*
 * libtrace/trace.h - umbrella header: include this one.
 *
 * libtrace implements UTDS, the Unified Trace Data Standard
 * (统一追溯数据标准): trace codes, records, transmission formats and
 * interface messages for China's important-product traceability system.
 */
#ifndef LIBTRACE_TRACE_H
#define LIBTRACE_TRACE_H

#include "common.h"
#include "version.h"
#include "error.h"
#include "ctx.h"
#include "check.h"
#include "code.h"
#include "gs1.h"
#include "conform.h"
#include "event.h"
#include "io.h"
#include "validate.h"
#include "msg.h"
#include "dict.h"
#include "cn.h"
#include "utc.h"
#include "hash.h"
#include "sign.h"
#include "dump.h"

#endif
