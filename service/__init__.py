"""The review service (CONTRACT.md section 5): hospitals upload, reviewers triage, MDT panels decide.

A client of the library: it calls ``review_engine.engine`` and reads ``review_engine.domain``;
the library never imports this package.
"""
