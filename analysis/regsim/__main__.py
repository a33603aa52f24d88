"""`python3 -m regsim report A.h5 [B.h5 …] -o report.html`"""

import argparse
import pathlib
import sys

import matplotlib

matplotlib.use("Agg")  # the report draws into files; no display needed

from .report import report  # noqa: E402
from .run import RunFormatError, load  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m regsim", description="regsim run files in Python")
    commands = parser.add_subparsers(dest="command", required=True)
    page = commands.add_parser("report", help="write a self-contained HTML report of one or more runs")
    page.add_argument("runs", nargs="+", type=pathlib.Path, help="run files written by regsim run")
    page.add_argument("-o", "--output", type=pathlib.Path, default=pathlib.Path("report.html"))
    page.add_argument("--force", action="store_true", help="replace the output file if it exists")
    page.add_argument("--lang", choices=["en", "zh"], help="language of the page (default: REGSIM_LANG, the locale)")
    page.add_argument("--unit", help="unit money is shown in: 亿元, 万元, yuan, \"million USD\", auto "
                                     "(default: the scenario's display_unit)")
    page.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                      help="show a progress bar (default: when standard error is a terminal)")
    args = parser.parse_args(argv)
    if args.output.exists() and not args.force:
        print(f"regsim: {args.output} exists; give --force to replace it, or -o another name", file=sys.stderr)
        return 5
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    try:
        runs = [load(path) for path in args.runs]
        text = report(runs, lang=args.lang, unit=args.unit, progress=progress)
    except (RunFormatError, FileNotFoundError, ValueError) as error:
        print(f"regsim: {error}", file=sys.stderr)
        return 3
    temporary = args.output.with_name(args.output.name + ".part")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(args.output)
    print(f"wrote {args.output} ({len(text) // 1024} KiB, {len(runs)} run{'s' if len(runs) != 1 else ''})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
