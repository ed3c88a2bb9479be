utds-profile 1
name county-x
extends meat
disable MEAT-006
