#!/bin/sh
# check-docs.sh BUILD_DIR - keep the documentation in sync with the code
# (curl's test1139/test1119 idea):
#   1. every symbol the shared library exports is named in some man/*.3 page;
#   2. every tracectl command has man/tracectl-<cmd>.1 and is listed in tracectl(1);
#   3. every long option a command's --help shows is documented in its page;
#   4. man/libtrace-errors.7 is the rendering of the current spec/errors/*.tsv;
#   5. every man page is mandoc-lint clean (when mandoc is installed);
#   6. the C example in README.md is copied verbatim from an examples/*.c file,
#      which check-examples compiles and runs;
#   7. one version everywhere: include/libtrace/version.h, every man page's
#      .TH line, and the newest released section of CHANGES.md;
#   8. every rule a vector cites ("spec: R-x.y.z", or R-1.G.x.y) is defined in spec/*.md,
#      and every rule is defined once; rules without vectors are counted.
# Prints one line per problem and "docs: N checks, N problems".
set -u
B=${1:-build}
cd "$(dirname "$0")/../.." || exit 2
so=$(ls "$B"/libtrace.so.*.*.* 2>/dev/null | head -1)
tracectl="$B/tracectl"
problems=0
checks=0
problem() { echo "docs: $*" >&2; problems=$((problems + 1)); }
checked() { checks=$((checks + 1)); }

# 1. Exported symbols are documented in section 3.
for sym in $(nm -D --defined-only "$so" | awk '$3 ~ /^trace_/ {sub(/@.*/, "", $3); print $3}' | sort -u); do
    checked
    grep -qw -- "$sym" man/*.3 2>/dev/null || problem "$sym is exported but no man/*.3 page names it"
done

# 2 and 3. Commands and their options.
cmds=$("$tracectl" help | awk '/^commands:/ {on = 1; next} on && /^  [a-z]/ {print $1}')
[ -n "$cmds" ] || problem "cannot list the tracectl commands"
for cmd in $cmds; do
    page="man/tracectl-$cmd.1"
    checked
    if [ ! -f "$page" ]; then
        problem "tracectl $cmd has no man page $page"
        continue
    fi
    checked
    grep -q "tracectl-$cmd (1)" man/tracectl.1 ||
        problem "man/tracectl.1 does not list tracectl-$cmd(1)"
    for opt in $("$tracectl" "$cmd" --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
        checked
        roff=$(echo "$opt" | sed 's/-/\\\\-/g')
        # roff writes \-\-name; mdoc writes ".Fl \-name" (rendered --name)
        grep -q -e "$roff" -e "$opt" "$page" ||
            sed 's/\\//g' "$page" | grep -q -e "Fl -${opt#--}" ||
            problem "$page does not document $opt"
    done
done

# 4. The generated catalogue page is up to date.
checked
if ! cmp -s "$B/gen/libtrace-errors.7" man/libtrace-errors.7; then
    problem "man/libtrace-errors.7 is out of date with spec/errors/*.tsv; run 'make man-errors'"
fi

# 5. Lint every page.
if command -v mandoc >/dev/null 2>&1; then
    for m in man/*.[1357]; do
        checked
        out=$(mandoc -T lint -W warning "$m" 2>&1) || problem "$m: $out"
    done
else
    echo "docs: mandoc not installed, man pages not linted" >&2
fi

# 6. README's C example is verbatim from examples/.
checked
tmp=$(mktemp)
awk '/^```c$/ {on = 1; next} /^```/ {on = 0} on' README.md >"$tmp"
if [ ! -s "$tmp" ]; then
    problem "README.md has no \`\`\`c example"
else
    found=0
    for ex in examples/*.c; do
        awk -v blockfile="$tmp" 'BEGIN { RS = "^$"; getline block < blockfile }
             { if (index($0, block)) found = 1 } END { exit !found }' "$ex" && found=1
    done
    [ "$found" = 1 ] || problem "README.md's C example is not a verbatim excerpt of any examples/*.c"
fi
rm -f "$tmp"

# 7. Version consistency (libsodium's check-version-consistency idea).
version=$(sed -n 's/^#define TRACE_VERSION_STRING "\(.*\)"/\1/p' include/libtrace/version.h)
for m in man/*.[1357]; do
    checked
    # A page may leave the version out; if it names one, it is this one.
    th=$(grep -m1 '^\.TH ' "$m")
    case "$th" in
    *"libtrace $version\""*) ;;
    *"libtrace "[0-9]*) problem "$m: .TH names another version than libtrace $version" ;;
    esac
done
checked
released=$(sed -n 's/^## \([0-9][0-9.]*\).*/\1/p' CHANGES.md | head -1)
if [ -n "$released" ] && [ "$released" != "$version" ]; then
    problem "CHANGES.md's newest release is $released but version.h says $version"
fi
grep -q '^## Unreleased' CHANGES.md || [ "$released" = "$version" ] ||
    problem "CHANGES.md has neither an Unreleased section nor one for $version"

# 8. Rule ids: cited ones exist, none is defined twice.
# any number of parts: R-1.3.2, and the GS1 part's R-1.G.5.4
defined=$(grep -ohE '^\[R-[0-9A-Za-z]+(\.[0-9A-Za-z]+)+\]' spec/*.md 2>/dev/null | tr -d '[]' | sort)
for dup in $(printf '%s\n' "$defined" | uniq -d); do
    checked
    problem "rule $dup is defined more than once in spec/*.md"
done
cited=$(grep -rh '^spec:' testvectors --include='*.vec' 2>/dev/null | sed 's/^spec:[[:space:]]*//' |
    tr ' ,' '\n\n' | grep '^R-' | sort -u)
for id in $cited; do
    checked
    printf '%s\n' "$defined" | grep -qx -- "$id" || problem "a vector cites $id, which no spec/*.md defines"
done
ndef=$(printf '%s\n' "$defined" | grep -c . || true)
ncov=0
for id in $(printf '%s\n' "$defined" | sort -u); do
    printf '%s\n' "$cited" | grep -qx -- "$id" && ncov=$((ncov + 1))
done
echo "docs: $ncov of $ndef rules in spec/ are cited by a vector"

echo "docs: $checks checks, $problems problems"
[ "$problems" = 0 ]
