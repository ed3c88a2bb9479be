utds-profile 1
name tea
extends teas
rule B-001 * * error require bizStep
rule CZ-001 ObjectEvent utds:harvest error require ilmd/utds:harvestDate
rule CZ-002 ObjectEvent * fatal require x
rule CZ-003 ObjectEvent * error requires x
rule CZ-004 ObjectEvent * error require ilmd/utds:quarantineCertNo
rule CZ-005 ObjectEvent * error require utds:nope
rule CZ-006 * * error event-time 9x
rule CZ-007 * * error scheme epcList uscc|foo
rule CZ-008 * * error require bizStep if action~ADD
frobnicate
disable MEAT-003
