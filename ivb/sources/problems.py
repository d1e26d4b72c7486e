"""Problems found in a source, kept within bounds: the first ones whole, all of them counted by kind.

A 50 MB file with one wrong column gives hundreds of thousands of problems. The data steward needs the
first few to see what is wrong and a count per kind to see how much, not 100 MB of lines; and the reading
must not hold every problem in memory either. :class:`Problems` keeps the first :data:`KEEP` and counts the
rest by their kind: the message with its values masked (``'…' is geen geheel getal``), per file and column.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from ivb.formatting import number

KEEP = 30  # problems kept whole, and printed
KINDS = 25  # kinds counted apart; a file whose every message differs counts the rest together
OTHER = "andere problemen"
# What differs between problems of one kind: a quoted value, a key=value, or a word with a digit in it (a count,
# a year, a code such as WK063701 or 2024JJ00).
_VALUE = re.compile(r"'[^']*'|=[^,;)]*|-?\b\w*\d(?:[\w:/-]|[.,]\w)*")


def kind(problem) -> str:
    """What is wrong without the values: ``bronnen/waarden.csv, kolom 'waarde': '…' is geen getal``.

    ``problem`` is a :class:`ivb.sources.records.SourceProblem` or a plain message.
    """
    message = getattr(problem, "message", None)
    if message is None:
        return _VALUE.sub(_mask, str(problem))
    where = [problem.file] + ([f"kolom '{problem.column}'"] if problem.column else [])
    return f"{', '.join(where)}: {_VALUE.sub(_mask, message)}"


def _mask(match: re.Match) -> str:
    text = match.group(0)
    return "'…'" if text.startswith("'") else "=…" if text.startswith("=") else "…"


class Problems:
    """The problems of a check as they are found: the first :data:`KEEP` kept, every one counted by kind.

    Iterating gives the kept problems; ``count`` is how many were found; it is true when there is any.
    """

    def __init__(self, problems: Iterable = ()) -> None:
        self.kept: list = []
        self._kept_kinds: list[str] = []  # the kind each kept problem was counted under (OTHER past KINDS kinds)
        self.count = 0
        self.kinds: Counter[str] = Counter()
        self.extend(problems)

    def _counted(self, found: str, n: int = 1) -> str:
        """Count ``n`` problems of kind ``found``, under OTHER once there are KINDS kinds; the kind they count under."""
        if found not in self.kinds and len(self.kinds) >= KINDS:
            found = OTHER
        self.kinds[found] += n
        return found

    def add(self, problem) -> None:
        self.count += 1
        counted = self._counted(kind(problem))
        if len(self.kept) < KEEP:
            self.kept.append(problem)
            self._kept_kinds.append(counted)

    def extend(self, problems: Iterable) -> None:
        if isinstance(problems, Problems):
            self.count += problems.count
            renamed = {found: self._counted(found, n) for found, n in problems.kinds.items()}
            room = KEEP - len(self.kept)
            self.kept.extend(problems.kept[:room])
            self._kept_kinds.extend(renamed[k] for k in problems._kept_kinds[:room])
            return
        for problem in problems:
            self.add(problem)

    def __iter__(self) -> Iterator:
        return iter(self.kept)

    def __bool__(self) -> bool:
        return self.count > 0

    def lines(self, bullet: str = "") -> list[str]:
        """The kept problems, each after ``bullet``; then what was left out: 'en nog 184.970 problemen, per soort:'
        and a line per kind, '120.000 × bronnen/waarden.csv, kolom 'waarde': '…' is geen getal'."""
        lines = [bullet + str(p) for p in self.kept]
        rest = self.count - len(self.kept)
        if rest <= 0:
            return lines
        left = self.kinds.copy()
        left.subtract(Counter(self._kept_kinds))
        lines.append(f"{bullet}en nog {number(rest)} {plural(rest)}, per soort:")
        indent = " " * (len(bullet) + 2)
        lines += [f"{indent}{number(n)} × {what}" for what, n in left.most_common() if n > 0]
        return lines


def plural(count: int) -> str:
    return "probleem" if count == 1 else "problemen"


def unreadable(exc: OSError) -> str:
    """Why a file the steward named cannot be read, in Dutch (said after its path)."""
    if isinstance(exc, FileNotFoundError):
        return "bestand bestaat niet"
    if isinstance(exc, IsADirectoryError):
        return "is een map, geen bestand; geef het bestand zelf op"
    if isinstance(exc, PermissionError):
        return "is niet te lezen: geen leesrechten"
    return f"is niet te lezen (foutcode {exc.errno})" if exc.errno else "is niet te lezen"
