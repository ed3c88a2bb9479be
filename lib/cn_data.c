/*
 * cn_data.c - lookups in the code lists compiled in from spec/cn/ *.tsv
 * (build/gen/cn_tables.h, made by tools/gen-cn-tables.awk). The tables are
 * small; a linear scan is cheaper than keeping them sorted by hand.
 */
#include <string.h>

#include "cn_int.h"
#include "cn_tables.h"

/* Row of table (rows x cols) whose column col equals s[0..n), or -1. */
static long find_row(const char *const *tab, size_t rows, size_t cols, size_t col, const char *s,
                     size_t n)
{
    size_t r;
    for (r = 0; r < rows; r++) {
        const char *v = tab[r * cols + col];
        if (strlen(v) == n && memcmp(v, s, n) == 0)
            return (long)r;
    }
    return -1;
}

#define FIND(t, T, col, s, n) \
    find_row(&cn_tab_##t[0][0], CN_TAB_##T##_ROWS, CN_TAB_##T##_COLS, col, s, n)

const char *trace__cn_province(const char *code2, const char **name_en)
{
    long r = FIND(provinces, PROVINCES, 0, code2, 2);
    if (r < 0)
        return NULL;
    if (name_en)
        *name_en = cn_tab_provinces[r][2];
    return cn_tab_provinces[r][1];
}

const char *trace__cn_uscc_dept(char dept, const char **name_en)
{
    long r = FIND(uscc_dept, USCC_DEPT, 0, &dept, 1);
    if (r < 0)
        return NULL;
    if (name_en)
        *name_en = cn_tab_uscc_dept[r][3];
    return cn_tab_uscc_dept[r][2];
}

const char *trace__cn_uscc_cat(char dept, char cat, const char **name_en)
{
    size_t r;
    for (r = 0; r < CN_TAB_USCC_CAT_ROWS; r++)
        if (cn_tab_uscc_cat[r][0][0] == dept && cn_tab_uscc_cat[r][1][0] == cat) {
            if (name_en)
                *name_en = cn_tab_uscc_cat[r][3];
            return cn_tab_uscc_cat[r][2];
        }
    return NULL;
}

const char *trace__cn_family(const char *code2, const char **name_en)
{
    long r = FIND(families, FAMILIES, 0, code2, 2);
    if (r < 0)
        return NULL;
    if (name_en)
        *name_en = cn_tab_families[r][2];
    return cn_tab_families[r][1];
}

const char *trace__cn_family_profile(const char *code2)
{
    long r = FIND(families, FAMILIES, 0, code2, 2);
    return r < 0 ? NULL : cn_tab_families[r][3];
}

size_t trace__cn_family_count(void)
{
    return CN_TAB_FAMILIES_ROWS;
}

const char *trace__cn_family_at(size_t i, const char **zh, const char **en)
{
    if (i >= CN_TAB_FAMILIES_ROWS)
        return NULL;
    if (zh)
        *zh = cn_tab_families[i][1];
    if (en)
        *en = cn_tab_families[i][2];
    return cn_tab_families[i][0];
}

const char *trace__cn_iso3166(const char *s, size_t n)
{
    long r = -1;
    if (n == 2)
        r = FIND(iso3166, ISO3166, 0, s, 2);
    else if (n == 3 && s[0] >= 'A')
        r = FIND(iso3166, ISO3166, 1, s, 3);
    else if (n == 3)
        r = FIND(iso3166, ISO3166, 2, s, 3);
    return r < 0 ? NULL : cn_tab_iso3166[r][3];
}

const char *trace__cn_iso4217(const char *s, size_t n)
{
    long r = -1;
    if (n == 3)
        r = FIND(iso4217, ISO4217, s[0] >= 'A' ? 0 : 1, s, 3);
    return r < 0 ? NULL : cn_tab_iso4217[r][2];
}

const char *trace__cn_rec20(const char *s, size_t n)
{
    long r = FIND(rec20, REC20, 0, s, n);
    return r < 0 ? NULL : cn_tab_rec20[r][1];
}
