"""The ``doingoai`` command line, in Vietnamese.

    doingoai extract FILE... [--format jsonl|json|csv] [--records KIND] [--review]   read plan documents
    doingoai demo [--no-serve] [--addrport 127.0.0.1:8000]                          the demo
    doingoai import FILE... --province NAME [--as USERNAME] [--yes]                 import documents
    doingoai backup -o FILE / doingoai restore FILE                                 back up, restore
    doingoai remind [--date DD/MM/YYYY]                                             send the reminders due
    doingoai export appendix|report|agreements|briefing ... --format F -o FILE       write official documents
    doingoai manage COMMAND ...                                                     Django's commands

``extract`` needs no database; the others set up Django (``cli.web``).
argparse's own words ("usage", "options", its error messages) are read from
the Vietnamese catalogue ``locale/vi/LC_MESSAGES/argparse.mo``.
"""

from __future__ import annotations

import argparse
import gettext
import sys
from collections.abc import Sequence
from pathlib import Path

from doingoai.cli import extract, web

LOCALE = Path(__file__).resolve().parents[1] / "locale"


def speak_vietnamese() -> None:
    """argparse's messages from our catalogue (it reads them through module-level ``_`` and ``ngettext``)."""
    translation = gettext.translation("argparse", localedir=LOCALE, languages=["vi"], fallback=True)
    argparse._ = translation.gettext
    argparse.ngettext = translation.ngettext


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="doingoai", description="doingoai — hệ thống quản lý công tác đối ngoại của tỉnh."
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="LỆNH")
    extract.add_parser(subparsers)
    web.add_parsers(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    speak_vietnamese()
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["manage"]:  # everything after "manage" is Django's, options included
        return web.run_manage(arguments[1:])
    args = build_parser().parse_args(arguments)
    try:
        return args.handler(args)
    except BrokenPipeError:
        return 0
