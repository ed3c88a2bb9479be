utds-profile 1
name county-x
extends meat
rule MEAT-006 TransformationEvent utds:slaughtering error require utds:meatInspectionCertNo
