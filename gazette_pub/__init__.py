"""gazette_pub: from government gazette documents to a print PDF and an HTML edition."""

__version__ = "0.1.0"
