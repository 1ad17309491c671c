"""Tie numbers and version ranges quoted in the prose to the code that backs them.

Two markers, written as HTML comments so that readers never see them:

``<!-- value: snippets/<part>/<chapter>/x.py NAME -->``
    placed right after a number in the text ("repeated five<!-- value: … REPEATS -->
    times"). The number just before the marker, in digits or as an English word,
    must equal the module-level constant ``NAME`` of the snippet.

``<!-- versions: snippets/<part>/<chapter>/x.py 3.10-3.13 "text" -->``
    placed in the paragraph that states a version range. On every interpreter of
    the matrix that is installed, the snippet's output (stdout and stderr) must
    contain ``text`` exactly when the interpreter's version is in the range; and
    the paragraph must name the range's bounds as written. A bound may be a minor
    version (``3.13``: every 3.13 patch release) or a patch release (``3.13.7``).
    ``3.14+`` has no upper bound, ``-3.13`` no lower bound.

A sentence that says a behaviour was observed, reproduced or printed on a given
version must carry a ``versions`` marker in its paragraph.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

Version = tuple[int, int, int]

VALUE = re.compile(r"<!--\s*value:\s*(\S+\.py)\s+(\w+)\s*-->")
VERSIONS = re.compile(
    r"<!--\s*versions:\s*(\S+\.py)\s+(\d+\.\d+(?:\.\d+)?)?([-+])(\d+\.\d+(?:\.\d+)?)?"
    r'\s+"([^"]+)"\s*-->'
)
ANY_MARKER = re.compile(r"<!--\s*(value|versions):")
OBSERVED_CLAIM = re.compile(
    r"\b(?:observed|reproduced|printed|seen)\s+(?:here\s+)?on\s+(?:CPython\s+)?3\.\d+",
    re.IGNORECASE,
)
_WORD_LIST = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
)
WORDS = {word: n for n, word in enumerate(_WORD_LIST.split())}
_NUMBER_BEFORE = re.compile(r"([\d][\d ,\u202f\u2009.]*\d|\d|[A-Za-z]+)[*_`]*\s*$")


@dataclass(frozen=True)
class Marker:
    """One marker found on a page."""

    page: str
    line: int
    kind: str
    snippet: str
    args: tuple[str, ...]
    before: str
    paragraph: str

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"


_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def without_code(text: str) -> list[str]:
    """The page's lines, with fenced code blocks blanked (examples, not claims)."""
    lines, fence = [], ""
    for line in text.splitlines():
        match = _FENCE.match(line)
        if fence:
            if (
                match
                and match.group(1)[0] == fence[0]
                and len(match.group(1)) >= len(fence)
            ):
                fence = ""
            lines.append("")
        elif match:
            fence = match.group(1)
            lines.append("")
        else:
            lines.append(line)
    return lines


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(first line number, text) of each block separated by blank lines.

    Fenced code blocks are left out: a marker shown as an example is not checked.
    """
    blocks, start, lines = [], 1, []
    for number, line in enumerate(without_code(text), start=1):
        if line.strip():
            if not lines:
                start = number
            lines.append(line)
        elif lines:
            blocks.append((start, "\n".join(lines)))
            lines = []
    if lines:
        blocks.append((start, "\n".join(lines)))
    return blocks


def find_markers(page: str, text: str) -> list[Marker]:
    """Every ``value`` and ``versions`` marker of a page."""
    markers = []
    for first_line, block in paragraphs(text):
        for match in VALUE.finditer(block):
            markers.append(
                Marker(
                    page,
                    first_line + block.count("\n", 0, match.start()),
                    "value",
                    match.group(1),
                    (match.group(2),),
                    block[: match.start()],
                    block,
                )
            )
        for match in VERSIONS.finditer(block):
            low, sign, high, text_ = match.group(2, 3, 4, 5)
            markers.append(
                Marker(
                    page,
                    first_line + block.count("\n", 0, match.start()),
                    "versions",
                    match.group(1),
                    (low or "", sign, high or "", text_),
                    block[: match.start()],
                    block,
                )
            )
    return markers


def malformed_markers(page: str, text: str) -> list[str]:
    """Comments that look like markers but do not parse."""
    problems = []
    for first_line, block in paragraphs(text):
        for match in ANY_MARKER.finditer(block):
            rest = block[match.start() :]
            if not (VALUE.match(rest) or VERSIONS.match(rest)):
                line = first_line + block.count("\n", 0, match.start())
                problems.append(f"{page}:{line}: malformed marker {rest[:60]!r}")
    return problems


def unbacked_claims(page: str, text: str) -> list[str]:
    """Paragraphs that claim an observation on a version without a versions marker."""
    problems = []
    for first_line, block in paragraphs(text):
        if block.lstrip().startswith(("```", "|")):
            continue
        claim = OBSERVED_CLAIM.search(block)
        if claim and not VERSIONS.search(block):
            problems.append(
                f"{page}:{first_line}: {claim.group(0)!r} has no versions marker"
            )
    return problems


def constant(path: Path, name: str) -> object:
    """The literal value of a module-level ``NAME = ...`` in a Python file."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id == name:
                    return ast.literal_eval(node.value)
    raise LookupError(f"{path.name} has no module-level constant {name}")


