"""Training of our own models (torch). Never imported by ``review_engine``: the runtime
reads only the exported ONNX files under ``models/``."""
