"""Names compared the way a person reads them: in any case, in every script. `str.casefold`
does most of it (ß is ss, a final sigma a sigma); Turkish dotted and dotless i are read as i
too (`İSMAİL IŞIK` is İsmail Işık), which casefold alone does not do. SQLite's own NOCASE
folds only A to Z, so speaker and tag names are compared with this instead."""

from __future__ import annotations

from functools import lru_cache

_DOTTED_I = "i\u0307"  # what casefold makes of İ


@lru_cache(maxsize=4096)
def fold(name: str) -> str:
    """`name` as compared: `fold("TOMÁS") == fold("tomás")`, `fold("Straße") == fold("STRASSE")`."""
    return name.casefold().replace(_DOTTED_I, "i").replace("ı", "i")


def folded_order(a: str, b: str) -> int:
    """The FOLD collation, for SQL: names ordered and equal as `fold` reads them."""
    a, b = fold(a), fold(b)
    return (a > b) - (a < b)
