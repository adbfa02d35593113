"""What pytest collects from the whole tree: doctests of modules whose optional dependency is installed.

``kyodo._fy_arrow`` exists only for pyarrow (the ``fiscal_year`` column in parquet files); without
pyarrow, importing it fails by design, so its doctests are not collected.
"""

import importlib.util

collect_ignore = [] if importlib.util.find_spec("pyarrow") else ["src/kyodo/_fy_arrow.py"]
