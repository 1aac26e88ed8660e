"""Charts as inline SVG text (matplotlib, Agg backend), so the report is one self-contained file.

Every chart takes plain figures (Share, lists, dicts) and returns an SVG string; none reads the
store. Rates are drawn with their 95% interval as whiskers or a shaded band."""

from __future__ import annotations

import io
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)
import numpy as np  # noqa: E402

from vigil.report.figures import Share  # noqa: E402

BLUE, ORANGE, GREY, RED, GREEN = "#1f5a96", "#d9822b", "#8a8a8a", "#b8322a", "#2e7d4f"
WIDTH = 7.2  # inches: the drawing area of a chart, fits an A4 page with margins at the report's font size
FULL_WIDTH = 8.0  # inches: a chart this wide (drawing plus labels) fills the column

plt.rcParams.update({
    "svg.fonttype": "none",          # text stays text: smaller files, sharp at any zoom, searchable
    "font.family": "sans-serif",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
})


def _svg(figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(figure)
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    # Cropping to the drawing ("tight") leaves each chart a different width; sizing each as a share
    # of a full-width chart keeps the lettering the same size in every chart.
    width_points = float(re.search(r'<svg[^>]*? width="([\d.]+)pt"', text).group(1))
    share_of_page = min(100.0, 100.0 * width_points / (FULL_WIDTH * 72))
    return re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"',
                  rf'<svg\1 class="chart" style="width: {share_of_page:.1f}%"', text, count=1)


def _percent_axis(axis, which: str = "x") -> None:
    formatter = matplotlib.ticker.PercentFormatter(xmax=1, decimals=0)
    (axis.xaxis if which == "x" else axis.yaxis).set_major_formatter(formatter)


def rate_bars(rows: list[tuple[str, Share | None]], title: str, *, target: float | None = None,
              target_label: str = "", xlabel: str = "") -> str:
    """Horizontal bars of shares with 95% interval whiskers; rows without data are left out."""
    rows = [(label, value) for label, value in rows if value is not None]
    if not rows:
        return ""
    labels = [label for label, _ in rows]
    rates = np.array([value.rate for _, value in rows])
    # Clipped at 0: at a rate of 0% or 100% the interval's bound can land a hair past the rate.
    lower = np.clip(rates - np.array([value.low for _, value in rows]), 0, None)
    upper = np.clip(np.array([value.high for _, value in rows]) - rates, 0, None)
    figure, axis = plt.subplots(figsize=(WIDTH, 0.8 + 0.3 * len(rows)))
    positions = np.arange(len(rows))[::-1]
    axis.barh(positions, rates, color=BLUE, height=0.6)
    axis.errorbar(rates, positions, xerr=[lower, upper], fmt="none", ecolor="#222", capsize=3, linewidth=1)
    for position, value in zip(positions, rates):
        inside = value >= 0.12  # room for the label inside the bar
        axis.text(0.005 if inside else value + 0.005, position, f"{100 * value:.0f}%", va="center", ha="left",
                  color="white" if inside else "black", fontsize=8, fontweight="bold")
    axis.set_yticks(positions, labels)
    axis.set_xlim(0, 1)
    _percent_axis(axis)
    if target is not None:
        axis.axvline(target, color=ORANGE, linestyle="--", linewidth=1.5, label=target_label or "target")
        axis.legend(loc="lower right", frameon=False, fontsize=8)
    axis.set_title(title)
    axis.set_xlabel(xlabel or "share; black whiskers show the 95% interval")
    return _svg(figure)


def grouped_rate_bars(labels: list[str], series: dict[str, list[Share | None]], title: str, *,
                      xlabel: str = "") -> str:
    """Per label, one bar for each series (e.g. grade I and grade S per area), with 95% whiskers."""
    if not labels or not any(v is not None for values in series.values() for v in values):
        return ""
    figure, axis = plt.subplots(figsize=(WIDTH, 0.9 + 0.42 * len(labels)))
    height = 0.8 / len(series)
    base = np.arange(len(labels))[::-1].astype(float)
    for index, (colour, (name, values)) in enumerate(zip((BLUE, ORANGE, GREEN, RED), series.items())):
        positions = base + 0.4 - height * (index + 0.5)
        present = [(p, v) for p, v in zip(positions, values) if v is not None]
        rates = np.array([v.rate for _, v in present])
        axis.barh([p for p, _ in present], rates, height=height * 0.9, color=colour, label=name)
        axis.errorbar(rates, [p for p, _ in present],
                      xerr=[rates - [v.low for _, v in present], [v.high for _, v in present] - rates],
                      fmt="none", ecolor="#222", capsize=2, linewidth=0.8)
    axis.set_yticks(base, labels)
    axis.set_xlim(0, 1)
    _percent_axis(axis)
    axis.legend(frameon=False, fontsize=8, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=len(series))
    axis.set_title(title, pad=18)
    axis.set_xlabel(xlabel or "share; black whiskers show the 95% interval")
    return _svg(figure)


