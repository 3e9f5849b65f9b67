#!/usr/bin/env python3
"""Build every issue under issues/ (``python build.py``), or pass ``gazette`` arguments."""

import sys

from gazette_pub.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["build"]))
