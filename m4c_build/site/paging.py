"""Groups split into numbered pages of bounded size, so that no page grows with the knowledge base.

A grouping page (a theme, a city, a year...) lists its missions newest first, ``PAGE_SIZE`` to a
page: page 1 stays at the group's address, page 2 is at ``<group>/page/2/`` (``urls``). A theme's
digest of lessons is paginated with its missions: page N quotes the lessons of page N's missions,
so the number of pages depends on the missions only and is the same in every language (a page's
other-language versions exist at the same address).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

PAGE_SIZE = 40
"""Missions on one page of a group. A mission's card weighs about 1 KB and its lessons in a
theme's digest about 1 KB more; 40 of each with Material's frame stays near 100 KB of HTML,
well under the 150 KB a page may weigh at any size of the knowledge base, while a city or a
theme of a typical year still fits on one page."""

NEIGHBOURS = 2
"""Page numbers linked on either side of the current one (with the first and the last): the
page navigation stays the same size however many pages a group has."""

T = TypeVar("T")


@dataclass(frozen=True)
class Paging:
    """Where one page stands among the pages of its group."""

    number: int
    """1 for the first page."""
    count: int
    """How many pages the group has (at least 1: an empty group has one, empty, page)."""

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.count else None

    def numbers(self) -> list[int | None]:
        """The page numbers to link, ``None`` where a run of them is left out: the first and
        the last page, and ``NEIGHBOURS`` pages either side of this one."""
        shown = sorted({1, self.count, *range(max(1, self.number - NEIGHBOURS),
                                              min(self.count, self.number + NEIGHBOURS) + 1)})
        result: list[int | None] = []
        for number in shown:
            if result and number - (result[-1] or 0) == 2:
                result.append(number - 1)  # a gap of one page: link it rather than say '…'
            elif result and number - (result[-1] or 0) > 2:
                result.append(None)
            result.append(number)
        return result


def split(items: Sequence[T], size: int = PAGE_SIZE) -> list[tuple[Paging, Sequence[T]]]:
    """``items`` in pages of ``size``, each with its ``Paging``; an empty list gives one page."""
    if size < 1:
        raise ValueError(f"a page holds at least one item, not {size}")
    count = max(1, -(-len(items) // size))
    return [(Paging(number, count), items[(number - 1) * size:number * size])
            for number in range(1, count + 1)]
