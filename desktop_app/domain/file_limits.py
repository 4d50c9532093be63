"""How large an import file may be: shared by the download and the parsers, apart from
the formats package so that the transfer code does not load every parser with it."""

MAX_FILE_BYTES = 50 * 1024 * 1024
