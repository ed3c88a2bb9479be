#!/bin/sh
# man-links.sh PAGE.3... - print "function page" for every trace_* name in the
# NAME section of each section-3 page, so `make install` can add one .so link
# per function (man trace_check_verify opens libtrace-check(3)).
for page in "$@"; do
    base=$(basename "$page" .3)
    awk '/^\.SH/ { in_name = ($2 == "NAME") ; next }
         in_name { sub(/\\-.*/, ""); gsub(/[,\\]/, " "); print }' "$page" |
        tr ' ' '\n' | grep '^trace_' | sort -u | sed "s|\$| $base|"
done
