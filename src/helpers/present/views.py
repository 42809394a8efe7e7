"""HTML views that show the evidence behind the numbers.

Article text is untrusted: every piece of it goes through ``html.escape``.
Styles are inline so the views look the same in JupyterLab and the report.
"""

from __future__ import annotations

import html


def escape(text: str) -> str:
    """Escape untrusted text for HTML, quotes included."""
    return html.escape(str(text), quote=True)












