"""Normalisers: gene symbols (HGNC), HGVS changes, OCR repair. Pure functions over data files."""
