utds-profile 1
name county-x
extends meat
rule CX-001 master:product * info optional utds:productName
