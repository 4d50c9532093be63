"""A Mandant as the catalogue holds it, and the rules for its name and DATEV numbers."""

from __future__ import annotations

from dataclasses import dataclass

from . import text_rules
from .datev_numbers import BERATER_RANGE, MANDANT_RANGE
from .validation import Problem

# (German, English): what the numbers DATEV can have, said wherever one is refused.
BERATER_RANGE_TEXTS = (
    "Die DATEV-Beraternummer hat 4 bis 7 Ziffern (1001 bis 9999999).",
    "the DATEV adviser number has 4 to 7 digits (1001 to 9999999)",
)
MANDANT_RANGE_TEXTS = (
    "Die DATEV-Mandantennummer liegt zwischen 1 und 99999.",
    "the DATEV client number lies between 1 and 99999",
)


@dataclass(frozen=True)
class MandantInfo:
    name: str
    datev_berater: int | None = None
    datev_mandant: int | None = None


def berater_in_range(number: int | None) -> bool:
    return number is None or BERATER_RANGE[0] <= number <= BERATER_RANGE[1]


def mandant_in_range(number: int | None) -> bool:
    return number is None or MANDANT_RANGE[0] <= number <= MANDANT_RANGE[1]


def catalogue_name_problem(name: str) -> tuple[str, str] | None:
    """(German, English) of what is wrong with a branch or Mandant name, or None."""
    name = name.strip()
    if not name:
        return "Bitte einen Namen eingeben.", "the name must not be empty"
    return text_rules.text_problem(name, text_rules.NAME_MAX)


def mandant_problems(mandant: MandantInfo, field: str) -> list[Problem]:
    """The name and the DATEV numbers; ``field``: how the entry is named (``mandants[1]``)."""
    found = []
    problem = catalogue_name_problem(mandant.name)
    if problem is not None:
        found.append(Problem(f"{field}.name", *problem))
    if not berater_in_range(mandant.datev_berater):
        found.append(Problem(f"{field}.datev_berater", *BERATER_RANGE_TEXTS))
    if not mandant_in_range(mandant.datev_mandant):
        found.append(Problem(f"{field}.datev_mandant", *MANDANT_RANGE_TEXTS))
    return found
