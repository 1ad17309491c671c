"""Charts (inline SVG drawn by matplotlib) and data tables for benchmark results.

The SVG is made to sit inside a page: no global ``<style>``, a transparent
background, text and axes in ``currentColor`` (so they follow the page's light or
dark palette), mid-tone series colours that read on both, distinct markers and line
styles for readers who do not tell the colours apart, a ``<title>`` and
``role="img"`` for screen readers, and unique element ids per chart. matplotlib is
imported on first use, so the rest of the package works without it.
"""

from __future__ import annotations

import html
import io
import re

from concurrency_bench.benchmarks import BenchResult
from concurrency_bench.stored import drawn_once

__all__ = ["chart_markdown", "render_svg", "table_markdown", "table_text"]

_INK = "#123456"
"""Placeholder colour for text and axes, replaced by ``currentColor`` in the SVG."""
_COLOURS = ["#3b82c4", "#e0712c", "#2f9e6e", "#a05fc0"]
_BY_LABEL = {"threads": 0, "processes": 1, "ceiling": 2, "sequential": 3}
"""The same colour, marker and line style for the same kind of worker on every chart."""
_MARKERS = ["o", "s", "^", "D"]
_STYLES = ["-", "-", "-", ":"]


def _description(result: BenchResult) -> str:
    parts = []
    for s in result.series:
        points = ", ".join(
            f"{_short(x)}: {y:.3g}" for x, y in zip(s.x, s.y, strict=True)
        )
        parts.append(f"{s.label} ({points})")
    return f"{result.title}. {result.y_label or result.x_label}: " + "; ".join(parts)


