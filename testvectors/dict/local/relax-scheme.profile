utds-profile 1
name county-x
extends meat
rule CX-001 TransformationEvent utds:slaughtering error scheme inputEPCList ear-tag|utds|gs1
