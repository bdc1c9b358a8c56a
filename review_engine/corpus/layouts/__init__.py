"""Content builders: one module per report layout, each turning case facts into blocks + gold."""
