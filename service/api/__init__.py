"""HTTP API under /v1: routes per resource, dependencies in deps.py, shapes in schemas.py."""
