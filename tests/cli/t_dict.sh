# tracectl dict / profile: lookups, local profiles from files, exit codes.
case=dict-show-element
run dict show utds:earTag
expect_status 0
expect_out "element: utds:earTag
uri: https://utds.org.cn/ns/1.0/earTag
name: ear tag (畜禽标识(耳标))
type: id(ear-tag)
placement: event, ilmd
repeat: yes
description: 15-digit livestock ear tag of each animal in the batch."

case=dict-show-bizstep-json
run dict show --json urn:epcglobal:cbv:bizstep:shipping
expect_status 0
expect_out '{"name":"shipping","uri":"https://ref.gs1.org/cbv/BizStep-shipping","cbv":"shipping","origin":"cbv","en":"shipping","zh":"发货"}'

case=dict-unknown
run dict show nope
expect_status 1
expect_err_contains "'nope' is not an element, code list or business step"

case=dict-help
run dict --help
expect_status 0
expect_out_contains "usage: tracectl dict list"

case=profile-list-counts
run profile list --json
expect_status 0
[ "$(printf '%s\n' "$out" | wc -l)" = 51 ] && ok || bad "expected 51 profiles"

case=profile-local-file
printf 'utds-profile 1\nname shantou\nextends agri-food\nregion 440500\nrule ST-001 ObjectEvent shipping error require utds:testItem\n' > "$TMP/st.profile"
run profile show shantou --local "$TMP/st.profile" --event ObjectEvent --bizstep shipping --json
expect_status 0
expect_out_contains '{"id":"ST-001","profile":"shantou","level":"M","severity":"error","events":"ObjectEvent","bizsteps":"shipping","rule":"require utds:testItem"}'
run profile check "$TMP/st.profile"
expect_status 0
expect_out "$TMP/st.profile: ok"

case=profile-local-relax
printf 'utds-profile 1\nname lax\nextends drug\nrule LX-001 * * error event-time 86400\n' > "$TMP/lax.profile"
run profile check "$TMP/lax.profile"
expect_status 1
expect_err_contains "$TMP/lax.profile:4:1: TR-PROF-0004: error: rule LX-001 allows 86400 s of clock skew, more than national rule B-005 (600 s)"

case=profile-local-missing
run profile show meat --local "$TMP/none.profile"
expect_status 3
expect_err_contains "cannot read $TMP/none.profile"
