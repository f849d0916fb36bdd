"""gailint: a linter for 政府信息公开工作年度报告.

The public API for plugin authors lives in `gailint.plugin`; the testing kit
in `gailint.testing`. Everything else is internal.
"""

__version__ = "0.1.0"
