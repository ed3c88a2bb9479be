name county-x
extends meat