def trend_lines(series: dict[str, list[tuple[str, Share | None]]], title: str, *,
                target: float | None = None, target_label: str = "") -> str:
    """One line per series over months, with its 95% interval as a shaded band."""
    months = sorted({month for rows in series.values() for month, value in rows if value is not None})
    if not months:
        return ""
    figure, axis = plt.subplots(figsize=(WIDTH, 3.2))
    for colour, (name, rows) in zip((BLUE, GREEN, ORANGE, RED), series.items()):
        points = [(months.index(m), v) for m, v in rows if v is not None and m in months]
        if not points:
            continue
        x = [p for p, _ in points]
        axis.plot(x, [v.rate for _, v in points], marker="o", markersize=3, color=colour, label=name)
        axis.fill_between(x, [v.low for _, v in points], [v.high for _, v in points], color=colour, alpha=0.15)
    if target is not None:
        axis.axhline(target, color=ORANGE, linestyle="--", linewidth=1, label=target_label or "target")
    axis.set_xticks(range(len(months)), [_month_label(m) for m in months], rotation=0)
    axis.set_ylim(0, 1.02)
    _percent_axis(axis, "y")
    axis.legend(loc="lower left", frameon=False, fontsize=8, ncol=2)
    axis.set_title(title)
    axis.grid(axis="y", color="#ddd", linewidth=0.5)
    return _svg(figure)


def _month_label(month: str) -> str:
    year, number = month.split("-")
    name = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()[int(number) - 1]
    return f"{name}\n{year}" if number == "01" else name


def answer_time_histogram(histogram: list[tuple[int, int]], slower: int, abandoned: int, *,
                          within: int, bucket: int) -> str:
    """999 calls by seconds to answer, the standard's limit marked; slower and abandoned at the end."""
    if not histogram and not slower and not abandoned:
        return ""
    figure, axis = plt.subplots(figsize=(WIDTH, 2.8))
    starts = [start for start, _ in histogram]
    counts = [n for _, n in histogram]
    colours = [GREEN if start + bucket <= within else RED for start in starts]
    axis.bar(starts, counts, width=bucket * 0.9, align="edge", color=colours)
    edge = (starts[-1] + bucket) if starts else 0
    gap = 3 * bucket  # the two summary bars stand apart from the seconds axis, wide enough to label
    axis.bar([edge + gap, edge + 3 * gap], [slower, abandoned], width=2 * gap * 0.8, align="center",
             color=[RED, GREY])
    axis.set_xticks(list(range(0, edge, 10)) + [edge + gap, edge + 3 * gap],
                    [str(t) for t in range(0, edge, 10)] + [f"{edge} or more", "gave up"])
    axis.axvline(within, color=ORANGE, linestyle="--", linewidth=1.5, label=f"{within} seconds")
    axis.set_xlabel("seconds from the call reaching the force to a handler answering")
    axis.set_ylabel("999 calls")
    axis.legend(frameon=False, fontsize=8)
    axis.set_title("How long 999 callers waited")
    return _svg(figure)


def service_level_heatmap(plan: list[dict], target: float) -> str:
    """Share of 999 calls answered within the standard, day of week by hour of day."""
    if not plan:
        return ""
    grid = np.full((7, 24), np.nan)
    for row in plan:
        if row["observed_service_level"] is not None:
            grid[row["hour_of_week"] // 24, row["hour"]] = row["observed_service_level"]
    figure, axis = plt.subplots(figsize=(WIDTH, 2.9))
    colours = matplotlib.colors.LinearSegmentedColormap.from_list("service", [RED, "#f3d36b", GREEN])
    image = axis.imshow(grid, aspect="auto", cmap=colours, vmin=min(0.5, float(np.nanmin(grid)) if
                                                                     np.isfinite(grid).any() else 0.5), vmax=1)
    for day in range(7):
        for hour in range(24):
            value = grid[day, hour]
            if np.isfinite(value) and value < target:
                axis.text(hour, day, f"{100 * value:.0f}", ha="center", va="center", fontsize=6.5, color="black")
    axis.set_yticks(range(7), ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
    axis.set_xticks(range(0, 24, 2), [f"{h:02d}:00" for h in range(0, 24, 2)])
    axis.spines[:].set_visible(False)
    bar = figure.colorbar(image, ax=axis, fraction=0.03, pad=0.01)
    bar.ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(xmax=1, decimals=0))
    axis.set_title(f"999 calls answered within the standard, by hour (numbers: hours below {100 * target:.0f}%)")
    return _svg(figure)


def staffing_lines(plan: list[dict]) -> str:
    """Handlers needed for the standard against handlers rostered, over the 168 hours of a week."""
    if not plan:
        return ""
    hours = [row["hour_of_week"] for row in plan]
    needed = [row["handlers_needed"] for row in plan]
    rostered = [row["handlers_rostered_mean"] if row["handlers_rostered_mean"] is not None else np.nan
                for row in plan]
    figure, axis = plt.subplots(figsize=(WIDTH, 2.9))
    axis.step(hours, needed, where="post", color=BLUE, label="needed to answer 90% within 10 s")
    axis.step(hours, rostered, where="post", color=ORANGE, label="rostered (average)")
    short = np.array(rostered, dtype=float) < np.array(needed, dtype=float)
    axis.fill_between(hours, 0, max(max(needed), np.nanmax(rostered) if np.isfinite(rostered).any() else 0) + 1,
                      where=short, step="post", color=RED, alpha=0.12, label="too few rostered")
    axis.set_xticks(range(0, 168, 24), ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], ha="left")
    axis.set_xlim(0, 168)
    axis.set_ylim(0, max(max(needed), np.nanmax(rostered) if np.isfinite(rostered).any() else 0) + 1)
    axis.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    axis.set_ylabel("999 call handlers")
    axis.legend(frameon=False, fontsize=8, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=3)
    axis.set_title("999 call handlers needed and rostered, hour by hour through the week", pad=18)
    return _svg(figure)


