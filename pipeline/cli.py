"""The `gongkai` command: check, extract, rules, explain.

stdout carries the report; messages go to stderr. Exit codes: 0 no finding at
or above --fail-on, 1 findings (or unreadable files), 2 usage, configuration
or internal error.
"""

from __future__ import annotations

import contextlib
import functools
import sys
from dataclasses import replace
from pathlib import Path

import click

from pipeline import __version__
from pipeline.cli_io import Progress, error, file_output, open_output, stdin_input, warn, write_fixes
from pipeline.errors import UsageError
from pipeline.i18n import _, choose, install
from pipeline.i18n_click import Group, Option, option
from pipeline.models import SEVERITIES, severity_rank

FORMATS = ("terminal", "concise", "json", "xlsx", "html", "docx", "csv", "sarif")
TEXT_SUFFIXES = ("", ".txt", ".log", ".out")  # the terminal or concise text, written to a file
FILE_FORMATS = {
    ".json": "json",
    ".xlsx": "xlsx",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".csv": "csv",
    ".sarif": "sarif",
}  # -o NAME.<suffix> chooses


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(token.strip() for value in values for token in value.split(",") if token.strip())


def _lang_option(command):
    """--lang, read before click parses anything (main); declared so that click accepts it anywhere."""
    return option(
        "--lang",
        type=click.Choice(["zh", "en"]),
        expose_value=False,
        help="Interface language: zh (the default) or en; an English locale (LANG=en_US…) also gives en.",
    )(command)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@_lang_option
@click.version_option(
    __version__, prog_name="gongkai", message="%(prog)s %(version)s", cls=Option, help="Show the version and exit."
)
def cli() -> None:
    """Audit government information-disclosure annual reports (政府信息公开工作年度报告)."""


def _output_format(fmt: str | None, output: str | None) -> str:
    suffix = Path(output).suffix.lower() if output else ""
    if fmt is None and suffix not in FILE_FORMATS and suffix not in TEXT_SUFFIXES:
        kinds = " ".join(sorted(FILE_FORMATS))
        raise UsageError(
            _("-o {output}: which format is that? End the name in {kinds} or .txt, or give --format").format(
                output=output, kinds=kinds
            )
        )
    if fmt == "xlsx" and suffix != ".xlsx":
        raise UsageError(_("a workbook is written to a file: give -o, e.g. -o reports_out/summary.xlsx"))
    if fmt == "html" and suffix not in (".html", ".htm"):
        raise UsageError(_("the HTML report is written to a file: give -o, e.g. -o reports_out/audit.html"))
    if fmt == "docx" and suffix != ".docx":
        raise UsageError(
            _("the Word copy with comments is written to a file: give -o, e.g. -o reports_out/comments.docx")
        )
    if fmt:
        return fmt
    return FILE_FORMATS.get(suffix, "terminal")


def _expand(paths: tuple[str, ...]):
    from pipeline.batch import expand_paths

    expanded = expand_paths(paths)
    for problem in expanded.problems:
        error(problem)
    if not expanded.files:
        raise SystemExit(2)
    return expanded


def _executor_options(command):
    """Where the audits run: local worker processes, or a Dask cluster."""
    options = [
        option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True, help="Run the audits in local worker processes or on a Dask cluster."),
        option("--scheduler", help="The Dask scheduler's address (tcp://host:8786); none: a local cluster of --jobs workers."),
    ]  # fmt: skip
    for decorate in reversed(options):
        command = decorate(command)
    return command


def _run(files, options, jobs, auditor, executor: str, scheduler: str | None):
    if executor == "dask":
        from pipeline.executors import run_dask

        return run_dask(files, options, jobs, scheduler)
    from pipeline.batch import run

    return run(files, options, jobs, auditor)


