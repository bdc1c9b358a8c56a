"""The contract's command line (CONTRACT.md section 1).

Every command lives in ``review_engine/commands/<name>.py`` with ``add_parser(subparsers)``;
this module discovers them and maps domain errors to exit codes, once:
0 done, 2 bad input (one line on stderr naming the file and the problem), 1 internal error.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import pkgutil
import sys
from collections.abc import Sequence

from review_engine import __version__, commands
from review_engine.errors import BadInputError, KnowledgeError, NotAvailableError

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="review-engine",
        description="Pre-review of precision-oncology insurance claims.",
    )
    parser.add_argument("--version", action="version", version=f"review-engine {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if module_info.name.startswith("_"):
            continue  # helpers shared by commands
        module = importlib.import_module(f"{commands.__name__}.{module_info.name}")
        module.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_BAD_INPUT
    try:
        return int(args.func(args) or 0)
    except BadInputError as exc:
        print(f"review-engine: error: {exc.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except NotAvailableError as exc:
        print(f"review-engine: not available: {exc}", file=sys.stderr)
        return EXIT_INTERNAL
    except KnowledgeError as exc:
        print(f"review-engine: knowledge error: {exc}", file=sys.stderr)
        return EXIT_INTERNAL
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`review-engine review ... | head`): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # the last edge: report, never a silent approve
        if os.environ.get("REVIEW_ENGINE_DEBUG"):
            raise
        detail = " ".join(str(exc).split())[:300]
        print(f"review-engine: internal error: {type(exc).__name__}: {detail}", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