def number_before(text: str) -> float | None:
    """The number that ``text`` ends with (digits or an English word), if any."""
    match = _NUMBER_BEFORE.search(text)
    if not match:
        return None
    token = match.group(1)
    if token.lower() in WORDS:
        return WORDS[token.lower()]
    digits = re.sub(r"[ ,\u202f\u2009]", "", token)
    try:
        return float(digits)
    except ValueError:
        return None


def check_value(marker: Marker, root: Path) -> str | None:
    """None if the number before the marker equals the snippet's constant."""
    try:
        expected = constant(root / marker.snippet, marker.args[0])
    except (OSError, LookupError, ValueError) as exc:
        return f"{marker.where}: {exc}"
    written = number_before(marker.before)
    if written is None:
        return f"{marker.where}: no number right before the value marker"
    if not isinstance(expected, (int, float)) or written != expected:
        return (
            f"{marker.where}: the text says {written:g} but "
            f"{marker.snippet} has {marker.args[0]} = {expected!r}"
        )
    return None


def parse_version(text: str, upper: bool) -> Version | None:
    if not text:
        return None
    parts = [int(p) for p in text.split(".")]
    if len(parts) == 2:
        parts.append(10**6 if upper else 0)
    return (parts[0], parts[1], parts[2])


def in_range(version: Version, low: str, sign: str, high: str) -> bool:
    lower = parse_version(low, upper=False)
    upper = parse_version(high, upper=True) if sign == "-" else None
    return (lower is None or version >= lower) and (upper is None or version <= upper)


def check_versions(marker: Marker, outputs: Mapping[Version, str]) -> list[str]:
    """Problems with one versions marker, given the outputs of the installed pythons.

    ``outputs`` maps each interpreter's (major, minor, micro) to what the snippet
    printed there (stdout and stderr together).
    """
    low, sign, high, needle = marker.args
    prose = re.sub(r"<!--.*?-->", "", marker.paragraph, flags=re.DOTALL)
    problems = [
        f"{marker.where}: the paragraph does not name {bound!r}, the range's bound"
        for bound in (low, high)
        if bound and not re.search(rf"(?<![\d.]){re.escape(bound)}(?!\.?\d)", prose)
    ]
    for version, output in sorted(outputs.items()):
        expected = in_range(version, low, sign, high)
        if (needle in output) != expected:
            shown = ".".join(map(str, version))
            says = "in" if expected else "outside"
            problems.append(
                f"{marker.where}: {marker.snippet} on {shown} ({says} the stated range "
                f"{low}{sign}{high}) {'does not print' if expected else 'prints'} "
                f"{needle!r}"
            )
    return problems