def _limit_options(command):
    """Per-file limits, shared by check and extract."""
    options = [
        option("--max-mb", type=click.FloatRange(min=0.01), default=30.0, show_default=True, help="Refuse files larger than this."),
        option("--max-pages", type=click.IntRange(min=1), default=300, show_default=True, help="Refuse PDFs with more pages."),
        option("--timeout", type=click.FloatRange(min=0), default=300.0, show_default=True, help="Seconds per file before giving up (0: no limit)."),
        option("--max-memory", "max_memory", type=click.FloatRange(min=0), default=2000.0, show_default=True, help="MB of memory per file before giving up (0: no limit)."),
        option("--ocr/--no-ocr", default=True, help="Read scanned PDF pages with OCR when the [ocr] extra is installed."),
    ]  # fmt: skip
    for decorate in reversed(options):
        command = decorate(command)
    return command


def _options(limits: dict, config, **fields):
    from pipeline.batch import AuditOptions
    from pipeline.ingest import IngestLimits

    ingest = IngestLimits(max_mb=limits["max_mb"], max_pages=limits["max_pages"], ocr=limits["ocr"])
    return AuditOptions(
        limits=ingest,
        timeout=limits["timeout"],
        max_memory_mb=limits["max_memory"],
        severities=tuple(config.severities.items()),
        deadlines=tuple(config.deadlines.items()),
        **fields,
    )


def _with_config(command):
    """Options the command line leaves at their defaults take gongkai.toml's values (found upward from here)."""

    @functools.wraps(command)
    def run(**kwargs):
        from click.core import ParameterSource

        from pipeline.config import find_config, load_config

        config = load_config(find_config(Path.cwd()))
        ctx = click.get_current_context()
        params = {p.name: p for p in ctx.command.params}
        for name, value in config.options.items():
            if name in params and ctx.get_parameter_source(name) in (ParameterSource.DEFAULT, None):
                param = params[name]
                try:
                    if param.multiple:
                        kwargs[name] = tuple(param.type.convert(v, param, ctx) for v in value)
                    else:
                        kwargs[name] = param.type.convert(value, param, ctx)
                except click.BadParameter as exc:
                    raise UsageError(f"{config.path}: {name.replace('_', '-')}: {exc.format_message()}") from None
        return command(config=config, **kwargs)

    return run


