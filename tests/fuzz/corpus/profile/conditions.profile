utds-profile 1
name x
extends base
rule A-001 ObjectEvent,AggregationEvent shipping,receiving error require utds:cylinderFilling/utds:preFillingCheck|ilmd/cbvmda:lotNumber if has:sourceList[owning_party] && utds:stallNo!=A1 && no:ilmd
