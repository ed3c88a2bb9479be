utds-profile 1
name county-x
extends meat
rule CX-001 * * error require utds:productName ÿ