@cli.command()
@_lang_option
@click.argument("paths", nargs=-1, required=True)
@option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Output format (default: terminal; -o NAME.json, .xlsx, .html, .docx, .csv or .sarif chooses it).",
)
@option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to this file instead of stdout.")
@option(
    "--fail-on",
    type=click.Choice(SEVERITIES + ("never",)),
    default="error",
    show_default=True,
    help="Exit 1 when a finding is at or above this severity.",
)
@option(
    "--select",
    multiple=True,
    help="Only these rules: codes, code prefixes or families (PL101, PL, DT1), or names; comma-separated.",
)
@option("--ignore", multiple=True, help="Leave out these rules (same forms as --select).")
@option(
    "--min-severity",
    type=click.Choice(SEVERITIES),
    default="info",
    show_default=True,
    help="Report only findings at or above this severity.",
)
@option("-j", "--jobs", type=click.IntRange(min=0), default=0, help="Worker processes (0: all cores).")
@option(
    "--rules",
    "rules_dir",
    type=click.Path(file_okay=False, exists=True),
    help="Use this rulebook folder instead of the bundled one (e.g. a county's own deadlines).",
)
@option("--color/--no-color", default=None, help="Colour the terminal output (default: when stdout is a terminal).")
@option("--statistics", is_flag=True, help="Print only how many findings each rule raised, most first.")
@option(
    "--previous",
    "previous",
    type=click.Path(exists=True),
    help="Last year's reports (a folder): this year's are checked against them (tables, copied text), not listed.",
)
@option(
    "--split-by",
    "split_by",
    type=(click.Choice(["issuer"]), click.Path(file_okay=False)),
    help="Also write a workbook and an HTML page per report into a folder, to send back to each issuer: --split-by issuer DIR.",
)
@option(
    "--diff",
    is_flag=True,
    help="Print the safe fixes as a unified diff instead of the findings (exit 1 when there are some).",
)
@option("--fix", is_flag=True, help="Write the safe fixes into a copy (X.fixed.txt, X.fixed.docx); list what is left.")
@option("--unsafe-fixes", is_flag=True, help="Include the fixes to check before use (with --fix or --diff).")
@option("--in-place", is_flag=True, help="With --fix: rewrite the input itself (text and DOCX files only).")
@option(
    "--stdin-filename",
    help="The name to show for the report read from standard input (-), e.g. 草稿.docx; its suffix says the format.",
)
@_executor_options
@_limit_options
@_with_config
def check(
    paths, fmt, output, fail_on, select, ignore, min_severity, jobs, rules_dir, color, statistics, previous, split_by,
    diff, fix, unsafe_fixes, in_place, stdin_filename, executor, scheduler, config, **limits,
) -> int:  # fmt: skip
    """Audit reports (files or folders) and list what is missing, wrong or inconsistent."""
    from pipeline.batch import INTERNAL_ERROR
    from pipeline.check.across import AcrossYears
    from pipeline.check.copies import CopyIndex
    from pipeline.models import AuditResult
    from pipeline.report import WRITES_A_FILE, WriterSettings, make_writer
    from pipeline.report.split import SplitWriter
    from pipeline.report.summary import Summary

    fmt = _output_format(fmt, output)
    if fix and "-" in paths:
        raise UsageError(_("--fix writes beside the file it fixes; for a report read from standard input use --diff"))
    if in_place and not fix:
        raise UsageError(_("--in-place goes with --fix: gongkai check X --fix --in-place"))
    if diff and (fix or statistics or fmt != "terminal"):
        raise UsageError(_("--diff prints only the changes: it does not go with --fix, --statistics or --format"))
    if statistics and fmt in ("xlsx", "html", "docx"):
        raise UsageError(
            _(
                "--statistics prints text and cannot be written as .{format}; leave out --statistics, or write -o NAME.txt"
            ).format(format=fmt)
        )
    stack = contextlib.ExitStack()
    paths, shown_as = stack.enter_context(stdin_input(paths, stdin_filename, limits["max_mb"]))
    expanded = _expand(paths)
    options = _options(limits, config, select=_split(select), ignore=_split(ignore), rules_dir=rules_dir)
    auditor = options.auditor()  # fails fast on a bad rulebook or selection
    rank = severity_rank(min_severity)
    summary = Summary()
    failing = False
    internal = False
    with stack, file_output(output) if fmt in WRITES_A_FILE else open_output(output) as stream:
        name = "statistics" if statistics else "diff" if diff else fmt
        target = output if name in WRITES_A_FILE else stream
        writer = make_writer(name, target, WriterSettings(auditor.rulebook, color=color, unsafe_fixes=unsafe_fixes))
        writer.start()
        progress = Progress(len(expanded.files))
        across = AcrossYears(auditor.checker)  # the same issuer's reports of consecutive years
        copies = CopyIndex(auditor.checker, auditor.gazetteer)  # reports of the batch that copy each other
        if previous:  # last year's reports: read first, as what this year's are compared with, not listed
            for result in _run(_expand((previous,)).files, options, jobs, auditor, executor, scheduler):
                copies.add(across.add(result))
            copies.pairs.clear()
        split = SplitWriter(split_by[1], auditor.rulebook) if split_by else None
        for result in _run(expanded.files, options, jobs, auditor, executor, scheduler):
            progress.step()
            if result.path in shown_as:  # the report read from stdin: shown under the name given
                result = replace(result, path=shown_as[result.path])
            result = copies.add(across.add(result))
            if fix:
                result = write_fixes(result, unsafe_fixes, in_place)
            shown = tuple(f for f in result.findings if severity_rank(f.severity) >= rank)
            result = AuditResult(result.path, result.source, result.report, shown, result.error)
            summary.add(result)
            writer.add(result)
            if split is not None:
                split.add(result)
            if result.error:
                if fmt != "terminal" or output:
                    error(f"{result.path}: {result.error}")
                internal = internal or result.error.startswith(_(INTERNAL_ERROR))
                failing = True
            if (
                not diff
                and fail_on != "never"
                and any(severity_rank(f.severity) >= severity_rank(fail_on) for f in shown)
            ):
                failing = True  # with --diff, the exit code says whether there is anything to fix
        progress.done()
        for path, reason in expanded.skipped:  # every file found is in the output, the skipped with the reason
            result = AuditResult(path, error=reason, skipped=True)
            summary.add(result)
            writer.add(result)
        if hasattr(writer, "add_copies"):  # the batch's copied pairs, for the formats that list them apart
            writer.add_copies(copies.pairs)
        writer.finish(summary)
        failing = failing or bool(diff and writer.changed)
    if internal or expanded.problems:
        return 2
    return 1 if failing else 0