def _short(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


@drawn_once
def render_svg(result: BenchResult) -> str:
    """The chart of ``result`` as an inline ``<svg>`` element (a string).

    Drawn once per result (and matplotlib version): kept by `stored.drawn_once`.
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.ticker import FuncFormatter, NullLocator

    rc = {
        "svg.fonttype": "none",
        "svg.hashsalt": f"concurrency-bench-{result.key}",
        "font.family": "sans-serif",
        "font.size": 10,
        "text.color": _INK,
        "axes.labelcolor": _INK,
        "axes.edgecolor": _INK,
        "xtick.color": _INK,
        "ytick.color": _INK,
        "grid.color": _INK,
        "grid.alpha": 0.18,
        "legend.frameon": False,
    }
    with plt.rc_context(rc):
        fig, ax = plt.subplots(figsize=(7.2, 4.2), layout="constrained")
        ax.set_facecolor("none")
        fig.patch.set_alpha(0)
        if result.bars:
            _draw_bars(ax, result)
        else:
            _draw_lines(ax, result)
            if result.log_x:
                ax.set_xscale("log", base=2)
            if result.log_y:
                ax.set_yscale("log")
            if result.log_x or not result.log_y:
                xs = sorted({x for s in result.series for x in s.x})
                ax.set_xticks(xs)
                ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: _short(v)))
                ax.xaxis.set_minor_locator(NullLocator())
            if result.log_y and result.log_x and result.reference is not None:
                ax.set_yticks(result.reference.y)
                ax.yaxis.set_minor_locator(NullLocator())
            if result.log_y:
                ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
            ax.legend(loc="best", fontsize=9)
        ax.set_title(result.title, fontsize=11, loc="left")
        ax.set_xlabel(result.x_label)
        if result.y_label:
            ax.set_ylabel(result.y_label)
        ax.grid(True, which="major")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        fig.supxlabel(
            f"{result.stamp.label()} · median of {result.rounds} rounds",
            x=0.99,
            ha="right",
            fontsize=7.5,
            alpha=0.75,
        )
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", transparent=True)
        plt.close(fig)
    return _inline(buffer.getvalue(), result)


def _draw_lines(ax: object, result: BenchResult) -> None:
    ref = result.reference
    if ref is not None:
        ax.plot(
            ref.x,
            ref.y,
            linestyle="--",
            color=_INK,
            alpha=0.55,
            linewidth=1.2,
            label=ref.label,
        )  # type: ignore[attr-defined]
    for j, s in enumerate(result.series):
        i = next((v for k, v in _BY_LABEL.items() if s.label.startswith(k)), j)
        colour = _COLOURS[i % len(_COLOURS)]
        is_ceiling = s.label.startswith("ceiling")
        ax.plot(  # type: ignore[attr-defined]
            s.x,
            s.y,
            marker="x" if is_ceiling else _MARKERS[i % len(_MARKERS)],
            markersize=8 if is_ceiling else 5,
            linestyle="none" if is_ceiling else _STYLES[i % len(_STYLES)],
            linewidth=1.8,
            color=colour,
            label=s.label,
        )
        if s.low and s.high and len(s.x) > 1 and not is_ceiling:
            ax.fill_between(s.x, s.low, s.high, color=colour, alpha=0.15, linewidth=0)  # type: ignore[attr-defined]
        elif s.low and s.high:
            ax.errorbar(  # type: ignore[attr-defined]
                s.x,
                s.y,
                yerr=[
                    [y - lo for y, lo in zip(s.y, s.low, strict=True)],
                    [hi - y for y, hi in zip(s.y, s.high, strict=True)],
                ],
                fmt="none",
                ecolor=colour,
                capsize=3,
            )
    if not result.log_y:
        ax.set_ylim(bottom=0)  # type: ignore[attr-defined]


def _draw_bars(ax: object, result: BenchResult) -> None:
    bars = result.series[0]
    labels = [row[0] for row in result.rows]
    colours = [_COLOURS[0] if label == "thread" else _COLOURS[1] for label in labels]
    ax.barh(  # type: ignore[attr-defined]
        range(len(bars.y)),
        bars.y,
        xerr=[
            [y - lo for y, lo in zip(bars.y, bars.low, strict=True)],
            [hi - y for y, hi in zip(bars.y, bars.high, strict=True)],
        ],
        color=colours,
        ecolor=_INK,
        capsize=3,
        height=0.6,
    )
    ax.set_yticks(range(len(labels)), labels)  # type: ignore[attr-defined]
    ax.invert_yaxis()  # type: ignore[attr-defined]
    ax.set_xscale("log")  # type: ignore[attr-defined]
    if result.reference is not None:
        ax.axvline(  # type: ignore[attr-defined]
            result.reference.y[0],
            linestyle="--",
            color=_INK,
            alpha=0.55,
            linewidth=1.2,
            label=result.reference.label,
        )
        ax.legend(loc="lower right", fontsize=9)  # type: ignore[attr-defined]
    for i, y in enumerate(bars.y):
        ax.annotate(  # type: ignore[attr-defined]
            f"{y:.3g} ms",
            (y, i),
            xytext=(6, 6),
            textcoords="offset points",
            fontsize=8.5,
            va="bottom",
        )


def _inline(svg: str, result: BenchResult) -> str:
    """Make matplotlib's SVG document fit inside an HTML page."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    # matplotlib's "*{stroke-linejoin…}" rule would apply to the whole page.
    svg = re.sub(r"<style[^>]*>.*?</style>", "", svg, flags=re.S)
    svg = svg.replace(_INK, "currentColor")
    svg = re.sub(r'\s(width|height)="[\d.]+pt"', "", svg, count=2)
    title_id = f"bench-{result.key}-title"
    desc_id = f"bench-{result.key}-desc"
    svg = svg.replace(
        "<svg ",
        f'<svg role="img" aria-labelledby="{title_id} {desc_id}" '
        f'class="bench-chart" style="width:100%;height:auto;max-width:48rem" ',
        1,
    )
    head_end = svg.index(">", svg.index("<svg")) + 1
    title = html.escape(f"{result.title} ({result.stamp.label()})")
    desc = html.escape(_description(result))
    svg = (
        svg[:head_end]
        + f'\n<title id="{title_id}">{title}</title>'
        + f'\n<desc id="{desc_id}">{desc}</desc>'
        + svg[head_end:]
    )
    # Unique ids across the charts of one page.
    svg = re.sub(r'id="([^"]+)"', lambda m: f'id="{_scoped(m.group(1), result)}"', svg)
    svg = re.sub(
        r"url\(#([^)]+)\)", lambda m: f"url(#{_scoped(m.group(1), result)})", svg
    )
    svg = re.sub(
        r'xlink:href="#([^"]+)"',
        lambda m: f'xlink:href="#{_scoped(m.group(1), result)}"',
        svg,
    )
    # A blank line would end the raw HTML block in Markdown.
    return "\n".join(line for line in svg.splitlines() if line.strip())


def _scoped(element_id: str, result: BenchResult) -> str:
    prefix = f"bench-{result.key}-"
    return element_id if element_id.startswith(prefix) else prefix + element_id


def table_markdown(result: BenchResult) -> str:
    """The measured numbers as a Markdown table."""
    lines = [
        "| " + " | ".join(result.columns) + " |",
        "|" + "|".join(" ---: " for _ in result.columns) + "|",
    ]
    lines += [
        "| " + " | ".join(cell or "–" for cell in row) + " |" for row in result.rows
    ]
    return "\n".join(lines)


def table_text(result: BenchResult) -> str:
    """The measured numbers as an aligned plain-text table (for the terminal)."""
    rows = [result.columns, *result.rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(result.columns))]
    lines = [
        "  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join([result.title, *lines])


def chart_markdown(result: BenchResult) -> str:
    """Markdown for a page: the chart in a ``<figure>``, then its data table."""
    caption = html.escape(
        f"{result.stamp.label()} · median of {result.rounds} interleaved rounds "
        f"({result.size} size); the shaded band or whiskers span the fastest and "
        "slowest round."
    )
    return (
        f'<figure class="bench-figure" style="width:100%">\n{render_svg(result)}\n'
        f"<figcaption>{caption}</figcaption>\n</figure>\n\n"
        f"{table_markdown(result)}\n"
    )
