utds-profile 1
name relaxed-meat
extends agri-food
rule RX-001 TransformationEvent utds:slaughtering warning require utds:meatInspectionCertNo
rule RX-002 * * error event-time 3600
rule RX-003 TransformationEvent utds:slaughtering error scheme inputEPCList ear-tag|utds|gs1
rule RX-004 ObjectEvent shipping error forbid utds:quarantineCertNo
rule RX-005 master:product * info optional utds:productName
rule RX-006 * * warning quantity