@cli.command()
@_lang_option
@click.argument("paths", nargs=-1, required=True)
@option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(("json", "csv")),
    help="json: everything read (default; json if -o ends in .json); csv: the statutory tables, a row per cell.",
)
@option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@option("-j", "--jobs", type=click.IntRange(min=0), default=0, help="Worker processes (0: all cores).")
@_executor_options
@_limit_options
@_with_config
def extract(paths, fmt, output, jobs, executor, scheduler, config, **limits) -> int:
    """Print metadata, sections, tables (as typed numbers), figures and the normalized text."""
    from pipeline.models import AuditResult
    from pipeline.report import WriterSettings, make_writer
    from pipeline.report.summary import Summary

    suffix = Path(output).suffix.lower() if output else ""
    if fmt is None:
        fmt = "csv" if suffix == ".csv" else "json"
    if suffix not in ("", f".{fmt}"):
        raise UsageError(
            _("extract --format {format} writes .{format}; name the output file so, or choose the format").format(
                format=fmt
            )
        )
    expanded = _expand(paths)
    options = _options(limits, config, check=False)
    auditor = options.auditor()  # once: its rulebook names the writers' labels, the workers inherit it
    summary = Summary()
    with open_output(output) as stream:
        writer = make_writer(f"extract-{fmt}", stream, WriterSettings(auditor.rulebook, extract=True))
        writer.start()
        for result in _run(expanded.files, options, jobs, auditor, executor, scheduler):
            summary.add(result)
            writer.add(result)
            if result.error:
                error(f"{result.path}: {result.error}")
        for path, reason in expanded.skipped:
            result = AuditResult(path, error=reason, skipped=True)
            summary.add(result)
            writer.add(result)
        writer.finish(summary)
    if expanded.problems:
        return 2
    return 1 if summary.failed else 0


@cli.command(name="config")
@_lang_option
def show_config() -> int:
    """Print the settings in effect (gongkai.toml or [tool.gongkai], found upward) and where each came from."""
    from pipeline.config import OPTIONS, find_config, load_config

    path = find_config(Path.cwd())
    config = load_config(path)
    none = _("(no gongkai.toml or [tool.gongkai] found: every value is the default)")
    click.echo(_("settings file: {path}").format(path=path or none))
    came = _("from {name}").format(name=path.name) if path else ""
    defaults = {p.name: p.default for p in check.params if p.name}
    for key, (parameter, _kind) in OPTIONS.items():
        if parameter in config.options:
            click.echo(f"  {key:<13} {config.options[parameter]!s:<20} {came}")
        else:
            default = defaults.get(parameter)
            shown = "—" if default in (None, ()) or "UNSET" in str(default) else default
            click.echo(f"  {key:<13} {shown!s:<20} {_('default')}")
    for code, severity in sorted(config.severities.items()):
        click.echo(f"  severity.{code:<6} {severity:<20} {came}")
    for regime, (month, day) in sorted(config.deadlines.items()):
        click.echo(f"  deadlines.{regime:<5} {month:02d}-{day:02d}{'':<15} {came}")
    click.echo(_("Options given on the command line win over the settings file."))
    return 0


