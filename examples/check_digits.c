/*
 * check_digits.c - the smallest libtrace program: verify and compute check
 * characters. Build: cc check_digits.c $(pkg-config --cflags --libs libtrace)
 */
#include <stdio.h>
#include <string.h>

#include <libtrace/trace.h>

int main(void)
{
    const char *uscc = "91350100M000100Y43"; /* Unified Social Credit Code */
    char check[4];
    trace_diag d;

    if (trace_check_verify(TRACE_CHECK_GB32100, uscc, strlen(uscc)) != 1)
        return 1;
    printf("%s: GB 32100 check ok\n", uscc);

    if (trace_check_compute(TRACE_CHECK_GS1_MOD10, "400638133393", 12, check,
                            sizeof(check)))
        return 1;
    printf("GTIN 400638133393 + check digit = 400638133393%s\n", check);

    if (trace_check_diagnose(TRACE_CHECK_GS1_MOD10, "4006381333932", 13, &d) == 0) {
        char msg[256];
        trace_diag_message(&d, TRACE_LANG_EN, msg, sizeof(msg));
        printf("%s at offset %lld: %s\n", d.id, (long long)d.loc.offset, msg);
    }
    printf("libtrace %s\n", trace_version());
    return 0;
}
