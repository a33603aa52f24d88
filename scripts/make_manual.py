"""Writes regsim's bash completion and its man page from the help text the program prints, so both
follow every option as it is declared (sim/cli/main.cpp). Run by the build (the `manual` target):

    make_manual.py REGSIM OUT_DIR [--help2man PATH]

writes OUT_DIR/regsim.bash (a completion function for `regsim` and `regsim-mpi`) and, when help2man
is installed, OUT_DIR/regsim.1 with a COMMANDS section holding each command's own --help."""

from __future__ import annotations

import argparse
import os
import pathlib
import re
import subprocess
import sys
import tempfile

SECTION = re.compile(r"^(\w[\w ]*):$")
ENTRY = re.compile(r"^  (\S.*?)(?:\s{2,}(.*))?$")


def help_text(program: str, *command: str) -> str:
    """The help of `program COMMAND`, in English and in a locale-neutral environment."""
    environment = {**os.environ, "REGSIM_LANG": "en", "LC_ALL": "C.UTF-8"}
    return subprocess.run([program, *command, "--help"], capture_output=True, text=True, check=True,
                          env=environment).stdout


def sections(text: str) -> dict[str, list[str]]:
    """Help sections ("Options", "Subcommands", "Positionals") and their entries' first fields."""
    found: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        heading = SECTION.match(line)
        if heading:
            current = heading.group(1)
            found[current] = []
        elif current and ENTRY.match(line) and not line.startswith("    "):
            found[current].append(ENTRY.match(line).group(1))
    return found


def option_words(entry: str) -> tuple[list[str], list[str]]:
    """`-o,--output TEXT:FILE` gives (["-o", "--output"], []); `--lang TEXT:{en,zh}` gives
    (["--lang"], ["en", "zh"]); flags give their names and no value."""
    names = [n for n in entry.split()[0].split(",") if n.startswith("-")]
    choices = re.search(r":\{([^}]*)\}", entry)
    return names, (choices.group(1).split(",") if choices else [])


def value_action(choices: list[str]) -> str:
    if choices:
        return "COMPREPLY=($(compgen -W '" + " ".join(choices) + "' -- \"$cur\"))"
    return "COMPREPLY=($(compgen -f -- \"$cur\"))"


def completion(program: str) -> str:
    top = sections(help_text(program))
    commands = [c.split()[0] for c in top.get("Subcommands", [])]
    global_options, values = [], []
    for entry in top.get("Options", []):
        names, choices = option_words(entry)
        global_options += names
        if len(entry.split()) > 1:
            values += [f"    *\\ {name}) {value_action(choices)}; return ;;" for name in names]
    cases = []
    for command in commands:
        words = []
        for entry in sections(help_text(program, command)).get("Options", []):
            names, choices = option_words(entry)
            words += names
            if len(entry.split()) > 1:  # an option that takes a value: complete the value
                values += [f"    {command}\\ {name}) {value_action(choices)}; return ;;" for name in names]
        cases.append(f"    {command}) options='{' '.join(words + global_options)}' ;;")
    return f"""# bash completion for regsim, written by scripts/make_manual.py from `regsim --help`.
# Installed to share/bash-completion/completions/regsim; or: source build/release/regsim.bash
_regsim() {{
  local cur prev command options i
  cur=${{COMP_WORDS[COMP_CWORD]}}
  prev=${{COMP_WORDS[COMP_CWORD-1]}}
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "${{COMP_WORDS[i]}}" in -*) continue ;; esac
    case "${{COMP_WORDS[i-1]}}" in --lang|--unit) continue ;; esac
    command=${{COMP_WORDS[i]}}
    break
  done
  case "$command $prev" in
{chr(10).join(values)}
  esac
  if [[ -z "$command" ]]; then
    COMPREPLY=($(compgen -W '{' '.join(commands)} {' '.join(global_options)}' -- "$cur"))
    return
  fi
  case "$command" in
{chr(10).join(cases)}
    *) options='' ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$options" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}}
complete -o filenames -F _regsim regsim regsim-mpi
"""


def manual(program: str, out: pathlib.Path, help2man: str) -> None:
    top = sections(help_text(program))
    commands = [c.split()[0] for c in top.get("Subcommands", [])]
    include = ["[NAME]", "regsim \\- a discrete-event simulator of a regional economy (input-output model)", "",
               "[COMMANDS]"]
    for command in commands:
        include.append(f".SS \"regsim {command}\"")
        include.append(".nf")
        include += [line.replace("\\", "\\\\") for line in help_text(program, command).splitlines()]
        include.append(".fi")
    include += ["", "[SEE ALSO]", "docs/cli.md in the source tree: every command with examples; docs/ for the model,",
                "the scenario format and the run-file layout."]
    with tempfile.NamedTemporaryFile("w", suffix=".h2m", delete=False, encoding="utf-8") as f:
        f.write("\n".join(include) + "\n")
        include_file = f.name
    try:
        subprocess.run([help2man, "--no-info", "--section=1", "--locale=C.UTF-8", "--include", include_file,
                        "--output", str(out), program], check=True, env={**os.environ, "REGSIM_LANG": "en", "LC_ALL": "C.UTF-8"})
    finally:
        os.unlink(include_file)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("program")
    parser.add_argument("out_dir", type=pathlib.Path)
    parser.add_argument("--help2man", default="")
    args = parser.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    (args.out_dir / "regsim.bash").write_text(completion(args.program), encoding="utf-8")
    if args.help2man:
        manual(args.program, args.out_dir / "regsim.1", args.help2man)
    return 0


if __name__ == "__main__":
    sys.exit(main())
