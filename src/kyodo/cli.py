"""The ``kyodo`` command (also ``python -m kyodo``).

``kyodo report PLAN`` shows a plan graded and explained; ``kyodo validate``,
``kyodo fy``, ``kyodo grade``, ``kyodo subsidy``, ``kyodo schema`` and
``kyodo migrate`` do one thing each. ``kyodo`` alone shows what kyodo reads in the seed documents'
dates and fiscal-year labels. Bad input exits with status 2 and one line on
stderr (``--debug`` shows the traceback instead).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final, NoReturn

from kyodo import __version__
from kyodo._files import write_text
from kyodo.errors import KyodoError, ParseError, ValidationError
from kyodo.fiscal import FiscalHalf, FiscalQuarter, FiscalYear, FiscalYearRange, FiscalYearStyle
from kyodo.grading import GradingScheme, TwoAxis, preset, preset_names
from kyodo.indicators import achievement_rate
from kyodo.io import json_schema, load, load_any
from kyodo.plan import Measure, Plan
from kyodo.report import build_report, render_html, render_json, render_markdown, render_text
from kyodo.wareki import WarekiStyle, YearMonth, format_wareki, read_wareki

if TYPE_CHECKING:
    # The subsidy commands' own models, imported by those commands only: a plan's report needs none of them.
    from kyodo.bodies import Body
    from kyodo.steps import Count

#: Texts printed in the seed documents, each with the document it comes from.
DEMO_TEXTS: tuple[tuple[str, str], ...] = (
    ("H30.7.20", "seed 003, Tokorozawa: the date a self-evaluation was written"),
    ("平成26年3月", "seed 001, Ichinoseki: the month the plan was published"),
    ("平成26年度から平成30年度まで", "seed 001, Ichinoseki: the plan's period"),
    ("Ｈ２９年度", "seed 002, Yamaguchi: a schedule column, full-width"),
    ("平成31年度", "seed 000, Niigata: 平成31年度以降, a year that 平成 never reached"),
    ("平成34年度", "seed 004, Mitaka: the final target year"),
    ("2019-05-01", "the first day of 令和"),
    ("1989-01-07", "the last day of 昭和"),
)


def explain(text: str) -> Iterator[str]:
    """Lines that say what ``text`` names: its day or month, fiscal year, half and every label.

    >>> for line in explain("H30.7.20"):
    ...     print(line)
    H30.7.20
      day           2018-07-20
      era date      平成30年7月20日 · 平成三十年七月二十日 · H30.7.20 · H30/7/20
      fiscal year   平成30年度 · 平成三十年度 · H30 · H30年度 · 2018年度 · FY2018
      spans         2018-04-01 – 2019-03-31
      half          上半期 (2018-04-01 – 2018-09-30)
      quarter       第2四半期 (2018-07-01 – 2018-09-30)
    """
    yield text
    value = _read_any(text)
    if isinstance(value, FiscalYearRange):
        yield _row("range", f"{value.format()} ({len(value)} fiscal years)")
        yield _row("spans", f"{value.start} – {value.end}")
        yield _row("years", " ".join(fy.format("letter") for fy in value))
        return
    if isinstance(value, FiscalYear):
        reading = FiscalYear.read(text)
        if reading.beyond_era_end and reading.era is not None:
            yield _row("note", f"{reading.era.name}{reading.era_year}年度 is past the end of {reading.era.name}")
        yield from _fiscal_year_rows(value)
        return
    if isinstance(value, YearMonth):
        yield _row("month", str(value))
        yield _row("era month", " · ".join(dict.fromkeys(format_wareki(value, style) for style in WarekiStyle)))
        yield from _fiscal_year_rows(FiscalYear.of(value))
        half = FiscalHalf.of(value)
        yield _row("half", f"{half.label} ({half.start} – {half.end})")
        return
    yield _row("day", value.isoformat())
    yield _row("era date", " · ".join(dict.fromkeys(format_wareki(value, style) for style in WarekiStyle)))
    yield from _fiscal_year_rows(FiscalYear.of(value))
    half, quarter = FiscalHalf.of(value), FiscalQuarter.of(value)
    yield _row("half", f"{half.label} ({half.start} – {half.end})")
    yield _row("quarter", f"{quarter.label} ({quarter.start} – {quarter.end})")


def _row(label: str, value: str) -> str:
    return f"  {label:<13} {value}"


def _fiscal_year_rows(fiscal_year: FiscalYear) -> Iterator[str]:
    labels = dict.fromkeys(fiscal_year.format(style) for style in FiscalYearStyle)
    yield _row("fiscal year", " · ".join(labels))
    yield _row("spans", f"{fiscal_year.start} – {fiscal_year.end}")


def _read_any(text: str) -> date | YearMonth | FiscalYear | FiscalYearRange:
    """Read ``text`` as whatever it can be: an ISO date, an era date or month, a fiscal year or a range."""
    stripped = text.strip()
    try:
        return date.fromisoformat(stripped)
    except ValueError:
        pass
    attempts: list[ParseError] = []
    for reader in (
        lambda: read_wareki(text).value,
        lambda: FiscalYear.parse(text),
        lambda: FiscalYearRange.parse(text),
    ):
        try:
            return reader()
        except ParseError as error:
            attempts.append(error)
    # The reader that got furthest into the text is the one the user meant.
    best = max(attempts, key=lambda error: error.column or 0)
    raise ParseError(
        text,
        ("a date, an era date, a fiscal year or a range of fiscal years", "日付・和暦の日付・年度・年度の範囲"),
        (f"as {best.what}, {best.reason}", f"{best.what_ja}として: {best.reason_ja}"),
        column=best.column,
        expected=(
            "2018-07-20, 平成30年7月20日, H30.7.20, 平成27年度, FY2015 or H26–H30",
            "2018-07-20、平成30年7月20日、H30.7.20、平成27年度、FY2015、H26–H30 など",
        ),
    )


def _demo() -> Iterator[str]:
    yield f"kyodo {__version__}: what kyodo reads in the seed documents' dates and fiscal years"
    for text, source in DEMO_TEXTS:
        yield ""
        yield f"# {source}"
        yield from explain(text)


def _validate(paths: Sequence[str], locale: str = "en") -> int:
    """Check each kyodo file, of any kind; print every problem with its place. 0 if all are valid, 1 if not, 2 if unreadable."""
    status = 0
    for path in paths:
        try:
            document = load_any(path)
        except ValidationError as error:
            print(error.message(locale))
            status = max(status, 1)
        except ParseError as error:
            # A file that is not valid TOML, JSON or YAML: the error quotes its text, so name the file.
            print(f"kyodo: error: {path}: {error.message(locale).splitlines()[0]}", file=sys.stderr)
            status = 2
        except KyodoError as error:
            print(f"kyodo: error: {error}", file=sys.stderr)
            status = 2
        else:
            if isinstance(document, Plan):
                count = sum(1 for _ in document.measures())
                differences = [
                    f"{path}: {code} {indicator.name}: {difference.message(locale)}"
                    for code, _node, indicator in document.indicators()
                    for difference in indicator.printed_differences()
                ]
                if differences:
                    # A valid file, but the sheet's printed rates and its figures disagree: someone should look.
                    print("\n".join(differences))
                    status = max(status, 1)
                else:
                    held = _held_as_printed(document, locale)
                    if held:
                        print(f"{path}: {held}")
                    indicators = sum(1 for _ in document.indicators())
                    print(
                        f"{path}: valid ({count} measure{'' if count == 1 else 's'}, "
                        f"{indicators} indicator{'' if indicators == 1 else 's'})"
                    )
            elif isinstance(document, TwoAxis):
                print(f"{path}: a valid two-axis legend ({len(document.grades)} grades)")
            elif isinstance(document, GradingScheme):
                print(f"{path}: a valid grading scheme ({len(document.grades)} grades)")
            else:  # a subsidy rule, whose model only this command's load_any imported
                count = len(document.versions)
                print(f"{path}: a valid subsidy rule ({count} version{'' if count == 1 else 's'})")
    return status


def _held_as_printed(plan: Plan, locale: str) -> str:
    """What a valid plan holds as its sheets print it and not as figures: words for actuals, a year's
    several figures, targets without a year (and how many of those the plan's period places)."""
    indicators = [indicator for _code, _node, indicator in plan.indicators()]
    words = Counter(word.text for indicator in indicators for word in indicator.no_figures)
    several = sum(len(indicator.actuals) - len({actual.fy for actual in indicator.actuals}) for indicator in indicators)
    undated = [target for indicator in indicators for target in indicator.undated_targets]
    placed = sum(1 for target in undated if target.year_in(plan.period) is not None)
    shown = "、" if locale == "ja" else ", "
    counts = shown.join(f"{word} {count}" for word, count in sorted(words.items()))
    parts = []
    if locale == "ja":
        parts += [f"文言の実績 {sum(words.values())}（{counts}）"] if words else []
        parts += [f"同じ年度の別の実績 {several}（達成率は各年度の最後の値による）"] if several else []
        parts += [f"年度のない目標 {len(undated)}（うち計画期間から年度を推定 {placed}）"] if undated else []
        return "、".join(parts)
    parts += [f"{sum(words.values())} actuals printed as words ({counts})"] if words else []
    parts += [f"{several} more figures for years that have one (rates use each year's last)"] if several else []
    parts += [f"{len(undated)} targets without a year ({placed} placed by the plan's period)"] if undated else []
    return "; ".join(parts)


def _add_lang(command: argparse.ArgumentParser, what: str) -> None:
    """The same --lang for every command: Japanese, the language of the documents, unless English is asked for."""
    command.add_argument("--lang", choices=("ja", "en"), default="ja", help=f"{what}: ja (the default) or en")


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _loaded(path: str, locale: str, kind: type | None = None) -> Any:
    """``load``, naming the file when it is not valid TOML, JSON or YAML: that error quotes the file's text."""
    try:
        return load(path) if kind is None else load(path, kind=kind)
    except ParseError as error:
        raise KyodoError(f"{path}: {error.message(locale).splitlines()[0]}") from None


def _scheme(name: str | None, locale: str = "en") -> GradingScheme | None:
    if name is None:
        return None
    # A preset by its name, or one of its versions as nagayo-2019@1; anything else is a file.
    if name.partition("@")[0] in preset_names():
        return preset(name)
    if not os.path.exists(name) and os.path.splitext(name)[1].lower() not in (".toml", ".json", ".yaml", ".yml"):
        # Neither a preset nor a file: most likely a preset's name mistyped, which load would call a file
        # of an unknown format.
        names = preset_names()
        raise ValidationError(
            (
                "--scheme",
                (
                    f"{name!r} is neither a preset nor a grading-scheme file; the presets are {', '.join(names)}",
                    f"{name!r} はプリセットでも評価基準のファイルでもない。プリセットは {'、'.join(names)}",
                ),
                "unknown_label",
            )
        )
    scheme: GradingScheme = _loaded(name, locale, GradingScheme)
    return scheme


_RATE_EXPECTED = (
    "96.6%, -25%, 9割, 3分の2, or ACTUAL/TARGET such as 48/50",
    "96.6%、-25%、9割、3分の2、または 48/50 のような 実績/目標",
)
# Signs of a negative figure: ASCII, the minus sign, and the triangles Japanese documents print (△25%).
_MINUS = ("-", "\u2212", "△", "▲")


def _rate(text: str, direction: str = "increase") -> tuple[Fraction, Decimal | None, Decimal | None]:
    """A rate from 96.6%, -25%, 9割, 3分の2, or ACTUAL/TARGET such as 48/50 (with the indicator's direction).

    A bare number is refused: 96.6 could mean 96.6% or 9660%, and guessing would grade the wrong one.
    Progress and pace can be negative (the figure moved the wrong way), so a rate may carry a minus sign.
    """
    import unicodedata

    if "/" in text:
        actual, _, target = text.partition("/")
        try:
            pair = (Decimal(actual.strip()), Decimal(target.strip()))
        except ArithmeticError:
            raise ParseError(text, "a rate", "the parts around / are not numbers", expected=_RATE_EXPECTED) from None
        if not all(part.is_finite() for part in pair):
            raise ParseError(text, "a rate", "the target or the actual is not a number", expected=_RATE_EXPECTED)
        return achievement_rate(pair[0], pair[1], direction), pair[0], pair[1]
    plain = unicodedata.normalize("NFKC", text).strip()
    negative = plain.startswith(_MINUS)
    unsigned = plain[1:].lstrip() if negative else plain
    if not unsigned.endswith(("%", "割")) and "分の" not in unsigned:
        raise ParseError(
            text,
            ("a rate", "率"),
            (f"{text!r} has no unit", f"{text!r} に単位がない"),
            expected=(
                f"{unsigned}% for a percentage (add %), or ACTUAL/TARGET such as 48/50",
                f"百分率なら {unsigned}%（% を付ける）、または 48/50 のような 実績/目標",
            ),
        )
    from kyodo.money import parse_rate

    rate = parse_rate(unsigned)
    return (-rate if negative else rate), None, None


def _body(milestones: Sequence[str]) -> Body:
    """The applicant, with the milestones given: with none, an applicant that has reached none.

    A rule's conditions on the body are then decided, not refused for want of a body: 事業4 funds a body
    that has not yet adopted its community plan, which is one with no milestone to give.
    """
    from kyodo.bodies import Body, Milestone

    items = []
    for item in milestones:
        kind, _, when = item.partition("=")
        if not when:
            raise ParseError(
                item,
                ("a milestone", "到達点"),
                ("it has no '='", "'=' がない"),
                expected=(
                    "KIND=WHEN, e.g. preparatory_committee=2014-10",
                    "種類=時期（preparatory_committee=2014-10 など）",
                ),
            )
        items.append(Milestone(kind.strip(), _when(when.strip())))
    return Body("applicant", milestones=items)


def _when(text: str) -> date | YearMonth | FiscalYear:
    """A milestone's time: a day, a month (2014-06, 平成26年6月) or a fiscal year."""
    for reader in (date.fromisoformat, YearMonth.parse, FiscalYear.parse):
        try:
            return reader(text.strip())
        except ValueError:
            continue
    value = _read_any(text)
    if isinstance(value, FiscalYearRange):
        raise ParseError(
            text, ("a date, a month or a fiscal year", "日付、年月または年度"), ("it is a range", "範囲になっている")
        )
    return value


def _fiscal_year(text: str) -> FiscalYear:
    """A --fy option: a label (平成28年度, H28, FY2016, 2016年度), or a bare year of four digits (2016).

    FiscalYear.parse reads bare digits as a year of the document's era, which a command line does not
    have; four digits are no era's year, so on the command line they name the fiscal year they start.
    """
    bare = text.strip()
    if len(bare) == 4 and bare.isascii() and bare.isdigit():
        return FiscalYear(int(bare))
    return FiscalYear.parse(text)


def _report(arguments: argparse.Namespace) -> list[str]:
    plan = _loaded(arguments.plan, arguments.lang)
    fy = _fiscal_year(arguments.fy) if arguments.fy else None
    built = build_report(plan, fy, _scheme(arguments.scheme, arguments.lang))
    renderers = {
        "text": lambda: render_text(built, locale=arguments.lang),
        "markdown": lambda: render_markdown(built, locale=arguments.lang),
        "json": lambda: render_json(built),
        "html": lambda: render_html(built, locale=arguments.lang),
    }
    text = renderers[arguments.format]()
    lines: list[str] = []
    if arguments.output:
        write_text(arguments.output, text)
        lines.append(f"kyodo: wrote the {arguments.format} report to {arguments.output}")
    else:
        lines.append(text.rstrip("\n"))
    if arguments.chart:
        from kyodo.charts import indicator_chart, save

        charted = next(plan.indicators(), None)
        if charted is None:
            raise KyodoError(f"{plan.title!r} has no indicator to chart")
        _code, node, indicator = charted
        measure = node if isinstance(node, Measure) else node.as_measure()
        scheme = built.scheme
        grades = {}
        for year in plan.period:
            # The chart draws one indicator, so it shows that indicator's grade: a recorded grade is the
            # measure's, and stands for the indicator only when the measure has no other.
            evaluation = measure.evaluation(year)
            if evaluation is not None and evaluation.grade and len(measure.indicators) == 1:
                grades[year] = evaluation.grade
            if scheme is not None:
                computed = scheme.grade_indicator(indicator, year).label
                if computed is not None and year not in grades:
                    grades[year] = computed
        written = save(indicator_chart(indicator, grades), arguments.chart)
        target = sys.stderr if not arguments.output else sys.stdout
        print(f"kyodo: wrote a chart of {measure.indicators[0].name} to {written}", file=target)
    return lines


def _grade(arguments: argparse.Namespace) -> list[str]:
    scheme = _scheme(arguments.scheme, arguments.lang)
    assert scheme is not None
    lines = []
    for text in arguments.rates:
        rate, actual, target = _rate(text, arguments.direction)
        if actual is not None and scheme.basis.value != "achievement":
            # ACTUAL/TARGET gives an achievement rate; graded as pace or progress it would be a different figure.
            raise ParseError(
                text,
                ("a rate", "率"),
                (
                    f"ACTUAL/TARGET gives an achievement rate, but {scheme.name} grades {scheme.basis.label_en}",
                    f"実績/目標 は達成率を与えるが、{scheme.name} が評価するのは{scheme.basis.label}",
                ),
                expected=(
                    f"the {scheme.basis.label_en} rate with %, such as 85%",
                    f"{scheme.basis.label}を % 付きで（85% など）",
                ),
            )
        result = scheme.grade(
            rate, actual=actual, target=target, direction=arguments.direction if actual is not None else None
        )
        lines.append(result.explanation.text(arguments.lang))
    return lines


#: What each repeatable option of kyodo subsidy gives, in Japanese, for its errors.
_WHAT_JA: Final = {"a unit": "単位", "an attribute": "属性", "a deduction": "控除", "a count": "数量"}


def _pairs(items: Sequence[str], what: str) -> list[tuple[str, str]]:
    pairs = []
    for item in items:
        name, _, value = item.partition("=")
        if not name.strip() or not value.strip():
            raise ParseError(
                item,
                (what, _WHAT_JA[what]),
                ("it is not NAME=VALUE", "名前=値 の形でない"),
                expected=("NAME=VALUE, e.g. 構造=木造", "名前=値（構造=木造 など）"),
            )
        pairs.append((name.strip(), value.strip()))
    return pairs


def _subsidy(arguments: argparse.Namespace) -> list[str]:
    from kyodo._printed import read_yen
    from kyodo.steps import Unit
    from kyodo.subsidies import SubsidyRule

    rule = _loaded(arguments.rule, arguments.lang, SubsidyRule)
    award = rule.compute(
        read_yen(arguments.cost),
        _fiscal_year(arguments.fy),
        _body(arguments.milestone),
        units=[Unit(name, read_yen(cost)) for name, cost in _pairs(arguments.unit, "a unit")],
        attributes=dict(_pairs(arguments.attribute, "an attribute")),
        deductions={kind: read_yen(amount) for kind, amount in _pairs(arguments.deduct, "a deduction")},
        counts={name: _count(count) for name, count in _pairs(arguments.count, "a count")},
        site=arguments.site,
    )
    return (
        list(award.explanation.lines(arguments.lang)) if arguments.steps else [award.explanation.text(arguments.lang)]
    )


def _count(text: str) -> Count:
    from kyodo.steps import count_of

    count = count_of(text)
    if count is None:
        raise ParseError(
            text,
            ("a count", "数量"),
            ("it is not a whole number or a decimal", "整数でも小数でもない"),
            expected=("a number such as 320 or 89.42", "320 や 89.42 のような数"),
        )
    return count


def _sheet_failure(error: KyodoError, lang: str) -> int:
    """Print why a sheet was not read or written; 1 for problems in its content, 2 for anything else."""
    if isinstance(error, ValidationError):
        print(error.message(lang), file=sys.stderr)
        return 1
    message = error.message(lang) if isinstance(error, ParseError) else str(error)
    print(f"kyodo: error: {message}", file=sys.stderr)
    return 2


def _import(arguments: argparse.Namespace) -> int:
    """kyodo import: a sheet read into a plan file, or a mapping guessed; every problem printed with its cell."""
    from kyodo.io import dump, dumps
    from kyodo.sheets import guess_mapping, read_sheet

    try:
        if arguments.guess:
            print(guess_mapping(arguments.sheet, arguments.encoding), end="")
            return 0
        if not arguments.mapping:
            print("kyodo: error: kyodo import needs --mapping MAP.toml (or --guess to propose one)", file=sys.stderr)
            return 2
        plan = read_sheet(
            arguments.sheet,
            arguments.mapping,
            check_rates=not arguments.keep_rate_differences,
            encoding=arguments.encoding,
        )
        if arguments.output:
            dump(plan, arguments.output)
            print(f"{arguments.output}: {_read_count(plan)} read from {arguments.sheet}")
        else:
            print(dumps(plan, "toml"), end="")
    except KyodoError as error:
        return _sheet_failure(error, arguments.lang)
    return 0


def _read_count(plan: Plan) -> str:
    """What a sheet gave: its measures, and its indicators (a sheet of a 施策's own figures gives sections only)."""
    measures = sum(1 for _ in plan.measures())
    indicators = sum(1 for _ in plan.indicators())
    return (
        f"{measures} measure{'' if measures == 1 else 's'} and {indicators} indicator{'' if indicators == 1 else 's'}"
    )


def _export(arguments: argparse.Namespace) -> int:
    """kyodo export: a plan written as a workbook, with the mapping that reads it back beside it."""
    from kyodo.sheets import write_sheet

    try:
        plan = _loaded(arguments.plan, arguments.lang)
        mapping_path = arguments.mapping or str(
            os.path.join(os.path.dirname(arguments.output), os.path.splitext(os.path.basename(arguments.output))[0])
            + ".mapping.toml"
        )
        write_sheet(plan, arguments.output, scheme=_scheme(arguments.scheme, arguments.lang), mapping_path=mapping_path)
    except KyodoError as error:
        return _sheet_failure(error, arguments.lang)
    count = sum(1 for _ in plan.measures())
    print(f"{arguments.output}: {count} measure{'' if count == 1 else 's'}; read it back with --mapping {mapping_path}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _Parser(prog="kyodo", description=__doc__.splitlines()[0].replace("``", "") if __doc__ else None)
    parser.add_argument("--version", action="version", version=f"kyodo {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks instead of one-line errors")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    report = commands.add_parser("report", help="a plan's tree graded and explained")
    report.add_argument("plan", metavar="PLAN", help="a .toml, .json or .yaml plan file")
    report.add_argument(
        "--fy", help="the fiscal year to report: 平成28年度, H28, FY2016 or 2016 (default: the latest with actuals)"
    )
    report.add_argument("--format", choices=("text", "markdown", "json", "html"), default="text")
    report.add_argument(
        "--scheme", help="a grading-scheme file, or a preset (NAME@VERSION for a version): " + ", ".join(preset_names())
    )
    _add_lang(report, "the language of the report")
    report.add_argument("--output", "-o", help="write the report to this file")
    report.add_argument("--chart", help="also draw the first indicator to this PNG file (the charts extra)")
    validate = commands.add_parser(
        "validate", help="check kyodo files of any kind; every problem with its place, exit 1 if any"
    )
    validate.add_argument(
        "plans", nargs="+", metavar="FILE", help="a plan, grading-scheme or subsidy-rule file (.toml, .json, .yaml)"
    )
    _add_lang(validate, "the language of the problems")
    fy = commands.add_parser("fy", help="explain dates, era dates, fiscal-year labels and ranges")
    fy.add_argument("texts", nargs="+", metavar="TEXT", help="e.g. H30.7.20, 平成27年度, 2019-05-01, H26–H30")
    _add_lang(fy, "the language of error messages")
    grade = commands.add_parser("grade", help="grade rates under a scheme, explained")
    grade.add_argument(
        "rates",
        nargs="+",
        metavar="RATE",
        help="96.6%%, 9割, 3分の2, or ACTUAL/TARGET such as 48/50; a bare number is refused (add %%);"
        " put a negative rate after -- (kyodo grade --scheme tama-pace -- -25%%) or write it −25%% or △25%%",
    )
    grade.add_argument(
        "--direction",
        choices=("increase", "decrease", "at_most"),
        default="increase",
        help="for ACTUAL/TARGET: more is better (actual ÷ target), less is better (target ÷ actual),"
        " or keep at or under the target",
    )
    grade.add_argument(
        "--scheme",
        required=True,
        help="a grading-scheme file, or a preset (NAME@VERSION for a version): " + ", ".join(preset_names()),
    )
    _add_lang(grade, "the language of the explanation")
    subsidy = commands.add_parser("subsidy", help="one subsidy calculation, explained")
    subsidy.add_argument("rule", metavar="RULE", help="a subsidy-rule file")
    subsidy.add_argument("--cost", required=True, help="the cost: 350000, 350,000円 or 350千円")
    subsidy.add_argument("--fy", required=True, help="the application's fiscal year: 平成27年度, H27, FY2015 or 2015")
    subsidy.add_argument(
        "--milestone",
        action="append",
        default=[],
        metavar="KIND=WHEN",
        help="a milestone the applicant has reached, repeatable (none: it has reached none)",
    )
    for flag, metavar, text in (
        ("--unit", "NAME=COST", "a unit computed on its own (a camera, a 自治会), repeatable"),
        ("--attribute", "NAME=VALUE", "an attribute a table row is chosen by (構造=木造), repeatable"),
        ("--deduct", "KIND=YEN", "income or another grant taken off the cost (参加費=30000), repeatable"),
        ("--count", "NAME=N", "a count a cap is counted by (世帯数=320, 床面積=89.42), repeatable"),
    ):
        subsidy.add_argument(flag, action="append", default=[], metavar=metavar, help=text)
    subsidy.add_argument("--site", help="the building or place, for waiting periods per site")
    subsidy.add_argument("--steps", action="store_true", help="show each step that changed the figure")
    _add_lang(subsidy, "the language of the explanation")
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of plan, grading-scheme, two-axis, subsidy-rule or sheet-mapping files,"
        " or of errors or results as data",
    )
    schema.add_argument(
        "kind",
        nargs="?",
        choices=("plan", "grading", "two-axis", "subsidy", "sheet-mapping", "error", "result"),
        default="plan",
    )
    sheet = commands.add_parser(
        "import", help="read a spreadsheet (xlsx, csv) into a plan file through a sheet mapping"
    )
    sheet.add_argument("sheet", help="the spreadsheet: .xlsx, .xlsm or .csv")
    sheet.add_argument("--mapping", help="the sheet mapping (kyodo.sheet-mapping/1) saying where the figures are")
    sheet.add_argument("--output", help="the plan file to write (.toml, .json, .yaml); printed as TOML when left out")
    sheet.add_argument("--guess", action="store_true", help="print a mapping proposed from the sheet's headers")
    sheet.add_argument("--encoding", help="a CSV file's encoding (else UTF-8 if it reads as UTF-8, else cp932)")
    sheet.add_argument(
        "--keep-rate-differences", action="store_true", help="import printed rates the figures do not give"
    )
    _add_lang(sheet, "the language of problems")
    export = commands.add_parser(
        "export", help="write a plan as the workbook a city keeps (xlsx), with the mapping that reads it back"
    )
    export.add_argument("plan", metavar="PLAN", help="a .toml, .json or .yaml plan file")
    export.add_argument("--format", choices=("xlsx",), default="xlsx", help="the workbook's format")
    export.add_argument("--output", "-o", required=True, help="the workbook to write (.xlsx)")
    export.add_argument(
        "--scheme",
        help="also write the grades a grading-scheme file or preset computes (NAME@VERSION for a version): "
        + ", ".join(preset_names()),
    )
    export.add_argument(
        "--mapping", help="where to write the mapping (default: beside the workbook, NAME.mapping.toml)"
    )
    _add_lang(export, "the language of problems")
    migrate = commands.add_parser(
        "migrate", help="move a kyodo file of any kind to the current version of its schema (see docs: stability)"
    )
    migrate.add_argument("file", metavar="FILE", help="a plan, grading-scheme, subsidy-rule or sheet-mapping file")
    migrate.add_argument(
        "--output", "-o", metavar="OUT", help="write the result here (default: FILE itself, replaced whole)"
    )
    arguments = parser.parse_args(argv)
    if arguments.command == "validate":
        return _validate(arguments.plans, arguments.lang)
    if arguments.command == "import":
        return _import(arguments)
    if arguments.command == "export":
        return _export(arguments)
    lines: list[str] = []
    try:
        if arguments.command == "schema":
            if arguments.kind == "subsidy":
                from kyodo._subsidy_schema import subsidy_schema

                lines.append(json.dumps(subsidy_schema(), ensure_ascii=False, indent=2))
            elif arguments.kind == "sheet-mapping":
                from kyodo._sheet_mapping import mapping_schema

                lines.append(json.dumps(mapping_schema(), ensure_ascii=False, indent=2))
            elif arguments.kind == "error":
                from kyodo._error_schema import error_schema

                lines.append(json.dumps(error_schema(), ensure_ascii=False, indent=2))
            elif arguments.kind == "result":
                from kyodo._result_schema import result_schema

                lines.append(json.dumps(result_schema(), ensure_ascii=False, indent=2))
            elif arguments.kind in ("grading", "two-axis"):
                from kyodo._grading_schema import grading_schema, two_axis_schema

                made = grading_schema() if arguments.kind == "grading" else two_axis_schema()
                lines.append(json.dumps(made, ensure_ascii=False, indent=2))
            else:
                lines.append(json.dumps(json_schema(), ensure_ascii=False, indent=2))
        elif arguments.command == "fy":
            for index, text in enumerate(arguments.texts):
                if index:
                    lines.append("")
                lines.extend(explain(text))
        elif arguments.command == "report":
            lines.extend(_report(arguments))
        elif arguments.command == "grade":
            lines.extend(_grade(arguments))
        elif arguments.command == "subsidy":
            lines.extend(_subsidy(arguments))
        elif arguments.command == "migrate":
            from kyodo._migrate import migrate_file

            lines.append(migrate_file(arguments.file, arguments.output))
        else:
            lines.extend(_demo())
    except (KyodoError, OSError) as error:
        if arguments.debug:
            raise
        locale = getattr(arguments, "lang", "en")
        if isinstance(error, ParseError | ValidationError):
            message = error.message(locale)
        elif isinstance(error, KyodoError):
            message = str(error)
        else:
            message = f"{error.strerror or error}: {error.filename}"
        print(
            f"kyodo: error: {message.splitlines()[0]}" + (" (and more; see kyodo validate)" if "\n" in message else ""),
            file=sys.stderr,
        )
        return 2
    try:
        print("\n".join(lines))
    except BrokenPipeError:
        # The reader went away (kyodo report … | head): nothing left to say to it.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - replaces the closed stream for the exit flush
    return 0
