utds-profile 1
name county-x
