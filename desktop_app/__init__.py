"""Buchhaltungsimport per FTP."""

__version__ = "0.1.0"
