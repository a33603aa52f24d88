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
    args = parser.parse_args(argv)
    try:
        runs = [load(path) for path in args.runs]
        text = report(runs)
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
