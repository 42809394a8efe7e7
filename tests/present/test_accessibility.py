"""Every chart a reader sees has a title, a one-sentence caption, labelled axes, and safe colours."""

import nbformat
import pytest

from helpers.present.charts import OKABE_ITO, TOL_MUTED, group_colors
from helpers.present.report import PLOTLY_MIME, notebook_paths

FIGURES = [(path.name, number, output["data"][PLOTLY_MIME])
           for path in notebook_paths()
           for number, cell in enumerate(nbformat.read(path, as_version=4).cells)
           for output in cell.get("outputs", []) if PLOTLY_MIME in output.get("data", {})]


def test_the_notebooks_show_charts():
    assert len(FIGURES) >= 10


@pytest.mark.parametrize(("notebook", "cell", "figure"), FIGURES, ids=[f"{n}:{c}" for n, c, _ in FIGURES])
def test_every_chart_has_a_title_a_caption_and_axis_titles(notebook, cell, figure):
    layout = figure["layout"]
    title = layout.get("title", {})
    assert title.get("text"), "no title"
    caption = title.get("subtitle", {}).get("text", "")
    assert caption and caption.endswith(".") and len(caption) > 20, f"no one-sentence caption: {caption!r}"
    for axis in ("xaxis", "yaxis"):
        if axis in layout and layout[axis].get("visible", True) is not False:
            assert layout[axis].get("title", {}).get("text"), f"{axis} has no title"


def test_group_colours_come_from_colour_blind_safe_palettes():
    colors = group_colors([f"outlet {i}" for i in range(20)])
    assert set(colors.values()) - {"#BBBBBB"} <= set(OKABE_ITO + TOL_MUTED)
