"""Timing harness: warm-up, interleaved repetitions, median and spread.

On a shared, noisy machine a single timing means little, and timing all the A runs
before all the B runs turns a burst of background load into a fake difference. So
every comparison here runs its cases in rounds (A, B, C, then C, B, A, …): each
round measures every case once, within a fraction of a second of each other, and the
figures reported are medians over rounds.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

__all__ = ["Measurement", "interleaved", "median_ratio", "time_call"]

Progress = Callable[[str], None]
"""Receives a short description of each step (used by the command line's display)."""


@dataclass(frozen=True)
class Measurement:
    """Repeated timings of one case, in seconds."""

    label: str
    """What was timed, e.g. ``processes ×2``."""
    samples: tuple[float, ...]
    """One duration per round, in the order they were measured."""

    @property
    def median(self) -> float:
        """The median duration (the figure reported)."""
        return statistics.median(self.samples)

    @property
    def low(self) -> float:
        """The fastest round."""
        return min(self.samples)

    @property
    def high(self) -> float:
        """The slowest round."""
        return max(self.samples)

    @property
    def spread(self) -> float:
        """``(high - low) / median``: 0.1 means the rounds differ by 10 % of the median."""
        return (self.high - self.low) / self.median if self.median else 0.0


def time_call(func: Callable[[], object]) -> float:
    """Seconds taken by one call of ``func``."""
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def interleaved(
    cases: Mapping[str, Callable[[], float]],
    *,
    rounds: int,
    warmup: int = 1,
    progress: Progress | None = None,
) -> dict[str, Measurement]:
    """Time every case once per round, alternating the order; return medians per case.

    Args:
        cases: label → a callable that runs the case once and returns the seconds
            to count (so a case can leave out its own set-up, such as starting a
            pool, by timing only the part that matters).
        rounds: How many timed rounds.
        warmup: Untimed rounds run first (caches, lazy imports, CPU frequency).
        progress: Called with a description before each round.
    """
    labels = list(cases)
    for i in range(warmup):
        if progress:
            progress(f"warm-up {i + 1}/{warmup}")
        for label in labels:
            cases[label]()
    samples: dict[str, list[float]] = {label: [] for label in labels}
    for r in range(rounds):
        if progress:
            progress(f"round {r + 1}/{rounds}")
        order = labels if r % 2 == 0 else labels[::-1]
        for label in order:
            samples[label].append(cases[label]())
    return {label: Measurement(label, tuple(samples[label])) for label in labels}


def median_ratio(numerator: Measurement, denominator: Measurement) -> float:
    """Median over rounds of ``numerator / denominator``, pairing the same round.

    Pairing samples taken seconds apart cancels slow drifts in background load
    better than dividing two medians.
    """
    return ratios(numerator.samples, denominator.samples)[1]


def ratios(
    numerators: Sequence[float], denominators: Sequence[float]
) -> tuple[float, float, float]:
    """Per-round ratios of two sample lists: ``(low, median, high)``."""
    values = [n / d for n, d in zip(numerators, denominators, strict=True) if d > 0]
    return min(values), statistics.median(values), max(values)
