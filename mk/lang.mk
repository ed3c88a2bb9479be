# lang.mk - compile spec/lang/zh-terms.tsv (Chinese renderings of argument
# words in diagnostics) into C: exact terms sorted for binary search, then the
# terms with "{}" wildcards.
EXTRA_GEN += $(B)/gen/zh_terms.inc
$(B)/gen/zh_terms.inc: spec/lang/zh-terms.tsv tools/gen-terms.awk
	@mkdir -p $(B)/gen
	LC_ALL=C awk -F'\t' -v want=exact -f tools/gen-terms.awk spec/lang/zh-terms.tsv > $@.e
	LC_ALL=C awk -F'\t' -v want=wild -f tools/gen-terms.awk spec/lang/zh-terms.tsv > $@.w
	LC_ALL=C sort -t'	' -k1,1 $@.e | cut -f2- > $@.exact
	cut -f2- $@.w > $@.wild
	{ echo '/* generated from spec/lang/zh-terms.tsv by tools/gen-terms.awk */'; \
	  echo 'static const struct zh_term ZH_EXACT[] = {'; cat $@.exact; echo '};'; \
	  echo 'static const struct zh_term ZH_WILD[] = {'; cat $@.wild; echo '};'; } > $@.tmp
	rm -f $@.e $@.w $@.exact $@.wild
	mv $@.tmp $@
