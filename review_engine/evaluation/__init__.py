"""The scorer behind ``review-engine eval``: pure functions over (gold, predicted).

``scoring`` compares one document's or one claim's gold with the engine's output and returns
counts; ``aggregate`` sums counts by language and format into the figures the eval prints;
``runner`` walks a cases folder and runs the engine (the only part that touches it).
"""
