"""How a table too narrow for its content shares its width: plain arithmetic, apart from
the widget, so that the order in which columns give way can be read in one place.

Every column starts squeezed to little more than its "…"; then, in this order, each step widening
its columns alike as far as the room allows (water filling, so narrow ones stay whole and
only wide ones are cut):

1. the first column (the name, which says which row it is) to its own minimum;
2. the columns kept whole to their values (the run times: what a row says at a glance);
3. the others to a few letters;
4. the first column to its share of the width;
5. the others to their values (with their titles, when every title fits);
6. the first column to its whole text;
7. the cut titles, left to right.

So the kept columns are whole whenever the width holds them, the name's minimum and the
squeezed others; narrower, they are cut, the widest first (a run's time before its
status word).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ColumnNeeds:
    cells: int  # every value whole
    full: int  # every value and the title whole


@dataclass(frozen=True)
class FitRules:
    squeezed: int  # what any column keeps: a title's first letter, the "…" in its cells
    minimum: int  # a few letters, before the first column widens beyond its minimum
    first_minimum: int  # what the first column keeps before the kept ones are cut
    first_share: float  # the first column's part of the width before the others widen


def fit_widths(
    needs: dict[int, ColumnNeeds],
    order: list[int],
    available: int,
    whole: frozenset[int],
    rules: FitRules,
) -> dict[int, int]:
    """Widths for the columns of ``needs`` (``order``: left to right) in ``available``."""
    first, rest = order[0], order[1:]
    cells = {c: max(rules.minimum, needs[c].cells) for c in order}
    full = {c: max(cells[c], needs[c].full) for c in order}
    widths = dict.fromkeys(order, min(rules.squeezed, rules.minimum))
    share = max(rules.first_minimum, int(available * rules.first_share))
    _widen(widths, {first: min(full[first], rules.first_minimum)}, available)
    _widen(widths, {c: cells[c] for c in rest if c in whole}, available)
    _widen(widths, dict.fromkeys(rest, rules.minimum), available)
    _widen(widths, {first: min(full[first], share)}, available)
    titles_fit = widths[first] + sum(full[c] for c in rest) <= available
    _widen(widths, {c: (full if titles_fit else cells)[c] for c in rest}, available)
    _widen(widths, {first: full[first]}, available)
    for column in order:
        _widen(widths, {column: full[column]}, available)
    return widths


def _widen(widths: dict[int, int], targets: dict[int, int], available: int) -> None:
    """Widen the ``targets`` columns towards their widths with what ``available`` leaves:
    all to one common level, the highest that fits."""
    room = available - sum(widths.values())
    if room <= 0 or not targets:
        return

    def cost(level: int) -> int:
        return sum(max(0, min(target, level) - widths[c]) for c, target in targets.items())

    low, high = 0, max(targets.values())
    while low < high:
        level = (low + high + 1) // 2
        if cost(level) <= room:
            low = level
        else:
            high = level - 1
    for column, target in targets.items():
        widths[column] = max(widths[column], min(target, low))


def fit_or_hide(
    needs: dict[int, ColumnNeeds],
    order: list[int],
    available: int,
    whole: frozenset[int],
    rules: FitRules,
    readable: dict[int, int],
) -> tuple[dict[int, int], list[int]]:
    """Like ``fit_widths``, but a column that would be narrower than ``readable`` (it would
    show little more than "…") is left out instead, the rightmost first (the one whose
    title ``fit_widths`` cuts first), until the rest are readable or only the first
    column and those kept whole are left. The kept ones come first with their titles
    too: while one of them is cut, the rightmost other column is left out as well.
    Returns the widths of the shown columns and the left-out ones, in the order they
    were left out."""
    shown, hidden = list(order), list[int]()
    while True:
        widths = fit_widths({c: needs[c] for c in shown}, shown, available, whole, rules)
        others = [c for c in shown[1:] if c not in whole]
        cut = [c for c in others if widths[c] < readable[c]]
        kept_cut = any(widths[c] < needs[c].full for c in shown[1:] if c in whole)
        if not cut and not (kept_cut and others):
            return widths, hidden
        left_out = cut[-1] if cut else others[-1]
        shown.remove(left_out)
        hidden.append(left_out)
