utds-profile 1
name county-x
extends meat
rule CX-001 ObjectEvent shipping error forbid utds:quarantineCertNo
