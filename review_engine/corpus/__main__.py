"""``python -m review_engine.corpus generate --out DIR --seed 7 --docs N --claims M``."""

from review_engine.corpus.cli import main

raise SystemExit(main())
