"""A file read with the wrong Importart says which Importart it looks like."""

from itertools import product

import pytest

from desktop_app.domain.formats import FORMAT_IDS, FormatError, WrongFormatError, parse
from desktop_app.domain.interface import ImportFormat

from .test_samples import FILES, SAMPLES

OPEN_ITEMS = {"open-items", "datev-opos"}
PAIRS = [
    (name, chosen)
    for (name, actual), chosen in product(FILES.items(), FORMAT_IDS)
    if chosen != actual and not {chosen, actual} <= OPEN_ITEMS
]


@pytest.mark.parametrize(("name", "chosen"), PAIRS)
def test_every_wrong_importart_names_the_one_it_looks_like(name: str, chosen: str) -> None:
    looks = ImportFormat(FILES[name])
    with pytest.raises(WrongFormatError) as info:
        parse((SAMPLES / name).read_bytes(), chosen, file_name=name)
    message = info.value.message_de
    assert f"sieht aus wie {looks.label_de}" in message
    assert "Importart" in message and "neu anfordern" not in message


def test_the_two_open_item_lists_may_be_read_as_each_other() -> None:
    data = (SAMPLES / "datev_opos.csv").read_bytes()
    try:
        parse(data, "open-items", file_name="opos.csv")
    except FormatError as error:
        assert "sieht aus wie" not in error.message_de


def test_an_unknown_text_read_as_camt_is_no_xml_error() -> None:
    with pytest.raises(WrongFormatError) as info:
        parse(b"Hallo;Welt\r\n1;2\r\n", "camt053", file_name="x.xml")
    assert "keine XML-Datei" in info.value.message_de
