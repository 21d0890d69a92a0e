"""The profile as a horizontal bar chart, laid out here and drawn as inline SVG by a template.

Coordinates are computed for the page's writing direction: in Arabic the labels stand on the
right and the bars grow leftwards, so the chart reads the same way as the text around it.
"""

from dataclasses import dataclass

WIDTH = 640
ROW = 44
LABEL_WIDTH = 190
VALUE_WIDTH = 60
BAR_HEIGHT = 24
TOP = 8


@dataclass(frozen=True)
class Bar:
    score: object
    weak: bool
    y: float
    text_y: float
    label_x: float
    bar_x: float
    bar_width: float
    track_x: float
    value_x: float


@dataclass(frozen=True)
class Chart:
    bars: tuple
    width: int
    height: int
    track_width: int
    anchor: str
    rtl: bool


def profile_chart(profile, *, rtl=False):
    track = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = []
    for row, score in enumerate(profile.scores):
        y = TOP + row * ROW
        length = float(score.share) * track
        if rtl:
            label_x, track_x = WIDTH, VALUE_WIDTH
            bar_x, value_x = WIDTH - LABEL_WIDTH - length, WIDTH - LABEL_WIDTH - length - 6
        else:
            label_x, track_x = 0, LABEL_WIDTH
            bar_x, value_x = LABEL_WIDTH, LABEL_WIDTH + length + 6
        bars.append(
            Bar(
                score=score,
                weak=profile.is_weak(score),
                y=y,
                text_y=y + BAR_HEIGHT / 2 + 5,
                label_x=label_x,
                bar_x=round(bar_x, 1),
                bar_width=round(length, 1),
                track_x=track_x,
                value_x=round(value_x, 1),
            )
        )
    return Chart(
        bars=tuple(bars),
        width=WIDTH,
        height=TOP * 2 + ROW * len(bars),
        track_width=track,
        # "start" follows the text's direction, so in right-to-left text it anchors the right.
        anchor="start",
        rtl=rtl,
    )
