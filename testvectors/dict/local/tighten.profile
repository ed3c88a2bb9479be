utds-profile 1
name county-x
extends meat
rule CX-001 * * error event-time 120
rule CX-002 TransformationEvent utds:slaughtering error scheme inputEPCList ear-tag
rule CX-003 ObjectEvent retail_selling error require utds:stallNo
rule CX-004 ObjectEvent utds:market_entering error require utds:testItem if has:utds:quarantineCertNo
