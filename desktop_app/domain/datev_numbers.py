"""The numbers DATEV gives a Mandant: the Beraternummer has four to seven digits, the
Mandantennummer up to five."""

BERATER_RANGE = (1001, 9_999_999)
MANDANT_RANGE = (1, 99_999)