def caseload_strips(teams: list, threshold: int) -> str:
    """Open investigations per investigator, one row of dots per team, the threshold marked."""
    if not teams:
        return ""
    figure, axis = plt.subplots(figsize=(WIDTH, 0.9 + 0.45 * len(teams)))
    generator = np.random.default_rng(0)  # fixed jitter: the same data draws the same picture
    for position, team in enumerate(teams):
        loads = np.array(team.loads, dtype=float)
        axis.scatter(loads, position + generator.uniform(-0.18, 0.18, loads.size), s=14, color=BLUE, alpha=0.7)
        axis.plot([team.median, team.median], [position - 0.3, position + 0.3], color="black", linewidth=2)
    axis.axvline(threshold, color=RED, linestyle="--", linewidth=1.2, label=f"threshold ({threshold})")
    axis.set_yticks(range(len(teams)), [f"{t.team} ({t.investigators})" for t in teams])
    axis.set_xlabel("open investigations held by one investigator (black bar: team median)")
    axis.set_xlim(left=0)
    axis.legend(frameon=False, fontsize=8, loc="lower left", bbox_to_anchor=(0, 1.0))
    axis.set_title("Caseload by team (number of investigators in brackets)", pad=18)
    return _svg(figure)


def monthly_lines(series: dict[str, list[tuple[str, float]]], title: str, ylabel: str) -> str:
    """One line per series over months (plain counts, no interval)."""
    months = sorted({month for rows in series.values() for month, _ in rows})
    if not months:
        return ""
    figure, axis = plt.subplots(figsize=(WIDTH, 3.0))
    for colour, (name, rows) in zip((BLUE, GREEN, ORANGE, RED, "#6a3d9a", "#555555"), series.items()):
        axis.plot([months.index(m) for m, _ in rows], [v for _, v in rows], marker="o", markersize=3,
                  color=colour, label=name)
    axis.set_xticks(range(len(months)), [_month_label(m) for m in months])
    axis.set_ylim(bottom=0)
    axis.set_ylabel(ylabel)
    axis.legend(frameon=False, fontsize=8, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=min(len(series), 4))
    axis.set_title(title, pad=18)
    axis.grid(axis="y", color="#ddd", linewidth=0.5)
    return _svg(figure)


def stacked_counts(rows: list[dict], columns: dict[str, str], title: str, label_key: str = "area") -> str:
    """Horizontal stacked bars of counts per row (columns: key -> legend label)."""
    if not rows or not any(row.get(key) for row in rows for key in columns):
        return ""
    figure, axis = plt.subplots(figsize=(WIDTH, 0.9 + 0.3 * len(rows)))
    positions = np.arange(len(rows))[::-1]
    left = np.zeros(len(rows))
    for colour, (key, label) in zip((RED, ORANGE, BLUE, GREEN), columns.items()):
        values = np.array([row.get(key, 0) for row in rows], dtype=float)
        axis.barh(positions, values, left=left, color=colour, height=0.6, label=label)
        left += values
    axis.set_yticks(positions, [row[label_key] for row in rows])
    axis.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    axis.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(0, -0.9 / (0.9 + 0.3 * len(rows))),
                ncol=len(columns))
    axis.set_xlabel("findings (open or confirmed)")
    axis.set_title(title)
    return _svg(figure)