@cli.command(name="rules")
@_lang_option
@option(
    "--rules",
    "rules_dir",
    type=click.Path(file_okay=False, exists=True),
    help="Read this rulebook folder instead of the bundled one.",
)
def list_rules(rules_dir) -> int:
    """List every rule: code, name, family, severity and what it checks."""
    from pipeline.rulebook import FAMILIES, load_rulebook

    rulebook = load_rulebook(Path(rules_dir) if rules_dir else None)
    width = max(len(rule.name) for rule in rulebook.rules)
    for family in FAMILIES:
        rules = [r for r in rulebook.rules if r.family == family]
        if not rules:
            continue
        click.echo(click.style(f"{family}  {_(FAMILIES[family])}", bold=True))
        for rule in rules:
            click.echo(f"  {rule.code}  {rule.name:<{width}}  {rule.severity:<7}  {rule.summary}")
    return 0


@cli.command()
@_lang_option
@click.argument("code")
@option(
    "--rules",
    "rules_dir",
    type=click.Path(file_okay=False, exists=True),
    help="Read this rulebook folder instead of the bundled one.",
)
def explain(code, rules_dir) -> int:
    """Explain one rule (by code or name): what it checks, why, legal basis, examples."""
    from pipeline.rulebook import FAMILIES, load_rulebook

    rulebook = load_rulebook(Path(rules_dir) if rules_dir else None)
    rule = rulebook.by_code.get(code.upper()) or next((r for r in rulebook.rules if r.name == code), None)
    if rule is None:
        raise UsageError(_("no rule '{code}'; run 'gongkai rules' for the list").format(code=code))
    from pipeline.console import display_width, wants_color, width, wrap

    color = wants_color(sys.stdout, None)
    columns = width(sys.stdout)

    def say(label: str, text: str) -> None:
        for line in wrap(text, columns, " " * 12, label + " " * max(1, 12 - display_width(label))):
            click.echo(line)

    title = f"{rule.code} {rule.name}  ({_(FAMILIES[rule.family])}, {rule.severity})"
    for part in wrap(title, columns):
        click.echo(click.style(part, bold=True), color=color)
    click.echo()
    say(_("checks"), rule.summary)
    say(_("why"), rule.why)
    if rule.citation:
        c = rule.citation
        say(_("legal basis"), "".join(p for p in (c.law, c.article, c.item) if p))
    elif rule.check == "required-items":
        say(_("legal basis"), "按报告年度适用的《条例》条款（2007年版第三十二条；2019年修订版第五十条）")
    if rule.advice:
        say(_("how to fix"), rule.advice)
    say(_("check kind"), rule.check)
    for label, examples in ((_("failing example"), rule.fail_examples), (_("passing example"), rule.pass_examples)):
        for example in examples:
            click.echo()
            heading = label + (_(" (marked: {match})").format(match=example.match) if example.match else "")
            for part in wrap(heading, columns):
                click.echo(click.style(part, bold=True), color=color)
            for line in example.text.strip().splitlines():
                for part in wrap(line, columns, "  │ "):
                    click.echo(part)
    return 0


def main(argv: list[str] | None = None) -> None:
    """Entry point: one-line messages for every error, never a traceback."""
    from pipeline.console import tolerant_streams

    tolerant_streams()  # a GBK console shows ✓ as 已核验 rather than raising UnicodeEncodeError
    install(choose(sys.argv[1:] if argv is None else argv))  # before any output, workers and click included
    try:
        code = cli.main(args=argv, prog_name="gongkai", standalone_mode=False)
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.exceptions.Abort:
        warn(_("aborted"))
        code = 130
    except click.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx else "gongkai"
        error(_("{message} (see '{command} --help')").format(message=exc.format_message(), command=command))
        code = 2
    except click.ClickException as exc:
        error(exc.format_message())
        code = exc.exit_code
    except UsageError as exc:
        error(str(exc))
        code = 2
    except KeyboardInterrupt:
        warn(_("interrupted"))
        code = 130
    except BrokenPipeError:
        code = 0
    sys.exit(code if isinstance(code, int) else 0)
