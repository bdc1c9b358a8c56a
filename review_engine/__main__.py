"""``python -m review_engine`` is the same as the ``review-engine`` console script."""

import sys

from review_engine.cli import main

sys.exit(main())
