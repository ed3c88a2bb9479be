# io.mk - registry of codecs: grep TRACE__FORMAT_DEFINE(...) in lib/*.c.
EXTRA_GEN += $(B)/gen/formats.inc
$(B)/gen/formats.inc: $(LIB_SRCS)
	@mkdir -p $(B)/gen
	grep -ho '^TRACE__FORMAT_DEFINE([a-z0-9_]*)' $(LIB_SRCS) /dev/null | sed 's/TRACE__FORMAT_DEFINE(\(.*\))/X(\1)/' | sort -u > $@.tmp; mv $@.tmp $@
