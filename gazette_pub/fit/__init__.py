"""``gazette theme fit``: a print theme fitted to the start pages of an issue's own 目录.

:mod:`.estimate` (a line-count model, no rendering) → :mod:`.search` (a few real
layouts correct the model) → :mod:`.theme_file` (an ordinary theme.toml beside the
gazette's gazette.toml, with a comment saying what it was fitted on and how well).
"""

from .search import MAX_RENDERS, FitResult, NotEnoughEvidence, fit_issue
from .theme_file import fit_and_save, save_theme, theme_toml

__all__ = ["MAX_RENDERS", "FitResult", "NotEnoughEvidence", "fit_issue", "fit_and_save",
           "save_theme", "theme_toml"]
